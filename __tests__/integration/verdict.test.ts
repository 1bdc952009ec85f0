import { afterEach, describe, expect, it } from '@jest/globals'
import { ACTION_NODE, failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  answerWith,
  gate,
  GOOD,
  item,
  ODD_NAME,
  statusData,
  statusHook,
  statusRequests,
  stopSimulators,
  TEST_TASK_ID,
  UNDOCUMENTED,
  type AnswerContext
} from '../helpers/simulator.js'

// The verdict as a user meets it: only a documented, unambiguous Success passes, and failed items
// are named with NineData's reason. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

const node = ACTION_NODE === process.execPath ? process.version : ACTION_NODE

describe(`the verdict of the bundled action (node ${node})`, () => {
  it('passes when every item succeeds, and reports it', async () => {
    const { result, sim } = await gate('pass')
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['item-count']).toBe('5')
    expect(result.outputs['failed-count']).toBe('0')
    expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
    expect(JSON.parse(result.outputs['items']!)).toHaveLength(5)
    expect(JSON.parse(result.outputs['failed-items']!)).toEqual([])
    expect(result.outputs['request-id']).toMatch(/^sim-/)
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    expect(result.summary).toContain(result.outputs['precheck-task-id'])
    expect(result.summary).toContain(TEST_TASK_ID)
    expect(result.summary.match(/<tr><td>✅&nbsp;Success/g)).toHaveLength(5)
    expect(result.log).toContain(`Started precheck ${result.outputs['precheck-task-id']}`)
    // One start, then status queries; every request was signed correctly (the simulator checks).
    expect(sim.count('start')).toBe(1)
    expect(sim.requests.every(r => r.answer === '200')).toBe(true)
    // The precheck takes 0.9 s; the fast start of the poll schedule sees it within a second or so.
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('fails on failed items, naming them with NineData reason in annotations and summary', async () => {
    const { result } = await gate('failed')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(result.outputs['failed-count']).toBe('2')
    const failed = JSON.parse(result.outputs['failed-items']!) as { precheckItem: string }[]
    expect(failed.map(i => i.precheckItem)).toEqual([
      'compareSrcPermissionCheck',
      'targetDataExistCheck'
    ])
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(3)
    expect(errors[0]).toEqual({
      level: 'error',
      title: 'Source Permission Check',
      message: expect.stringContaining('GRANT SELECT ON *.*')
    })
    expect(errors[1]!.title).toBe('Target Object Existence Check')
    expect(errors[2]!.message).toMatch(
      /2 check items of 5 failed: Source Permission Check, Target Object Existence Check/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
    // Failed rows come first in the table.
    const rows = result.summary.match(/<tr><td>(❌|✅)&nbsp;\w+/g)!
    expect(rows.slice(0, 2).every(r => r.includes('Failed'))).toBe(true)
    expect(rows.slice(2).every(r => r.includes('Success'))).toBe(true)
    expect(visibleText(result.summary)).toContain('Table `orders_archive` does not exist')
  })

  it('fails on an overall Failed without any items', async () => {
    const { result } = await gate('failed-no-items')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(result.outputs['item-count']).toBe('0')
    expect(result.outputs['failed-count']).toBe('0')
    expect(result.annotations.at(-1)!.message).toMatch(
      /overall status Failed without a failed check item/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
  })

  it('fails on a Failed item even when NineData reports overall Success', async () => {
    const { result } = await gate('success-with-failed-item')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['failed-count']).toBe('1')
    expect(result.annotations.at(-1)!.message).toMatch(
      /NineData reported Success, but 1 check item of 5 failed/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
  })

  it('never passes on a status the docs do not list', async () => {
    const { result } = await gate('unknown-status', { 'timeout-seconds': '20' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Paused')
    expect(result.annotations.at(-1)!.message).toMatch(/"Paused": not a status NineData documents/)
    // Not understood is final at once: no waiting for the timeout.
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('reads statuses case-insensitively ("SUCCESS" is Success)', async () => {
    const { result } = await gate('lowercase-success')
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('SUCCESS')
  })
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
    expect(failure).toMatch(shown ?? /(?:)/)
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

describe('an overall Success without the precheckItems list is not the documented shape', () => {
  // The documented status `data` is { taskId, precheckTaskId, status, precheckItems: [...] }. If
  // the list is missing (a renamed field, a proxy that strips it), nothing was checked item by
  // item, and NineData has been seen to say Success over failed items: never a pass.
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
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/precheckItems|shape/i)
  })
})
