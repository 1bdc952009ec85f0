import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DIFFERING_AT } from '../../simulator/compare-objects.js'
import { SCENARIOS, type RunScript, type Scenario } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { dataOf, run, startPrecheck } from '../helpers/signed-by-hand.js'

// The schema comparison run over real HTTP: execute, queryTaskExecInfo, describeSchemaCompareTask
// (paged), correctionSql and stop, with NineData's refusals. Runs are scripted to take ~100 ms of
// the scenario's clock, which only the test moves.

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

const TASK = 'cc-1'

/** A named scenario whose run starts and ends quickly. */
function quick(name: string, run: RunScript = {}): Scenario {
  const base = SCENARIOS[name]!
  return { ...base, run: { ...base.run, startingMs: 30, durationMs: 100, ...run } }
}

async function execute(taskId = TASK): Promise<number> {
  const execId = dataOf(await run.execute(sim!, 'schema', { taskId, runNow: true }))
  expect(typeof execId).toBe('number')
  return execId as number
}

const statusOf = async (execId: number, taskId = TASK) =>
  dataOf(await run.status(sim!, 'schema', { taskId, execId })) as Record<string, unknown>

/** Asks for the status every 50 ms of the scenario's clock until the run has ended (at most 10 s). */
async function settled(execId: number): Promise<Record<string, unknown>> {
  for (let waited = 0; ; waited += 50) {
    const status = await statusOf(execId)
    if ((status['status'] !== 'starting' && status['status'] !== 'running') || waited >= 10_000)
      return status
    clock.advance(50)
  }
}

describe('execute and queryTaskExecInfo', () => {
  it('starts a run whose status goes starting, running, success', async () => {
    sim = await start({
      scenario: quick('compare-same', { startingMs: 150, durationMs: 400 })
    })
    const execId = await execute()
    expect(await statusOf(execId)).toEqual({ taskId: TASK, execId, status: 'starting' })
    clock.advance(149)
    expect((await statusOf(execId))['status']).toBe('starting')
    clock.advance(1)
    expect((await statusOf(execId))['status']).toBe('running')
    expect(await settled(execId)).toEqual({ taskId: TASK, execId, status: 'success' })
    expect(sim.count('execute')).toBe(1)
    expect(sim.count('execute', 'schema')).toBe(1)
    expect(sim.count('execStatus')).toBeGreaterThanOrEqual(3)
    expect(sim.requests[0]).toMatchObject({ kind: 'execute', comparison: 'schema' })
  })

  it('a scheduled task without runNow only enables its schedule: no execId', async () => {
    const scenario = quick('compare-same')
    sim = await start({ scenario })
    const answer = await run.execute(sim, 'schema', { taskId: TASK })
    expect(answer.json).toMatchObject({ success: true, data: null })
    expect(sim.runs).toHaveLength(0)
    scenario.run = { ...scenario.run, oneTime: true }
    expect(typeof dataOf(await run.execute(sim, 'schema', { taskId: TASK }))).toBe('number')
  })

  it('ends failed with the errorMessage, or stays running, as scripted', async () => {
    sim = await start({ scenario: quick('compare-failed') })
    const failed = await settled(await execute())
    expect(failed['status']).toBe('failed')
    expect(failed['errorMessage']).toMatch(/Communications link failure/)
    await sim.close()
    sim = await start({ scenario: quick('compare-stuck', { durationMs: Infinity }) })
    const execId = await execute()
    clock.advance(60_000)
    expect((await statusOf(execId))['status']).toBe('running')
  })

  it('refuses a second start while a run of the task is under way, and any start of a busy task', async () => {
    sim = await start({ scenario: quick('compare-same', { durationMs: 300 }) })
    const execId = await execute()
    const again = await run.execute(sim, 'schema', { taskId: TASK, runNow: true })
    expect(again.json).toMatchObject({ success: false, message: 'task status invalid' })
    expect((await startPrecheck(sim, 'schema', TASK)).json?.['message']).toBe('task status invalid')
    expect(sim.requests.filter(r => r.busy)).toHaveLength(2)
    await execute('cc-2')
    await settled(execId)
    await execute()
  })

  it('refuses execute while the task is prechecking', async () => {
    sim = await start({ scenario: 'timeout' })
    dataOf(await startPrecheck(sim, 'schema', TASK))
    expect(
      (await run.execute(sim, 'schema', { taskId: TASK, runNow: true })).json?.['message']
    ).toBe('task status invalid')
  })

  it('compare-busy refuses execute with "task status invalid"', async () => {
    sim = await start({ scenario: 'compare-busy' })
    const answer = await run.execute(sim, 'schema', { taskId: TASK, runNow: true })
    expect(answer.json).toMatchObject({ success: false, message: 'task status invalid' })
    expect(sim.runs).toHaveLength(0)
  })

  it('answers "exec not found" for an unknown execId, another task\'s, or a data run\'s', async () => {
    sim = await start({ scenario: quick('compare-same') })
    const execId = await execute()
    const dataExec = dataOf(await run.execute(sim, 'data', { taskId: 'cd-1' })) as number
    for (const [taskId, asked] of [
      [TASK, execId + 1000],
      ['cc-2', execId],
      [TASK, dataExec],
      [TASK, 'abc']
    ] as const) {
      const answer = await run.status(sim, 'schema', { taskId, execId: asked })
      expect(answer.json).toMatchObject({ success: false, message: 'exec not found' })
    }
    const missing = await run.status(sim, 'schema', { taskId: TASK })
    expect(missing.json?.['message']).toBe('execId is required')
  })
})

