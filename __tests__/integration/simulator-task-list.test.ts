import { afterEach, describe, expect, it } from '@jest/globals'
import { SCENARIOS } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator } from '../../simulator/server.js'
import { call, dataOf, startPrecheck } from '../helpers/signed-by-hand.js'

// The comparison task as the simulator plays it, by NineData's pages: the task list in pages of at
// most 100 (newest first, no name filter), create with what the page requires, the main task
// details, and a task another precheck holds until some detail queries have been answered.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const LIST = '/openapi/v1/compareschema/queryTaskList'
const CREATE = '/openapi/v1/compareschema/create'
const DETAIL = '/openapi/v1/compareschema/queryTaskById'
const pass = SCENARIOS['pass']!
const good = {
  taskName: 'gate-x',
  sourceDsId: 'ds-a1',
  targetDsId: 'ds-b2',
  taskType: 'ONETIME',
  objectConfig: { all: true }
}

describe('the simulated task list', () => {
  it('pages 250 tasks newest first, 100 at most a page, and refuses a larger page', async () => {
    sim = await startSimulator({ scenario: { ...pass, consoleTasks: { count: 250 } } })
    const pages = await Promise.all(
      [1, 2, 3, 4].map(n => call(sim!, 'GET', LIST, { query: { pageSize: 100, pageNumber: n } }))
    )
    const lists = pages.map(
      p => dataOf(p) as { total: number; schemaComparisons: { taskId: string }[] }
    )
    expect(lists.map(l => l.schemaComparisons.length)).toEqual([100, 100, 50, 0])
    expect(lists.every(l => l.total === 250)).toBe(true)
    const ids = lists.flatMap(l => l.schemaComparisons.map(t => t.taskId))
    expect(new Set(ids).size).toBe(250)
    expect(ids[0]).toBe(sim.consoleTasks.at(-1)!.taskId)
    const big = await call(sim, 'GET', LIST, { query: { pageSize: 101 } })
    expect(big.json).toMatchObject({ success: false, message: 'invalid pageSize' })
  })

  it('creates a task that is listed first, known to the precheck, and detailed', async () => {
    sim = await startSimulator({ scenario: pass })
    const created = dataOf(await call(sim, 'POST', CREATE, { body: good })) as { taskId: string }
    expect(created.taskId).toMatch(/^cc-[0-9a-f]{10}$/)
    const list = dataOf(await call(sim, 'GET', LIST, { query: { pageSize: 10 } })) as {
      schemaComparisons: Record<string, unknown>[]
    }
    expect(list.schemaComparisons[0]).toMatchObject({
      ...created,
      taskName: 'gate-x',
      sourceDsId: 'ds-a1',
      targetDsId: 'ds-b2',
      periodic: 'ONETIME'
    })
    expect(dataOf(await startPrecheck(sim, 'schema', created.taskId))).toMatchObject(created)
    expect(dataOf(await call(sim, 'GET', DETAIL, { query: created }))).toMatchObject({
      ...created,
      status: 'prechecking',
      isDeleted: false
    })
  })

  it.each([
    ['no taskName', { taskName: '' }, 'taskName is required'],
    ['a name over 64 characters', { taskName: 'n'.repeat(65) }, 'taskName is too long'],
    ['a source that is not ds-', { sourceDsId: 'x' }, 'sourceDsId is invalid'],
    ['no objectConfig', { objectConfig: null }, 'objectConfig is required'],
    ['an unknown taskType', { taskType: 'SOMETIMES' }, 'taskType is invalid']
  ])('refuses a create with %s', async (_, change, message) => {
    sim = await startSimulator({ scenario: pass })
    const answer = await call(sim, 'POST', CREATE, { body: { ...good, ...change } })
    expect(answer.json).toMatchObject({ success: false, message })
    expect(sim.consoleTasks).toHaveLength(3)
  })
})

describe('a task another precheck holds', () => {
  it('refuses starts until the given number of detail queries, which say prechecking until then', async () => {
    sim = await startSimulator({ scenario: { ...pass, busyForDetailPolls: 2 } })
    const taskId = 'cc-th6j3fs58y'
    expect((await startPrecheck(sim, 'schema', taskId)).json?.['message']).toBe(
      'task status invalid'
    )
    expect(dataOf(await call(sim, 'GET', DETAIL, { query: { taskId } }))).toMatchObject({
      status: 'prechecking'
    })
    expect(dataOf(await call(sim, 'GET', DETAIL, { query: { taskId } }))).toMatchObject({
      status: 'notStarted'
    })
    expect(dataOf(await startPrecheck(sim, 'schema', taskId))).toMatchObject({ taskId })
  })
})
