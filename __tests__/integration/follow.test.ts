import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, runAction } from '../helpers/action-runner.js'
import {
  customScenario,
  gate,
  GOOD,
  item,
  simulator,
  statusData,
  statusHook,
  statusRequests,
  stopSimulators,
  TEST_TASK_ID,
  testInputs,
  type AnswerContext
} from '../helpers/simulator.js'

// Following one precheck to its end: which precheck is followed, polling until every item has
// settled, failures that stick, and the timeout. The bundled action against the simulator, as a
// runner runs it. (More waiting and timeouts on a fake clock: __tests__/in-process/waiting.test.ts.)

afterEach(stopSimulators)

describe('a given precheck-task-id', () => {
  it('is polled without starting one', async () => {
    const sim = await simulator('pass')
    const precheckTaskId = sim.addPrecheck('cc-given', 5000)
    const result = await runAction(
      testInputs(sim.url, { 'task-id': 'cc-given', 'precheck-task-id': precheckTaskId })
    )
    expect(result.exitCode).toBe(0)
    expect(sim.count('start')).toBe(0)
    expect(sim.count('status')).toBe(1)
    expect(result.outputs['precheck-task-id']).toBe(precheckTaskId)
    expect(result.log).toContain(`Following precheck ${precheckTaskId}`)
  })
})

describe('the start answer is checked before its precheck is followed', () => {
  const started = (data: unknown) => customScenario({ startAnswer: () => ({ data }) })

  it('a taskId other than the one asked is an error', async () => {
    const { result, sim } = await gate(
      customScenario({
        startAnswer: context => ({
          data: { taskId: 'cc-someoneelse', precheckTaskId: context.precheckTaskId }
        })
      })
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(0)
    expect(failureMessage(result)).toMatch(/cc-someoneelse/)
    expect(failureMessage(result)).toContain(TEST_TASK_ID)
  })

  const refused: [string, string][] = [
    ['an empty precheckTaskId', ''],
    ['a precheckTaskId of 129 characters', `pcte-${'a'.repeat(124)}`],
    ['a precheckTaskId with a space', 'pcte-abc def'],
    ['a precheckTaskId with a tab', 'pcte-abc\tdef'],
    ['a precheckTaskId with a bell character', 'pcte-abc\u0007'],
    ['a precheckTaskId with a line break', 'pcte-abc\nsecond-line']
  ]
  it.each(refused)('%s is an error, not an ID to follow', async (_label, precheckTaskId) => {
    const { result, sim } = await gate(started({ taskId: TEST_TASK_ID, precheckTaskId }))
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(0)
    expect(failureMessage(result)).toMatch(/precheckTaskId|precheck ID|precheck task ID/i)
  })

  it('a precheckTaskId of 128 characters is followed (control)', async () => {
    const id = `pcte-${'b'.repeat(123)}`
    const { result, sim } = await gate(
      customScenario({
        startAnswer: () => ({ data: { taskId: TEST_TASK_ID, precheckTaskId: id } }),
        statusAnswer: context =>
          context.precheckTaskId === id
            ? { data: statusData(context, 'Success', [GOOD]) }
            : undefined
      })
    )
    expect(result.exitCode).toBe(0)
    expect(statusRequests(sim)[0]?.query['precheckTaskId']).toBe(id)
    expect(result.outputs['precheck-task-id']).toBe(id)
  })
})

describe('sticky failures: an item seen Failed keeps the step red', () => {
  const seenFailedThen = (later: 'success' | 'dropped') => (context: AnswerContext) => {
    const flaky = item('flakyCheck', 'Flaky Permission Check', 'Failed', {
      errorMessage: 'SELECT denied on shop.orders'
    })
    if (context.n === 1)
      return {
        data: statusData(context, 'Running', [GOOD, flaky, item('x', 'Slow Check', 'Running')])
      }
    const rest = [GOOD, item('x', 'Slow Check', 'Success')]
    return {
      data: statusData(
        context,
        'Success',
        later === 'dropped' ? rest : [...rest, { ...flaky, status: 'Success', errorMessage: '' }]
      )
    }
  }

  it('when a later answer reports it Success', async () => {
    const { result, sim } = await gate(statusHook(seenFailedThen('success')))
    expect(statusRequests(sim).length).toBeGreaterThanOrEqual(2)
    expect(result.exitCode).toBe(1)
    const failure = failureMessage(result)
    expect(failure).toContain('Flaky Permission Check')
    expect(failure).toMatch(/earlier|before|previous|seen (as )?failed/i)
  })

  it('when a later answer drops it', async () => {
    const { result, sim } = await gate(statusHook(seenFailedThen('dropped')))
    expect(statusRequests(sim).length).toBeGreaterThanOrEqual(2)
    expect(result.exitCode).toBe(1)
    const failure = failureMessage(result)
    expect(failure).toContain('Flaky Permission Check')
    expect(failure).toMatch(/earlier|before|previous|seen (as )?failed/i)
  })
})
