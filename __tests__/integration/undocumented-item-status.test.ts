import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import {
  answerWith,
  gate,
  ODD_NAME,
  statusHook,
  statusRequests,
  stopSimulators,
  UNDOCUMENTED
} from '../helpers/simulator.js'

// An item status NineData does not document, under an overall Success, fails the step at the
// first answer and names what was sent. (The rest of the verdict: verdict.test.ts.) The bundled
// action against the simulator, as a runner runs it.

afterEach(stopSimulators)

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
    const failure = failureMessage(result)
    expect(failure).toContain(ODD_NAME)
    expect(failure).toMatch(UNDOCUMENTED)
    expect(failure).toMatch(shown ?? /(?:)/)
    expect(report?.verdict?.kind).toBe('error')
    expect(report?.verdict?.passed).toBe(false)
  })
})
