import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  DATA_TASK_ID,
  gate,
  gateOn,
  precheckRequests,
  simulator,
  stopSimulators,
  TEST_TASK_ID
} from '../helpers/simulator.js'

// The data comparison's precheck and the `comparison` input: the endpoints follow the task ID's
// kind (cc- schema, cd- data) or the input. (A mismatch is refused before any request:
// inputs.test.ts.) The bundled action against a simulator that serves each comparison only for
// its own task IDs.

afterEach(stopSimulators)

describe('data comparison prechecks', () => {
  it('a data pass: cd- task, comparedata endpoints only, summary and report say data', async () => {
    const run = await gate('data-pass', { 'task-id': DATA_TASK_ID })
    const { result, sim } = run
    expect(result.exitCode).toBe(0)
    expect(sim.count('start', 'data')).toBe(1)
    expect(sim.count('status', 'data')).toBeGreaterThanOrEqual(1)
    expect(sim.count('start', 'schema') + sim.count('status', 'schema')).toBe(0)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['item-count']).toBe('6')
    const visible = visibleText(result.summary)
    expect(visible).toMatch(/data comparison/i)
    expect(visible).toMatch(/Comparison\s*\|?\s*data/i)
    expect(run.reportExists).toBe(true)
    expect(run.report?.comparison).toBe('data')
    expect(run.report?.taskId).toBe(DATA_TASK_ID)
    expect(run.report?.precheckTaskId).toBe(result.outputs['precheck-task-id'])
    expect(run.report?.items).toHaveLength(6)
    expect(run.report?.verdict?.passed).toBe(true)
  })

  it('a data failure: failed items annotated and named; the report holds every item', async () => {
    const run = await gate('data-failed', { 'task-id': DATA_TASK_ID })
    const { result } = run
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('2')
    const titles = result.annotations
      .filter(a => a.level === 'error' && a.title !== undefined)
      .map(a => a.title)
    expect(titles).toEqual(['Target Table Existence Check', 'Primary Key Check'])
    expect(failureMessage(result)).toMatch(/Target Table Existence Check/)
    expect(visibleText(result.summary)).toMatch(/data comparison/i)
    expect(visibleText(result.summary)).toContain('shop.audit_log')
    expect(run.report?.items).toHaveLength(6)
    expect(run.report?.status).toBe('Failed')
    expect(run.report?.verdict?.passed).toBe(false)
    expect(run.report?.verdict?.kind).toBe('failed')
    expect(run.report?.verdict?.reason).toMatch(/Primary Key Check/)
  })

  it('auto picks the data comparison for a cd- task ID', async () => {
    const { result, sim } = await gate('pass', { 'task-id': DATA_TASK_ID, comparison: 'auto' })
    expect(result.exitCode).toBe(0)
    expect(precheckRequests(sim).every(r => r.comparison === 'data')).toBe(true)
    expect(sim.count('status', 'data')).toBeGreaterThanOrEqual(1)
  })

  it('auto picks the schema comparison for a cc- task ID', async () => {
    const run = await gate('pass', { 'task-id': TEST_TASK_ID, comparison: 'auto' })
    expect(run.result.exitCode).toBe(0)
    expect(precheckRequests(run.sim).every(r => r.comparison === 'schema')).toBe(true)
    expect(run.sim.count('status', 'schema')).toBeGreaterThanOrEqual(1)
    expect(visibleText(run.result.summary)).toMatch(/schema comparison/i)
    expect(run.report?.comparison).toBe('schema')
  })

  it.each([
    ['data', DATA_TASK_ID],
    ['schema', TEST_TASK_ID]
  ] as const)('an explicit "%s" that matches the prefix is used', async (comparison, taskId) => {
    const { result, sim } = await gate('pass', { 'task-id': taskId, comparison })
    expect(result.exitCode).toBe(0)
    expect(precheckRequests(sim).every(r => r.comparison === comparison)).toBe(true)
  })

  it.each(['data', 'schema'] as const)(
    'an explicit "%s" with a prefix the action does not know is used as given',
    async comparison => {
      const { result, sim } = await gate('pass', { 'task-id': 'task-42', comparison })
      expect(result.exitCode).toBe(0)
      expect(precheckRequests(sim).length).toBeGreaterThanOrEqual(2)
      expect(precheckRequests(sim).every(r => r.comparison === comparison)).toBe(true)
    }
  )

  it('follows a given precheck-task-id of a data comparison without starting one', async () => {
    const sim = await simulator('data-pass')
    const precheckTaskId = sim.addPrecheck(DATA_TASK_ID, 5000)
    const run = await gateOn(sim, { 'task-id': DATA_TASK_ID, 'precheck-task-id': precheckTaskId })
    expect(run.result.exitCode).toBe(0)
    expect(sim.count('start')).toBe(0)
    expect(sim.count('status', 'data')).toBe(1)
    expect(run.report?.precheckTaskId).toBe(precheckTaskId)
  })
})
