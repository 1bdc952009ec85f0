import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, retryWarnings, visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  expectOutputs,
  gate,
  stopSimulators,
  TEST_TASK_ID
} from '../helpers/simulator.js'

// Two of the timing classes the in-process tests prove on a fake clock, on the real one: a
// Retry-After date read on NineData's clock, and retries that stop at timeout-seconds. The bundle as
// a runner runs it, and what a user reads about it.

afterEach(stopSimulators)

describe('Retry-After, on the real clock', () => {
  // NineData is 20 minutes ahead and its Retry-After date is 2.5 s ahead of its own clock, so the
  // date must be read on NineData's clock, not the runner's. (The other Retry-After cases run on a
  // fake clock: __tests__/in-process/retry-after.test.ts.)
  it("reads a Retry-After date on NineData's clock, not the runner's", async () => {
    const { result, sim } = await gate('retry-after-date-skew')
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    const warnings = retryWarnings(result)
    expect(warnings).toHaveLength(1)
    const asked = Number(/Retry-After asks for (\d+\.\d)s/.exec(warnings[0]!)?.[1])
    expect(asked).toBeGreaterThanOrEqual(1)
    expect(asked).toBeLessThanOrEqual(3)
    const at = sim.requests.findIndex(r => r.answer === '503')
    expect(sim.requests[at + 1]!.atMs - sim.requests[at]!.atMs).toBeGreaterThanOrEqual(1300)
  })
})

describe('retrying stops in time, on the real clock', () => {
  // (More deadlines on a fake clock: __tests__/in-process/waiting.test.ts.)
  it('never retries past timeout-seconds, even against a server that always answers 503', async () => {
    const { result, sim } = await gate(
      customScenario({
        faults: [
          {
            on: 'any',
            times: 1e9,
            kind: { type: 'http', status: 503, headers: { 'retry-after': '1' }, body: 'busy' }
          }
        ]
      }),
      { 'timeout-seconds': '2.5' }
    )
    expect(result.exitCode).toBe(1)
    // At most three tries fit in 2.5 s with NineData's 1 s Retry-After (fewer when the machine is
    // slow); a fourth would be past the deadline.
    const answers = sim.requests.map(r => r.answer)
    expect(answers.length).toBeGreaterThanOrEqual(1)
    expect(answers.length).toBeLessThanOrEqual(3)
    expect(answers.every(a => a === '503')).toBe(true)
    const gaps = sim.requests.slice(1).map((r, i) => r.atMs - sim.requests[i]!.atMs)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950)
    // A warning for each retry announced: each one made, and on a slow machine perhaps one the
    // deadline then cut short; never a try past it.
    const warned = retryWarnings(result).length
    expect(warned).toBeGreaterThanOrEqual(answers.length - 1)
    expect(warned).toBeLessThanOrEqual(answers.length)
    const message = failureMessage(result)
    // Nothing ever answered as NineData: the address leads, then the timeout.
    expect(message).toMatch(
      /^`api-url` \(.+\) has never answered as NineData: HTTP 503 with an error page/
    )
    expect(message).toMatch(/ The precheck did not finish within timeout-seconds \(2\.5 s\)/)
    expect(message).toMatch(/NineData gave no usable answer for the last 2(\.\d)?s/)
    expect(message).toMatch(/HTTP 503/)
    expect(message).toMatch(/no time was left for another try/)
    expect(message).toMatch(/No status was seen\. Raise `timeout-seconds` to wait longer\./)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toContain(`NineData schema comparison precheck timed out`)
    expect(visibleText(result.summary)).toContain('no time was left for another try')
    expect(visibleText(result.summary)).toContain(TEST_TASK_ID)
  })
})
