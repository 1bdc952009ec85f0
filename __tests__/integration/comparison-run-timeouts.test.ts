import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import { compareInputs, quickRun, reportOf } from '../helpers/comparison.js'
import { finishedAtOnce } from '../helpers/follow-on-clock.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// A comparison run cut short by timeout-seconds: while the run is still going (it is stopped), and
// while its results are read (what was read is kept, never a pass, never a partial SQL file handed
// over). The bundle, as a runner runs it.

afterEach(stopSimulators)

describe('a comparison run cut short by timeout-seconds', () => {
  it('a run that never finishes times out, naming the comparison phase, and is stopped', async () => {
    // The precheck passes at its first answer, so even a loaded machine reaches the run in time.
    const scenario = finishedAtOnce('compare-stuck')
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'timeout-seconds': '2' })
    )
    expect(result.exitCode).toBe(1)
    const execId = result.outputs['comparison-exec-id']
    expect(result.outputs['comparison-status']).toBe('running')
    expect(result.outputs['status']).toBe('Success')
    expect(failureMessage(result)).toBe(
      `The precheck passed. The comparison run ${execId} did not finish within timeout-seconds (2 s). The last run status seen was "running". NineData was asked to stop the run. Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`
    )
    expect(result.summary).toContain('## ⏱️ NineData schema comparison timed out')
    expect(sim.count('results')).toBe(0)
    // A run left going would hold the task for the next workflow run.
    expect(sim.count('stop')).toBe(1)
  })

  it('a timeout while reading results says so, and keeps what was read', async () => {
    // Each correction SQL answer takes 1 s: 130 objects, at most 16 at a time, need more than 8 s.
    // The precheck passes at its first answer, so even a loaded machine reaches the results in time.
    const scenario = finishedAtOnce('compare-differ', {
      run: quickRun('compare-differ').run,
      correctionSqlAnswer: () => ({ fault: { type: 'delay', ms: 1000 } })
    })
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'timeout-seconds': '4' })
    )
    expect(result.exitCode).toBe(1)
    const execId = result.outputs['comparison-exec-id']
    expect(failureMessage(result)).toMatch(
      new RegExp(
        `^The precheck passed\\. Reading the results of comparison run ${execId} did not finish within timeout-seconds \\(4 s\\)\\.`
      )
    )
    expect(result.outputs['comparison-status']).toBe('success')
    // Not every object was read: no count, never a partial one.
    expect(result.outputs['difference-count']).toBeUndefined()
    expect(result.outputs['different-objects']).toBeUndefined()
    expect(visibleText(result.summary)).toMatch(
      /Objects\s+130 compared, \d differ, \d+ not verified/
    )
    expect(sim.count('correctionSql')).toBeLessThan(130)
    const objects = reportOf(result).comparisonRun?.objects ?? []
    expect(objects).toHaveLength(130)
    expect(objects.filter(o => o.correctSql !== null).length).toBeGreaterThan(0)
    // The SQL read so far is never handed over as if it were the whole fix.
    expect(result.outputs['correction-sql-file']).toBeUndefined()
    const partial = Object.entries(result.tempFiles).filter(([name]) => name.endsWith('.sql'))
    for (const [name, text] of partial) {
      expect(name).toMatch(/\.INCOMPLETE\.sql$/)
      expect(text).toMatch(/^-- INCOMPLETE: NOT the whole correction SQL/)
      expect(text).toMatch(/were not read before timeout-seconds ran out/)
      expect(text).toMatch(/-- END: INCOMPLETE/)
    }
  })
})
