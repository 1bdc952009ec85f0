import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import { item, statusData } from '../../simulator/hostile.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { stopSimulators, gate, statusHook } from '../helpers/simulator.js'

// Review (second reader): answers that turn the step green when README says they must not.
// The bundle against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('review: fail-on-failure: false softens only genuinely Failed items', () => {
  // README, inputs table: "With `false`, check items NineData reports `Failed` are still reported
  // ... but the step passes. Anything else that is not a pass ... fails the step either way."
  // Issue 8: "fail-on-failure: false softens only genuine failed items, never an answer the action
  // does not understand." An overall Failed without a single Failed item is no such item.
  const cases: [string, (c: AnswerContext) => unknown][] = [
    [
      'every item Success',
      c => statusData(c, 'Failed', [item('a', 'A', 'Success'), item('b', 'B', 'Success')])
    ],
    ['no items at all', c => statusData(c, 'Failed', [])],
    ['an item still Running', c => statusData(c, 'Failed', [item('a', 'A', 'Running')])]
  ]
  it.each(cases)('overall Failed with %s still fails the step', async (_label, data) => {
    const { result } = await gate(
      statusHook(c => ({ data: data(c) })),
      {
        'fail-on-failure': 'false'
      }
    )
    // Today: exit code 0 with a warning "... without a failed check item. The step passes because
    // fail-on-failure is false."
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/Failed/)
  })
})

describe('review: an overall Success without the precheckItems list is not the documented shape', () => {
  // The documented status `data` is { taskId, precheckTaskId, status, precheckItems: [...] }. If
  // the list is missing (a renamed field, a proxy that strips it), nothing was checked item by
  // item, and NineData has been seen to say Success over failed items (issue 8): never a pass.
  it.each([
    ['missing', undefined],
    ['null', null]
  ])('precheckItems %s under an overall Success fails the step', async (_label, items) => {
    const { result } = await gate(
      statusHook((c: AnswerContext) => {
        const data: Record<string, unknown> = {
          taskId: c.taskId,
          precheckTaskId: c.precheckTaskId,
          status: 'Success'
        }
        if (items !== undefined) data['precheckItems'] = items
        return { data }
      })
    )
    // Today: exit code 0, "The precheck passed: NineData reported Success and returned no check items."
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/precheckItems|shape/i)
  })
})