describe('"task not found" on every run endpoint', () => {
  it.each(['cc-unknown9', 'cd-1'])('for %s', async taskId => {
    sim = await start({ scenario: 'compare-same' })
    const answers = [
      await run.execute(sim, 'schema', { taskId, runNow: true }),
      await run.status(sim, 'schema', { taskId, execId: 1 }),
      await run.results(sim, { taskId, execId: 1 }),
      await run.correctionSql(sim, { taskId, execId: 1, progressId: 1 }),
      await run.stop(sim, 'schema', taskId)
    ]
    for (const answer of answers)
      expect(answer.json).toMatchObject({ success: false, message: 'task not found' })
    expect(sim.requests.map(r => r.kind)).toEqual([
      'execute',
      'execStatus',
      'results',
      'correctionSql',
      'stop'
    ])
  })
})

describe('results, a page at a time, and correction SQL per object', () => {
  const page = async (execId: number, pageNumber: number, pageSize = 100) =>
    dataOf(await run.results(sim!, { taskId: TASK, execId, pageSize, pageNumber })) as {
      pageNum: number
      pageSize: number
      total: number
      compareResults: Record<string, unknown>[]
    }

  it('compare-differ: 130 objects over two pages of 100, six differing, some on page 2', async () => {
    sim = await start({ scenario: quick('compare-differ') })
    const execId = await execute()
    await settled(execId)
    const first = await page(execId, 1)
    const second = await page(execId, 2)
    expect([first.total, first.pageNum, first.pageSize, first.compareResults.length]).toEqual([
      130, 1, 100, 100
    ])
    expect([second.pageNum, second.compareResults.length]).toEqual([2, 30])
    expect((await page(execId, 3)).compareResults).toEqual([])
    const all = [...first.compareResults, ...second.compareResults]
    expect(new Set(all.map(r => r['progressId'])).size).toBe(130)
    expect(Object.keys(all[0]!).sort()).toEqual(
      ['objectName', 'objectType', 'progressId', 'schemaName', 'sourceDdl', 'targetDdl'].sort()
    )
    const differing: number[] = []
    for (const [index, result] of all.entries()) {
      const sql = dataOf(
        await run.correctionSql(sim, {
          taskId: TASK,
          execId,
          progressId: result['progressId'] as number
        })
      ) as { correctSql: string }
      if (sql.correctSql !== '') differing.push(index)
    }
    expect(differing).toEqual([...DIFFERING_AT])
    expect(differing.filter(i => i >= 100).length).toBeGreaterThan(0)
    expect(sim.count('correctionSql')).toBe(130)
  })

  it('refuses a pageSize over 100 or under 1, and a pageNumber under 1', async () => {
    sim = await start({ scenario: quick('compare-same') })
    const execId = await execute()
    for (const [pageSize, pageNumber, message] of [
      [101, 1, 'invalid pageSize'],
      [0, 1, 'invalid pageSize'],
      ['ten', 1, 'invalid pageSize'],
      [10, 0, 'invalid pageNumber']
    ] as const) {
      const answer = await run.results(sim, { taskId: TASK, execId, pageSize, pageNumber })
      expect(answer.json).toMatchObject({ success: false, message })
    }
    const defaults = dataOf(await run.results(sim, { taskId: TASK, execId })) as Record<
      string,
      unknown
    >
    expect(defaults).toMatchObject({ pageNum: 1, pageSize: 30, total: 12 })
  })

  it('refuses the correction SQL of a progressId of another run', async () => {
    sim = await start({ scenario: quick('compare-same') })
    const first = await execute()
    await settled(first)
    const second = await execute()
    const ofFirst = (await page(first, 1)).compareResults[0]!['progressId'] as number
    const answer = await run.correctionSql(sim, {
      taskId: TASK,
      execId: second,
      progressId: ofFirst
    })
    expect(answer.json).toMatchObject({
      success: false,
      message: 'progressId does not belong to execId'
    })
    const own = await run.correctionSql(sim, { taskId: TASK, execId: first, progressId: ofFirst })
    expect(dataOf(own)).toEqual({ correctSql: '' })
  })

  it('compare-hostile-sql carries the text that must stay inert', async () => {
    sim = await start({ scenario: quick('compare-hostile-sql') })
    const execId = await execute()
    const results = (await page(execId, 1)).compareResults
    const sql: string[] = []
    for (const r of results)
      sql.push(
        (
          dataOf(
            await run.correctionSql(sim, {
              taskId: TASK,
              execId,
              progressId: r['progressId'] as number
            })
          ) as { correctSql: string }
        ).correctSql
      )
    const text = JSON.stringify(results) + sql.join('\n')
    for (const needle of [
      '</details>',
      '<script>',
      '\n::error::',
      '##[error]',
      '```',
      '\u202E',
      '\r\n',
      '**bold**'
    ])
      expect(text).toContain(needle)
    expect(sql.filter(s => s === '')).toHaveLength(1)
  })
})

