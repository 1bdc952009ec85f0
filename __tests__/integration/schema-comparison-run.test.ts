import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText, type ActionResult } from '../helpers/action-runner.js'
import {
  callKinds,
  compareInputs,
  differsTitles,
  expectNoComparisonOutputs,
  fileOf,
  PRECHECK_OUTPUTS,
  quickRun,
  reportOf,
  requestsOf
} from '../helpers/comparison.js'
import { expectPassed, gate, stopSimulators } from '../helpers/simulator.js'

// A schema comparison run after a passing precheck, as a runner runs the bundle: the pass, the
// differences (across two result pages) with their correction SQL, fail-on-difference, and
// run-comparison off changing nothing.

afterEach(stopSimulators)

/** "schema.name" of each object the simulator's run compared, with its progressId and SQL. */
function objectsOf(sim: Awaited<ReturnType<typeof gate>>['sim']) {
  const run = sim.runs[0]
  if (!run) throw new Error('no run was started')
  return run.objects.map(o => ({
    progressId: String(o.progressId),
    name: `${o.schemaName}.${o.objectName}`,
    correctSql: o.correctSql
  }))
}

/** The correction SQL file as [progressId, name, sql] blocks, in file order. */
function sqlBlocks(text: string): { progressId: string; name: string; sql: string }[] {
  const parts = text.replace(/\n-- END: .*\n$/, '\n').split(/^-- progressId (\d+): (.*)\n/m)
  const blocks = []
  for (let i = 1; i < parts.length; i += 3) {
    blocks.push({ progressId: parts[i]!, name: parts[i + 1]!, sql: parts[i + 2]!.trimEnd() })
  }
  return blocks
}

/** The summary without what changes from run to run (IDs, durations). */
function steady(result: ActionResult): string {
  return result.summary
    .replace(/pcte-[0-9a-f]+/g, 'pcte-X')
    .replace(/sim-[0-9a-f]+/g, 'sim-X')
    .replace(/(<th[^>]*>Duration<\/th><td>)[^<]*/g, '$1D')
}

