import { afterEach, describe, expect, it } from '@jest/globals'
import { SCENARIOS } from '../../simulator/scenarios.js'
import type { RunAnswerContext } from '../../simulator/types.js'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  compareInputs,
  expectNoComparisonOutputs,
  quickRun,
  reportOf,
  requestsOf
} from '../helpers/comparison.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// How a comparison run can end other than with results: failed, an undocumented status, answers
// about another run, a busy task, and a precheck that does not pass, which starts nothing. (The
// timeout, in the run and while reading results: comparison-run-timeouts.test.ts.) The bundle, as
// a runner runs it.

afterEach(stopSimulators)

/** The simulator's own answer with some fields replaced (undefined: it would refuse). */
const replaced =
  (fields: (natural: Record<string, unknown>) => Record<string, unknown>) =>
  (context: RunAnswerContext) => {
    const natural = context.natural as Record<string, unknown> | undefined
    return natural ? { data: { ...natural, ...fields(natural) } } : undefined
  }

describe('a comparison run that does not end in results', () => {
  it('ended failed: fails with NineData errorMessage, reads no results', async () => {
    const scenario = quickRun('compare-failed')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    const execId = result.outputs['comparison-exec-id']
    expect(result.outputs['comparison-status']).toBe('failed')
    expect(result.outputs['difference-count']).toBeUndefined()
    expect(result.outputs['correction-sql-file']).toBeUndefined()
    expect(failureMessage(result)).toBe(
      `The precheck passed. The comparison run ${execId} ended failed: ${scenario.run?.errorMessage}`
    )
    expect(sim.count('results') + sim.count('correctionSql')).toBe(0)
    expect(result.summary).toContain('## ❌ NineData schema comparison failed')
    expect(visibleText(result.summary)).toContain(
      'Message from NineData Lost the connection to the target datasource'
    )
    expect(reportOf(result).comparisonRun).toMatchObject({
      execId,
      status: 'failed',
      differenceCount: null,
      verdict: { kind: 'failed', passed: false }
    })
  })

  it('a data run that ended stopped fails: stopped is final, never a pass', async () => {
    const scenario = quickRun('data-compare-same', {
      finalStatus: 'stopped',
      errorMessage: 'stopped by user'
    })
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'fail-on-difference': 'false' })
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['comparison-status']).toBe('stopped')
    expect(failureMessage(result)).toMatch(/The comparison run \d+ ended stopped: stopped by user$/)
    expect(sim.count('tableSummary')).toBe(0)
    expect(result.summary).toMatch(/🛑&nbsp;stopped/)
  })

  it('an undocumented run status fails at once: it is not waited on, and no result is read', async () => {
    const scenario = quickRun(
      'compare-same',
      {},
      {
        execStatusAnswer: replaced(() => ({ status: 'completed' }))
      }
    )
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    expect(sim.count('execStatus')).toBe(1)
    expect(sim.count('results')).toBe(0)
    expect(result.outputs['comparison-status']).toBe('completed')
    expect(failureMessage(result)).toMatch(
      /NineData reported the run status "completed" for comparison run \d+: not a status NineData documents \(starting, running, success, failed, stopped\)\. An answer this action does not understand is never a pass\. NineData was asked to stop the run\.$/
    )
    // The run may still be going: the gate that gave up on it stops it.
    expect(sim.count('stop')).toBe(1)
    expect(result.summary).toContain('## ❌ NineData schema comparison: no verdict')
    expect(result.summary).toMatch(/❔&nbsp;<code>[^<]*completed/)
  })

  it('a run status about another run, or results of another run, are not this run', async () => {
    const status = quickRun(
      'compare-same',
      {},
      {
        execStatusAnswer: replaced(n => ({ execId: Number(n['execId']) + 1, status: 'success' }))
      }
    )
    const a = await gate(status, compareInputs(status))
    const execId = Number(a.result.outputs['comparison-exec-id'])
    expect(a.result.exitCode).toBe(1)
    expect(failureMessage(a.result)).toContain(
      `asked about run ${execId}, got an answer about run ${execId + 1}. This is not treated as a pass.`
    )
    expect(a.sim.count('results')).toBe(0)

    const results = quickRun(
      'compare-same',
      {},
      {
        resultsAnswer: replaced(n => ({ execId: Number(n['execId']) + 1 }))
      }
    )
    const b = await gate(results, compareInputs(results))
    const runId = Number(b.result.outputs['comparison-exec-id'])
    expect(b.result.exitCode).toBe(1)
    expect(failureMessage(b.result)).toContain(
      `Reading the results of comparison run ${runId} failed: NineData's answer does not have the documented shape: asked about run ${runId}, got an answer about run ${runId + 1}.`
    )
    expect(b.result.outputs['comparison-status']).toBe('success')
    expect(b.sim.count('correctionSql')).toBe(0)
  })

  it('with when-busy: fail, a busy task (task status invalid) gets the concurrency: hint; no run, no run outputs', async () => {
    const { result, sim } = await gate(
      'compare-busy',
      compareInputs('compare-busy', { 'when-busy': 'fail' })
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('execute')).toBe(1)
    expect(sim.count('execStatus')).toBe(0)
    expectNoComparisonOutputs(result)
    expect(result.outputs['status']).toBe('Success')
    const message = failureMessage(result)
    expect(message).toContain(
      'NineData did not start a run of comparison task cc-th6j3fs58y: NineData said "task status invalid" (requestId sim-'
    )
    expect(message).toContain('give the job a `concurrency:` group per comparison task.')
    expect(visibleText(result.summary)).toMatch(/Comparison run\s+\(not started\)/)
  })
})

describe('a precheck that does not pass', () => {
  it('starts nothing, even with fail-on-failure false', async () => {
    const scenario = quickRun('compare-differ', {}, { items: SCENARIOS['failed']!.items })
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'fail-on-failure': 'false' })
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(requestsOf(sim, 'execute')).toEqual([])
    expect(sim.runs).toHaveLength(0)
    expectNoComparisonOutputs(result)
    expect(failureMessage(result)).toMatch(
      /The comparison was not started \(run-comparison is true\)\. fail-on-failure: false does not soften this: with run-comparison true, a precheck that did not pass means nothing was compared\.$/
    )
    expect(result.summary).toContain('## ❌ NineData schema comparison precheck failed')
    expect(result.summary).not.toContain('### Comparison run')
    expect(reportOf(result).comparisonRun).toBeUndefined()
  })
})
