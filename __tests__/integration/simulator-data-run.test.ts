import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { SCENARIOS, type RunScript, type Scenario } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { dataOf, run } from '../helpers/signed-by-hand.js'

// The data comparison run over real HTTP: execute with compareOption, queryTaskExecInfo by execId
// alone, the table summary (paged, filtered) and stop. Runs are scripted to take ~100 ms of the
// scenario's clock, which only the test moves.

let sim: Simulator | undefined
let clock: FakeClock
beforeEach(() => {
  clock = new FakeClock()
})
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** A simulator whose prechecks and runs progress on `clock`. */
const start = (options: SimulatorOptions) => startSimulator({ ...options, now: clock.now })

const TASK = 'cd-1'

function quick(name: string, run: RunScript = {}): Scenario {
  const base = SCENARIOS[name]!
  return { ...base, run: { ...base.run, startingMs: 30, durationMs: 100, ...run } }
}

async function execute(body: Record<string, unknown> = {}): Promise<number> {
  const execId = dataOf(await run.execute(sim!, 'data', { taskId: TASK, ...body }))
  expect(typeof execId).toBe('number')
  return execId as number
}

const statusOf = async (execId: number) =>
  dataOf(await run.status(sim!, 'data', { execId })) as Record<string, unknown>

/** Asks for the status every 50 ms of the scenario's clock until the run has ended (at most 10 s). */
async function settled(execId: number): Promise<Record<string, unknown>> {
  for (let waited = 0; ; waited += 50) {
    const status = await statusOf(execId)
    if ((status['status'] !== 'starting' && status['status'] !== 'running') || waited >= 10_000)
      return status
    clock.advance(50)
  }
}

type Summary = {
  totalTableCount: number
  diffTableCount: number
  pageNumber: number
  pageSize: number
  tableSummaries: Record<string, unknown>[]
}
const summary = async (execId: number, query: Record<string, string | number> = {}) =>
  dataOf(await run.tableSummary(sim!, { taskId: TASK, execId, ...query })) as Summary