describe('a schema comparison run', () => {
  it('without differences passes, difference-count 0, after a log line per run status', async () => {
    const scenario = quickRun('compare-same')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(0)
    const execId = result.outputs['comparison-exec-id']
    expect(execId).toMatch(/^\d+$/)
    expect(result.outputs['comparison-status']).toBe('success')
    expect(result.outputs['difference-count']).toBe('0')
    expect(result.outputs['different-objects']).toBe('0')
    expect(result.outputs['status']).toBe('Success')
    expect(result.log).toContain(`Started comparison run ${execId} (requestId sim-`)
    for (const status of ['starting', 'running', 'success'])
      expect(result.log).toMatch(new RegExp(`\\] Comparison run ${execId}: ${status}\\n`))
    // One line per change, not one per poll.
    expect(result.log.match(/\] Comparison run \d+: running/g)).toHaveLength(1)
    expect(result.log).toContain(
      `The precheck passed. The comparison run ${execId} found no difference: 12 objects compared, all consistent.`
    )
    expect(result.summary).toContain('## ✅ NineData schema comparison: no difference')
    expect(visibleText(result.summary)).toMatch(/Objects\s+12 compared, 0 differ/)
    expect(result.summary).not.toContain('that differ')
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    // The execute body asks for a run now; every object's SQL was asked for.
    const execute = requestsOf(sim, 'execute')
    expect(execute).toHaveLength(1)
    expect(JSON.parse(execute[0]!.body)).toEqual({ taskId: 'cc-th6j3fs58y', runNow: true })
    expect(sim.count('correctionSql')).toBe(12)
    expect(callKinds(sim)).toEqual([
      'start',
      'status',
      'execute',
      'execStatus',
      'results',
      'correctionSql'
    ])
    const report = reportOf(result)
    expect(report.comparisonRun?.verdict.passed).toBe(true)
    expect(report.comparisonRun?.differenceCount).toBe(0)
    expect(report.comparisonRun?.objects).toHaveLength(12)
  })

  it('with 6 of 130 objects differing fails naming them; every page and every object is read', async () => {
    const scenario = quickRun('compare-differ')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    const objects = objectsOf(sim)
    const differing = objects.filter(o => o.correctSql !== '')
    expect(differing).toHaveLength(6)
    const execId = result.outputs['comparison-exec-id']
    expect(result.outputs['comparison-status']).toBe('success')
    expect(result.outputs['difference-count']).toBe('6')
    expect(result.outputs['different-objects']).toBe('6')
    // Two pages of 100, one after the other, then the SQL of all 130 objects.
    const pages = requestsOf(sim, 'results').map(r => [r.query['pageNumber'], r.query['pageSize']])
    expect(pages).toEqual([
      ['1', '100'],
      ['2', '100']
    ])
    const asked = requestsOf(sim, 'correctionSql').map(r => r.query['progressId'])
    expect(new Set(asked)).toEqual(new Set(objects.map(o => o.progressId)))
    expect(asked).toHaveLength(130)
    expect(result.log).toContain(
      `Reading the correction SQL of 130 objects of comparison run ${execId} (up to 16 calls at a time, fewer when NineData pushes back).`
    )

    // The failure names the first five and counts the rest; one error annotation per object.
    const names = differing.map(o => o.name)
    expect(failureMessage(result)).toBe(
      `The precheck passed. The comparison run ${execId} found differences (6 of 130 objects differ): ${names.slice(0, 5).join(', ')} and 1 more.`
    )
    expect(differsTitles(result, 'error')).toEqual(names.map(n => `Differs: ${n}`))
    expect(differsTitles(result, 'warning')).toEqual([])

    // The summary: the run's facts, a row per differing object, each one's SQL collapsed.
    expect(result.summary).toContain('## ❌ NineData schema comparison found differences')
    const visible = visibleText(result.summary)
    expect(visible).toMatch(/Objects\s+130 compared, 6 differ/)
    for (const o of differing) {
      expect(visible).toContain(`${o.name} ${o.progressId} correction SQL below`)
    }
    expect(result.summary.match(/<details>/g)).toHaveLength(6)
    expect(visible).toContain(differing[0]!.correctSql)
    // The precheck section is there as before, the comparison's after it.
    expect(result.summary.indexOf('### Check items')).toBeLessThan(
      result.summary.indexOf('### Comparison run')
    )
  })

  it('writes the correction SQL file in NineData order and the whole run into report-file', async () => {
    const scenario = quickRun('compare-differ')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    const objects = objectsOf(sim)
    const differing = objects.filter(o => o.correctSql !== '')
    expect(result.outputs['correction-sql-file']).toMatch(/ninedata-correction-\d+\.sql$/)
    const sql = fileOf(result, 'correction-sql-file')!
    expect(sql).toMatch(
      /^-- Correction SQL from NineData: 6 differing objects of comparison run \d+\.\n-- COMPLETE: /
    )
    expect(sql).toMatch(/\n-- END: COMPLETE, 6 differing objects\.\n$/)
    expect(sql).not.toContain('INCOMPLETE')
    expect(sqlBlocks(sql)).toEqual(
      differing.map(o => ({ progressId: o.progressId, name: o.name, sql: o.correctSql }))
    )

    const report = reportOf(result)
    const run = report.comparisonRun!
    expect(run.execId).toBe(result.outputs['comparison-exec-id'])
    expect(run.status).toBe('success')
    expect(run.state).toMatchObject({ status: 'success', execId: Number(run.execId) })
    expect(run.differenceCount).toBe(6)
    expect(run.verdict).toMatchObject({ kind: 'failed', passed: false })
    expect(run.total).toBe(130)
    expect(run.objects?.map(o => o.progressId)).toEqual(objects.map(o => o.progressId))
    expect(run.objects?.map(o => o.correctSql)).toEqual(objects.map(o => o.correctSql))
    // Each object's result as NineData sent it, DDL included.
    expect(run.objects?.[7]?.result).toMatchObject({
      objectName: 'inventory',
      objectType: 'TABLE',
      sourceDdl: expect.stringContaining('CREATE TABLE `inventory`')
    })
    expect(report.verdict.passed).toBe(false)
  })

  it('with fail-on-difference false reports the differences as warnings and passes', async () => {
    const scenario = quickRun('compare-differ')
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'fail-on-difference': 'false' })
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs['difference-count']).toBe('6')
    expect(result.outputs['correction-sql-file']).toBeDefined()
    const names = objectsOf(sim)
      .filter(o => o.correctSql !== '')
      .map(o => `Differs: ${o.name}`)
    expect(differsTitles(result, 'warning')).toEqual(names)
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        title: undefined,
        message: expect.stringMatching(
          /found differences \(6 of 130 objects differ\).*The step passes because fail-on-difference is false\.$/
        )
      })
    )
    expect(result.summary).toContain(
      '## ⚠️ NineData schema comparison found differences (not blocking: fail-on-difference is false)'
    )
  })

  it('with run-comparison off makes only the precheck calls and reports as before', async () => {
    const scenario = quickRun('compare-differ')
    const off = await gate(scenario, { 'run-comparison': 'false', 'poll-interval-seconds': '0.1' })
    expectPassed(off.result)
    expect(new Set(callKinds(off.sim))).toEqual(new Set(['start', 'status']))
    expect(off.sim.runs).toHaveLength(0)
    expectNoComparisonOutputs(off.result)
    expect(Object.keys(off.result.outputs).sort()).toEqual([...PRECHECK_OUTPUTS].sort())
    expect(off.result.summary).not.toContain('Comparison run')
    expect(reportOf(off.result).comparisonRun).toBeUndefined()

    // The same step on a NineData without comparison runs (the `pass` scenario), input left out.
    const before = await gate('pass', { 'poll-interval-seconds': '0.1' })
    expect(steady(off.result)).toBe(steady(before.result))
    expect(off.result.outputs['items']).toBe(before.result.outputs['items'])
    expect(off.result.log.replace(/(pcte|sim)-[0-9a-f]+|\[[\d.]+s\]/g, '')).toContain(
      'The precheck passed: NineData reported Success and all 5 check items succeeded.'
    )
  })
})
