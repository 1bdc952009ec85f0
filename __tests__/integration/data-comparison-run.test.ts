import { afterEach, describe, expect, it } from '@jest/globals'
import { sameTables } from '../../simulator/compare-objects.js'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  compareInputs,
  differsTitles,
  quickRun,
  reportOf,
  requestsOf
} from '../helpers/comparison.js'
import { DATA_TASK_ID, gate, stopSimulators } from '../helpers/simulator.js'

// A data comparison run after a passing precheck: the row counts of the run status, the tables that
// differ (named from the table summary and each table's differing records), and counts that
// contradict each other, which never pass. The bundle, as a runner runs it.

afterEach(stopSimulators)

describe('a data comparison run', () => {
  it('without differences passes with every count 0, asking no table for its records', async () => {
    const scenario = quickRun('data-compare-same')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'comparison-status': 'success',
      'difference-count': '0',
      'different-tables': '0',
      'difference-rows': '0',
      'only-source-rows': '0',
      'only-target-rows': '0',
      'skipped-tables': '0'
    })
    expect(result.outputs['different-objects']).toBeUndefined()
    expect(result.outputs['correction-sql-file']).toBeUndefined()
    // The data calls: execute with the task alone, run status by execId alone.
    expect(JSON.parse(requestsOf(sim, 'execute')[0]!.body)).toEqual({ taskId: DATA_TASK_ID })
    expect(requestsOf(sim, 'execStatus')[0]!.query).toEqual({
      execId: result.outputs['comparison-exec-id']
    })
    expect(sim.count('tableSummary')).toBe(1)
    expect(sim.count('diffDetails')).toBe(0)
    expect(sim.count('results') + sim.count('correctionSql')).toBe(0)
    expect(result.summary).toContain('## ✅ NineData data comparison: no difference')
    expect(visibleText(result.summary)).toMatch(/Tables\s+5 compared, 0 differ/)
  })

  it('with differing rows fails naming the tables; outputs carry every count', async () => {
    const scenario = quickRun('data-compare-differ')
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({
      'comparison-status': 'success',
      'difference-rows': '13',
      'only-source-rows': '3',
      'only-target-rows': '5',
      'skipped-tables': '1',
      'difference-count': '21',
      'different-tables': '3'
    })
    const execId = result.outputs['comparison-exec-id']
    expect(failureMessage(result)).toBe(
      `The precheck passed. The comparison run ${execId} found differences (21 rows differ, in 3 of 6 tables): shop.orders, shop.order_items, shop.products.`
    )
    expect(differsTitles(result, 'error')).toEqual([
      'Differs: shop.orders',
      'Differs: shop.order_items',
      'Differs: shop.products'
    ])
    // One diffDetails call per table, one record each: only the count is needed.
    const details = requestsOf(sim, 'diffDetails')
    expect(details).toHaveLength(6)
    for (const r of details) expect(r.query).toMatchObject({ pageSize: '1', pageNumber: '1' })
    const visible = visibleText(result.summary)
    expect(result.summary).toContain('## ❌ NineData data comparison found differences')
    expect(visible).toMatch(
      /Rows\s+21 differ \(13 with other values, 3 only in the source, 5 only in the target\)/
    )
    expect(visible).toMatch(/Tables\s+6 compared, 3 differ/)
    expect(visible).toMatch(/Skipped tables\s+1/)
    expect(visible).toMatch(/shop\.orders \d+ 15 records differ \(target shop_replica\.orders\)/)
    expect(visible).toMatch(/shop\.products \d+ 1 record differs \(target shop_replica\.products\)/)
    expect(result.annotations).toContainEqual({
      level: 'error',
      title: 'Differs: shop.products',
      message: '1 record differs between source and target.'
    })
    expect(result.log).toMatch(/Differs: shop\.products \[progressId \d+\] — 1 differing record\n/)
    expect(result.summary).not.toContain('Correction SQL')
    const run = reportOf(result).comparisonRun!
    expect(run.differenceCount).toBe(21)
    expect(run.totalTableCount).toBe(6)
    expect(run.diffTableCount).toBe(3)
    expect(run.tables?.map(t => t.differences)).toEqual([0, 15, 5, 0, 1, 0])
    expect(run.state).toMatchObject({ differenceRows: 13, skipTableCount: 1 })
  })

  it('with fail-on-difference false warns about each table and passes', async () => {
    const scenario = quickRun('data-compare-differ')
    const { result } = await gate(
      scenario,
      compareInputs(scenario, { 'fail-on-difference': 'false' })
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs['difference-count']).toBe('21')
    expect(differsTitles(result, 'warning')).toHaveLength(3)
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
  })
})

describe('counts that contradict each other never pass, with fail-on-difference false too', () => {
  const noPass = { 'fail-on-difference': 'false' }

  it('rows differ, but no table does (data-compare-contradict)', async () => {
    const scenario = quickRun('data-compare-contradict')
    const { result } = await gate(scenario, compareInputs(scenario, noPass))
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toBe(
      "The precheck passed. NineData's counts contradict each other: 7 rows differ, but 0 tables differ. An answer this action cannot verify is never a pass."
    )
    expect(result.outputs['difference-rows']).toBe('7')
    expect(result.outputs['difference-count']).toBeUndefined()
    expect(result.summary).toContain('## ❌ NineData data comparison: no verdict')
  })

  it('tables differ, but no row does', async () => {
    const scenario = quickRun('data-compare-same', { counts: { diffTableCount: 2 } })
    const { result } = await gate(scenario, compareInputs(scenario, noPass))
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(
      "NineData's counts contradict each other: 0 rows differ, but 2 tables differ."
    )
    expect(result.outputs['difference-count']).toBeUndefined()
  })

  it('more tables hold differing records than diffTableCount says', async () => {
    const scenario = quickRun('data-compare-differ', { counts: { diffTableCount: 1 } })
    const { result } = await gate(scenario, compareInputs(scenario, noPass))
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(
      "NineData's counts contradict each other: diffTableCount is 1, but 3 tables have differing records."
    )
  })

  it('a run that skipped every table compared nothing: never a pass', async () => {
    const scenario = quickRun('data-compare-same', {
      tables: () =>
        ['a', 'b', 'c'].map(tableName => ({ schemaName: 'shop', tableName, skipped: true }))
    })
    const { result } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    expect(result.outputs['skipped-tables']).toBe('3')
    expect(failureMessage(result)).toContain(
      'NineData skipped every table of the run (skipTableCount 3, 3 tables listed): nothing was compared.'
    )
  })
})

describe('a data run that skipped some tables', () => {
  it('passes without differences, saying the skipped tables were not compared', async () => {
    const scenario = quickRun('data-compare-same', {
      tables: () => [...sameTables(), { schemaName: 'shop', tableName: 'audit_log', skipped: true }]
    })
    const { result } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(0)
    expect(result.outputs['skipped-tables']).toBe('1')
    expect(result.log).toMatch(
      /found no difference: 6 tables compared, all consistent\. NineData skipped 1 table, which was not compared \(skipped-tables\)\.\n/
    )
  })
})
