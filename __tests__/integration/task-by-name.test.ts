import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  gateOn,
  simulator,
  stopSimulators,
  type Simulator
} from '../helpers/simulator.js'

// The workflow names what to compare (datasources, databases, tables) instead of a console task:
// the first run creates the task, later runs with the same definition find it by name, a changed
// definition makes another. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

const REPOSITORY = 'octo-org/shop'
const DEFINITION = {
  'task-id': '',
  'source-datasource': 'ds-staging01',
  'target-datasource': 'ds-prod01',
  databases: 'shop\nbilling=billing_v2'
}
const env = { env: { GITHUB_REPOSITORY: REPOSITORY } }
const run = (sim: Simulator, extra: Record<string, string> = {}) =>
  gateOn(sim, { ...DEFINITION, ...extra }, env)

describe('a task named by the workflow', () => {
  it('is created by the first run, found by the second, and another is made for a changed definition', async () => {
    const sim = await simulator(customScenario({ consoleTasks: { count: 150 } }))
    const first = await run(sim)
    expect(first.result.exitCode).toBe(0)
    const created = first.result.outputs['task-id']!
    expect(created).toMatch(/^cc-/)
    expect(sim.count('createTask')).toBe(1)
    // 150 tasks: two pages of 100.
    expect(sim.count('taskList')).toBe(2)
    const task = sim.consoleTasks.find(t => t.taskId === created)!
    expect(task.taskName).toMatch(/^gate-octo-org-shop-[0-9a-f]{10}$/)
    expect(task.objectConfig).toEqual({
      all: false,
      databaseList: [
        { databaseName: 'shop', targetDatabase: 'shop', all: true },
        { databaseName: 'billing', targetDatabase: 'billing_v2', all: true }
      ]
    })
    expect(first.result.log).toContain(`pin it as \`task-id: ${created}\``)
    expect(visibleText(first.result.summary)).toMatch(
      new RegExp(`Comparison task\\s+${created} \\(created by this run: ${task.taskName}`)
    )
    expect(first.report?.taskId).toBe(created)

    // The same definition, written in another order and layout: found, nothing created.
    const second = await run(sim, { databases: ' billing = billing_v2 , shop ' })
    expect(second.result.exitCode).toBe(0)
    expect(second.result.outputs['task-id']).toBe(created)
    expect(sim.count('createTask')).toBe(1)
    expect(second.result.log).toContain(`Found schema comparison task ${created}`)
    expect(visibleText(second.result.summary)).toContain('found by name')
    const precheckOf = (id: string) =>
      sim.requests.filter(r => r.kind === 'start' && r.body.includes(id))
    expect(precheckOf(created)).toHaveLength(2)

    const third = await run(sim, { tables: 'billing.invoices' })
    expect(third.result.exitCode).toBe(0)
    expect(sim.count('createTask')).toBe(2)
    expect(third.result.outputs['task-id']).not.toBe(created)
  })

  it('takes only the task with exactly that name and both datasources, on whatever page it is', async () => {
    const taskName = 'release-drift-check'
    const like = { taskName, sourceDsId: 'ds-staging01', targetDsId: 'ds-prod01' }
    const sim = await simulator(
      customScenario({ consoleTasks: { count: 230, lookalikesOf: like } })
    )
    const miss = await run(sim, { 'task-name': taskName })
    expect(sim.count('createTask')).toBe(1)
    const created = miss.result.outputs['task-id']!
    expect(sim.consoleTasks.filter(t => t.taskId === created)).toHaveLength(1)
    // An older task of that name and datasources, at the end of the list (it is newest first).
    sim.consoleTasks.unshift({
      ...like,
      taskId: 'cc-oldest',
      periodic: 'ONETIME',
      createTime: '2020-01-01 00:00:00Z'
    })
    sim.addTask('cc-oldest')
    const found = await run(sim, { 'task-name': taskName })
    expect(found.result.exitCode).toBe(0)
    expect(found.result.outputs['task-id']).toBe('cc-oldest')
    expect(found.result.stdout).toMatch(
      /2 schema comparison tasks have the name .* using the oldest, cc-oldest/
    )
    expect(sim.count('createTask')).toBe(1)
  })

  it('a refused create names the permission and the datasource, with the requestId', async () => {
    const sim = await simulator(
      customScenario({ createError: 'PERMISSION_DENY module:DataSource ds-prod01' })
    )
    const { result } = await run(sim)
    expect(result.exitCode).toBe(1)
    const message = failureMessage(result)
    expect(message).toMatch(
      /NineData said "PERMISSION_DENY module:DataSource ds-prod01" \(requestId sim-\w+\)/
    )
    expect(message).toContain('SchemaCompare permission on datasource ds-prod01')
    expect(result.outputs['task-id']).toBeUndefined()
    expect(sim.count('start')).toBe(0)
  })

  it('a refused list names the permission and both datasources', async () => {
    const sim = await simulator(customScenario({ listError: 'permission denied' }))
    const { result } = await run(sim)
    expect(result.exitCode).toBe(1)
    const message = failureMessage(result)
    expect(message).toMatch(
      /Listing NineData schema comparison tasks failed: NineData said "permission denied" \(requestId sim-/
    )
    expect(message).toContain(
      'SchemaCompare permission on both datasources (source ds-staging01, target ds-prod01)'
    )
    expect(sim.count('createTask')).toBe(0)
  })

  it('past 10,000 tasks the search stops with a clear error after one page', async () => {
    const sim = await simulator(customScenario({ consoleTasks: { count: 10_001 } }))
    const { result } = await run(sim)
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(
      'NineData lists 10001 schema comparison tasks, more than the 10000'
    )
    expect(sim.count('taskList')).toBe(1)
    expect(sim.count('createTask')).toBe(0)
  })
})