describe('stop', () => {
  it('stops the running run: failed, "stopped by user"; then there is nothing to stop', async () => {
    sim = await start({ scenario: quick('compare-stuck', { durationMs: Infinity }) })
    const execId = await execute()
    const stopped = await run.stop(sim, 'schema', TASK)
    expect(stopped.json).toEqual({ success: true, requestId: expect.stringMatching(/^sim-/) })
    expect(await statusOf(execId)).toEqual({
      taskId: TASK,
      execId,
      status: 'failed',
      errorMessage: 'stopped by user'
    })
    expect(sim.count('stop')).toBe(1)
    expect(sim.runs[0]?.stoppedAt).toEqual(expect.any(Number))
    const again = await run.stop(sim, 'schema', TASK)
    expect(again.json).toMatchObject({ success: false, message: 'task status invalid' })
    await execute()
  })

  it('a stop a hook answered with a fault stopped nothing', async () => {
    sim = await start({
      scenario: {
        ...quick('compare-stuck', { durationMs: Infinity }),
        stopAnswer: () => ({ fault: { type: 'http', status: 502, body: '<h1>Bad Gateway</h1>' } })
      }
    })
    const execId = await execute()
    expect((await run.stop(sim, 'schema', TASK)).http).toBe(502)
    expect((await statusOf(execId))['status']).not.toBe('failed')
    expect(sim.requests.at(-2)?.hooked).toBe(true)
  })
})

describe('hooks for the run endpoints', () => {
  it('are told the request and what the simulator would answer, and answer instead', async () => {
    const seen: unknown[] = []
    sim = await start({
      scenario: {
        ...quick('compare-same'),
        executeAnswer: c => {
          seen.push(['execute', c.n, c.taskId, c.execId === c.natural, c.refusal])
          return undefined
        },
        execStatusAnswer: c => {
          seen.push(['status', c.execId, c.query['taskId']])
          return { data: { ...(c.natural as object), status: 'Paused' } }
        },
        correctionSqlAnswer: c => {
          seen.push(['sql', c.progressId, c.refusal])
          return { data: { correctSql: 'DROP DATABASE shop;' } }
        }
      }
    })
    const execId = await execute()
    expect((await statusOf(execId))['status']).toBe('Paused')
    expect(dataOf(await run.correctionSql(sim, { taskId: TASK, execId, progressId: 5 }))).toEqual({
      correctSql: 'DROP DATABASE shop;'
    })
    expect(seen).toEqual([
      ['execute', 1, TASK, true, undefined],
      ['status', execId, TASK],
      ['sql', 5, 'progressId does not belong to execId']
    ])
    expect(sim.requests.map(r => r.hooked)).toEqual([undefined, true, true])
  })
})