describe('execute and queryTaskExecInfo', () => {
  it('runs with or without compareOption; counts appear once the run has ended', async () => {
    sim = await start({
      scenario: quick('data-compare-differ', { startingMs: 100, durationMs: 300 })
    })
    const option = { parallel: 5, splitNum: '1000', stringTrimStrategy: 'Trim', enabled: true }
    const execId = await execute({ compareOption: option })
    expect(sim.runs[0]?.compareOption).toEqual(option)
    const early = await statusOf(execId)
    expect(early).toMatchObject({ id: execId, taskId: TASK, status: 'starting', differenceRows: 0 })
    expect(early['createTime']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    const done = await settled(execId)
    expect(done).toMatchObject({
      id: execId,
      status: 'success',
      differenceRows: 13,
      onlySourceRows: 3,
      onlyTargetRows: 5,
      skipTableCount: 1
    })
    expect(done).not.toHaveProperty('errorMessage')
    expect(sim.count('execute', 'data')).toBe(1)
    expect(sim.count('execStatus', 'data')).toBeGreaterThanOrEqual(2)
  })

  it('refuses a compareOption that is not an object, a busy task, and an unknown task', async () => {
    sim = await start({ scenario: quick('data-compare-same', { durationMs: Infinity }) })
    const bad = await run.execute(sim, 'data', { taskId: TASK, compareOption: [1] })
    expect(bad.json).toMatchObject({ success: false, message: 'invalid compareOption' })
    await execute()
    const again = await run.execute(sim, 'data', { taskId: TASK })
    expect(again.json).toMatchObject({ success: false, message: 'task status invalid' })
    for (const taskId of ['cd-nobody', 'cc-1']) {
      const unknown = await run.execute(sim, 'data', { taskId })
      expect(unknown.json).toMatchObject({ success: false, message: 'task not found' })
    }
  })

  it('answers "exec not found" for an unknown execId or a schema run\'s', async () => {
    sim = await start({ scenario: quick('data-compare-same') })
    const schemaExec = dataOf(await run.execute(sim, 'schema', { taskId: 'cc-1', runNow: true }))
    for (const execId of [99, schemaExec as number]) {
      const answer = await run.status(sim, 'data', { execId })
      expect(answer.json).toMatchObject({ success: false, message: 'exec not found' })
    }
  })

  it('stop ends the run "stopped"', async () => {
    sim = await start({ scenario: quick('data-compare-same', { durationMs: Infinity }) })
    const execId = await execute()
    expect(dataOf(await run.stop(sim, 'data', TASK))).toBeUndefined()
    expect(await statusOf(execId)).toMatchObject({
      status: 'stopped',
      errorMessage: 'stopped by user'
    })
    expect(sim.count('stop', 'data')).toBe(1)
    expect((await run.stop(sim, 'data', TASK)).json?.['message']).toBe('task status invalid')
  })
})

describe('the table summary', () => {
  it('data-compare-differ: counts that agree with the run status, a page at a time', async () => {
    sim = await start({ scenario: quick('data-compare-differ') })
    const execId = await execute()
    const status = await settled(execId)
    const all = await summary(execId, { pageSize: 100 })
    expect(all).toMatchObject({
      taskId: TASK,
      execId,
      totalTableCount: 6,
      diffTableCount: 3,
      pageNumber: 1,
      pageSize: 100
    })
    const rows = (key: string) =>
      all.tableSummaries.reduce((n, t) => n + ((t[key] as number) ?? 0), 0)
    expect([rows('differenceRows'), rows('onlySourceRows'), rows('onlyTargetRows')]).toEqual([
      status['differenceRows'],
      status['onlySourceRows'],
      status['onlyTargetRows']
    ])
    const differing = all.tableSummaries.filter(
      t =>
        (t['differenceRows'] as number) +
          (t['onlySourceRows'] as number) +
          (t['onlyTargetRows'] as number) >
        0
    )
    expect(differing.map(t => t['tableName'])).toEqual(['orders', 'order_items', 'products'])
    expect(all.tableSummaries[0]).toEqual({
      progressId: expect.any(Number),
      schemaName: 'shop',
      tableName: 'customers',
      targetSchemaName: 'shop_replica',
      targetTableName: 'customers',
      differenceRows: 0,
      onlySourceRows: 0,
      onlyTargetRows: 0
    })
    const pages = [
      await summary(execId, { pageSize: 4 }),
      await summary(execId, { pageSize: 4, pageNumber: 2 })
    ]
    expect(pages.map(p => p.tableSummaries.length)).toEqual([4, 2])
    expect(pages[1]!.pageNumber).toBe(2)
    expect((await summary(execId, { tableNameLike: 'ORDER' })).tableSummaries).toHaveLength(2)
    expect((await summary(execId, { schemaName: 'other' })).totalTableCount).toBe(0)
    expect(sim.count('tableSummary')).toBe(5)
  })

  it('data-compare-contradict: rows differ, yet no table does', async () => {
    sim = await start({ scenario: quick('data-compare-contradict') })
    const execId = await execute()
    expect((await settled(execId))['differenceRows']).toBe(7)
    expect((await summary(execId)).diffTableCount).toBe(0)
  })

  it('refuses a pageSize over 100, an unknown exec, an unknown task', async () => {
    sim = await start({ scenario: quick('data-compare-same') })
    const execId = await execute()
    const refusals = [
      [{ taskId: TASK, execId, pageSize: 101 }, 'invalid pageSize'],
      [{ taskId: TASK, execId: execId + 1 }, 'exec not found'],
      [{ taskId: 'cd-2', execId }, 'exec not found'],
      [{ taskId: 'cd-nobody', execId }, 'task not found']
    ] as const
    for (const [query, message] of refusals)
      expect((await run.tableSummary(sim, query)).json).toMatchObject({ success: false, message })
  })
})
