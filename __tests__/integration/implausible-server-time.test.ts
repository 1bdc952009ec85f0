import { afterEach, describe, expect, it } from '@jest/globals'
import type { AnswerContext, HookAnswer } from '../../simulator/scenarios.js'
import { customScenario, expectPassed, gate, stopSimulators } from '../helpers/simulator.js'

// A Date header that cannot be NineData's clock (a gateway without a clock says 1970; garbage says
// year 275760) on every answer: the action ignores it, says why once, and passes as usual.

afterEach(stopSimulators)

function withDate(date: string) {
  return (c: AnswerContext): HookAnswer => ({
    body: JSON.stringify({ success: true, requestId: c.requestId, data: c.natural }),
    headers: { date }
  })
}

describe('implausible server times', () => {
  it.each([
    ['1970', 'Thu, 01 Jan 1970 00:00:00 GMT', '1970-01-01T00:00:00.000Z', 'it is before 2020'],
    [
      'year 275760',
      'Sat, 13 Sep 275760 00:00:00 GMT',
      '+275760-09-13T00:00:00.000Z',
      "it is more than 5 years ahead of the runner's clock"
    ]
  ])(
    'a Date of %s on every answer is ignored, and the step passes',
    async (_l, date, shown, why) => {
      const scenario = customScenario({ startAnswer: withDate(date), statusAnswer: withDate(date) })
      const { result } = await gate(scenario)
      expectPassed(result)
      const said = result.log.split('\n').filter(line => line.startsWith('Ignored the server time'))
      expect(said).toEqual([
        `Ignored the server time ${shown} (from the Date header of its answer): ${why}, so it cannot be NineData's clock. Requests stay signed with the runner's clock.`
      ])
      expect(result.stdout).not.toMatch(/Invalid time value|rejected the credentials|clock is/)
    }
  )
})
