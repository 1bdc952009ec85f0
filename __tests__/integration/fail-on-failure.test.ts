import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import {
  answerWith,
  gate,
  GOOD,
  item,
  ODD_NAME,
  statusData,
  statusHook,
  stopSimulators,
  UNDOCUMENTED,
  type AnswerContext
} from '../helpers/simulator.js'

// `fail-on-failure: false` softens only check items NineData reports Failed; anything else that is
// not a pass (an answer not understood, an error of the action's own) still fails the step, as the
// README's inputs table says. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('fail-on-failure: false', () => {
  it('reports failed items as warnings and passes', async () => {
    const { result } = await gate('failed', { 'fail-on-failure': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['failed-count']).toBe('2')
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    const warnings = result.annotations.filter(a => a.level === 'warning')
    expect(warnings.map(w => w.title).slice(0, 2)).toEqual([
      'Source Permission Check',
      'Target Object Existence Check'
    ])
    expect(warnings.at(-1)!.message).toMatch(/passes because fail-on-failure is false/)
    expect(result.summary).toContain('not blocking: fail-on-failure is false')
  })

  it('a genuinely Failed item is softened (control)', async () => {
    const { result } = await gate(statusHook(answerWith('Failed', 'Failed')), {
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['failed-count']).toBe('1')
  })

  it('still fails on errors of its own', async () => {
    const { result } = await gate('task-not-found', { 'fail-on-failure': 'false' })
    expect(result.exitCode).toBe(1)
  })

  it('an item status "Error" still fails the step', async () => {
    const { result } = await gate(statusHook(answerWith('Success', 'Error')), {
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(ODD_NAME)
  })

  it('an overall "Failed\\u200b" still fails the step', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Failed\u200b', [GOOD])
      })),
      { 'fail-on-failure': 'false' }
    )
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(UNDOCUMENTED)
  })

  it('an item with no status still fails the step', async () => {
    const { result } = await gate(statusHook(answerWith('Failed', undefined)), {
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(1)
  })

  // An overall Failed without a single Failed item has no genuine failed item to soften.
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
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/Failed/)
  })
})
