import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import { item, statusData } from '../../simulator/hostile.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import {
  stopSimulators,
  gate,
  customScenario,
  TEST_TASK_ID,
  statusHook,
  statusRequests,
  UNDOCUMENTED
} from '../helpers/simulator.js'

// Issue 8, class 1: only a documented, unambiguous Success passes. The bundle against a simulator
// whose status answers are written by each test.

afterEach(stopSimulators)

const GOOD = item('srcDataSourceCheck', 'Source Connection Check', 'Success')
const ODD_NAME = 'Odd Status Check'

/** Overall status `overall`, one good item and one item whose status is `status` (undefined: absent). */
const answerWith = (overall: string, status: unknown) => (context: AnswerContext) => ({
  data: statusData(context, overall, [
    GOOD,
    status === undefined
      ? (({ status: _dropped, ...rest }) => rest)(item('oddCheck', ODD_NAME, null))
      : item('oddCheck', ODD_NAME, status, { errorMessage: 'see status' })
  ])
})

describe('an item status that is not a documented one fails the step at once (overall Success)', () => {
  // [label, the item's status as sent, what the message must show of it]
  const cases: [string, unknown, RegExp | undefined][] = [
    ['Error', 'Error', /Error/],
    ['Fail', 'Fail', /Fail/],
    ['FAILURE', 'FAILURE', /FAILURE/],
    ['Timeout', 'Timeout', /Timeout/],
    ['"Failed." (trailing dot)', 'Failed.', /Failed\./],
    ['Not Passed', 'Not Passed', /Not Passed/],
    ['Failed + zero-width space', 'Failed\u200b', /Failed\\u200b/i],
    ['Failed + NUL', 'Failed\u0000', /Failed\\(u0000|x00|0)/i],
    ['F + Cyrillic a + iled', 'F\u0430iled', /F(\\u0430|\u0430)iled/i],
    ['an empty status', '', undefined],
    ['no status field', undefined, undefined],
    ['null', null, undefined],
    ['0', 0, undefined],
    ['false', false, undefined]
  ]
  it.each(cases)('%s', async (_label, status, shown) => {
    const { result, sim, report } = await gate(statusHook(answerWith('Success', status)))
    expect(result.exitCode).toBe(1)
    // At once: the first answer decides, not the 30 s timeout.
    expect(statusRequests(sim).length).toBe(1)
    expect(result.durationMs).toBeLessThan(15_000)
    const failure = failureMessage(result)
    expect(failure).toContain(ODD_NAME)
    expect(failure).toMatch(UNDOCUMENTED)
    if (shown) expect(failure).toMatch(shown)
    expect(report?.verdict?.kind).toBe('error')
    expect(report?.verdict?.passed).toBe(false)
  })
})

describe('the overall status', () => {
  it('an overall "Success" followed by a zero-width space is not Success: fails at once', async () => {
    const { result, sim } = await gate(
      statusHook(context => ({ data: statusData(context, 'Success\u200b', [GOOD]) }))
    )
    expect(result.exitCode).toBe(1)
    expect(statusRequests(sim).length).toBe(1)
    expect(failureMessage(result)).toMatch(/Success\\u200b/i)
    expect(failureMessage(result)).toMatch(UNDOCUMENTED)
  })

  it('an undocumented overall status ("Paused") fails at once, not at the timeout', async () => {
    const { result } = await gate('unknown-status', { 'timeout-seconds': '30' })
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeLessThan(15_000)
    expect(failureMessage(result)).toMatch(/Paused/)
    expect(failureMessage(result)).toMatch(UNDOCUMENTED)
  })

  it('spaces around and the case of documented statuses are ignored ("  SUCCESS " passes)', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, '  SUCCESS ', [
          item('srcDataSourceCheck', 'Source Connection Check', ' success'),
          item('tgtDataSourceCheck', 'Target Connection Check', 'SUCCESS  ')
        ])
      }))
    )
    expect(result.exitCode).toBe(0)
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
  })
})

describe('fail-on-failure: false softens only genuinely Failed items', () => {
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
    expect(result.durationMs).toBeLessThan(15_000)
    expect(failureMessage(result)).toMatch(UNDOCUMENTED)
  })

  it('an item with no status still fails the step', async () => {
    const { result } = await gate(statusHook(answerWith('Failed', undefined)), {
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(1)
  })

  it('a genuinely Failed item is softened (control)', async () => {
    const { result } = await gate(statusHook(answerWith('Failed', 'Failed')), {
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['failed-count']).toBe('1')
  })
})

describe('items still Unstarted or Running under an overall Success', () => {
  it('keeps polling until they settle, then passes without a warning', async () => {
    const { result, sim } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          GOOD,
          item('lateCheck', 'Late Check', context.sinceFirstMs < 2500 ? 'Running' : 'Success')
        ])
      }))
    )
    expect(result.exitCode).toBe(0)
    expect(statusRequests(sim).length).toBeGreaterThan(1)
    expect(result.durationMs).toBeGreaterThan(2000)
    expect(result.annotations.filter(a => a.level !== 'notice')).toEqual([])
  })

  it('fails at the timeout naming the items that never settled', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          GOOD,
          item('neverCheck', 'Never Started Check', 'Unstarted'),
          item('stuckCheck', 'Stuck Running Check', 'Running')
        ])
      })),
      { 'timeout-seconds': '4' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeGreaterThanOrEqual(3500)
    const failure = failureMessage(result)
    expect(failure).toContain('Never Started Check')
    expect(failure).toContain('Stuck Running Check')
    expect(failure).toMatch(/timeout-seconds/)
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
