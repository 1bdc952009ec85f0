import { afterEach, describe, expect, it } from '@jest/globals'
import type { Scenario } from '../../simulator/scenarios.js'
import { failureMessage, retryWarnings, visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  expectOutputs,
  gate,
  statusHook,
  stopSimulators,
  type Gate
} from '../helpers/simulator.js'

// A drifting runner clock is corrected to NineData's; rejected credentials and signatures fail fast,
// are not retried, and say what to check. The bundled action against the simulator, as a runner
// runs it.

afterEach(stopSimulators)

const TEN_MINUTES = 10 * 60 * 1000

/**
 * The signed API requests (not /openapi/now, which is unsigned), each with how far its timestamp
 * was from the simulator's clock when it arrived.
 */
const signedRequests = (g: Gate) =>
  g.sim.requests
    .filter(r => r.path !== '/openapi/now')
    .map(request => ({
      request,
      offBy:
        Date.parse(String(request.headers['timestamp'])) -
        (g.simStartedAt + request.atMs + (g.sim.scenario.clockSkewMs ?? 0))
    }))

describe("a drifting runner clock is corrected to NineData's", () => {
  it('passes when NineData is 20 minutes ahead (learnt from the Date header)', async () => {
    const g = await gate('clock-skew')
    const { result, sim } = g
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /clock is 20m \d+s behind NineData's.*requests are now signed with NineData's time/
        )
      })
    )
    // Only the very first request (signed before anything was known) was rejected.
    expect(sim.requests.filter(r => r.answer !== '200').map(r => r.answer)).toEqual(['401'])
    expect(sim.requests[0]!.answer).toBe('401')
    const signed = signedRequests(g)
    expect(Math.abs(signed[0]!.offBy)).toBeGreaterThan(TEN_MINUTES)
    const accepted = signed.filter(({ request }) => request.answer === '200')
    expect(accepted.length).toBe(signed.length - 1)
    expect(accepted.length).toBeGreaterThanOrEqual(2)
    for (const { offBy } of accepted) expect(Math.abs(offBy)).toBeLessThan(TEN_MINUTES)
  })

  it('passes when NineData is 20 minutes behind, sends no Date header and rejects with HTTP 200', async () => {
    const g = await gate('clock-skew-no-date')
    const { result, sim } = g
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    // Without a Date header, the client had to ask NineData for its time.
    expect(sim.count('now')).toBe(1)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/clock is 20m \d+s ahead of NineData's \(\/openapi\/now\)/)
      })
    )
    // The first start was signed with the runner's clock and rejected; every later one was right.
    // (The rejection came as HTTP 200, so the answer codes cannot tell; the timestamps can.)
    const signed = signedRequests(g)
    expect(Math.abs(signed[0]!.offBy)).toBeGreaterThan(TEN_MINUTES)
    expect(signed.length).toBeGreaterThanOrEqual(3)
    for (const { offBy } of signed.slice(1)) expect(Math.abs(offBy)).toBeLessThan(TEN_MINUTES)
    expect(sim.count('start')).toBe(2)
  })
})

describe('rejected credentials fail fast, with what NineData said and what to check', () => {
  const cases: [string, Record<string, string>, Partial<Scenario>, RegExp][] = [
    [
      'a wrong access-key-secret (HTTP 401)',
      { 'access-key-secret': 'not-the-secret' },
      {},
      /signature mismatch/
    ],
    [
      'a wrong access-key-secret (HTTP 200, success: false)',
      { 'access-key-secret': 'not-the-secret' },
      { authFailure: 'envelope200' },
      /signature mismatch/
    ],
    ['an unknown access-key-id', { 'access-key-id': 'nobody' }, {}, /AccessKey ID not found/]
  ]
  it.each(cases)('%s', async (_name, inputs, overrides, said) => {
    const { result, sim } = await gate(customScenario(overrides), inputs)
    expect(result.exitCode).toBe(1)
    // One try, NineData's time once, at most one retry after a clock correction.
    expect(sim.requests.length).toBeLessThanOrEqual(3)
    expect(sim.count('start')).toBeLessThanOrEqual(2)
    expect(sim.count('status')).toBe(0)
    expect(retryWarnings(result)).toEqual([])
    const message = failureMessage(result)
    expect(message).toMatch(said)
    expect(message).toMatch(/rejected the credentials or the request signature/)
    expect(message).toMatch(/access-key-id and access-key-secret/)
    expect(message).toMatch(/clock/)
    // The requestId support needs is the rejection's, and the output and summary show the same one.
    const requestId = /requestId (sim-[0-9a-f]+)/.exec(message)?.[1]
    expect(requestId).toBeDefined()
    expect(result.outputs['request-id']).toBe(requestId)
    const shown = visibleText(result.summary)
    expect(shown).toMatch(said)
    expect(shown).toContain('access-key-id and access-key-secret')
    expect(shown).toContain(requestId!)
    expect(result.outputs['status']).toBe('')
  })

  it('HTTP 401 on the status query ends the step at once', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({
        body: '{"success":false,"message":"signature mismatch"}',
        status: 401
      }))
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    expect(failureMessage(result)).toMatch(/access-key|credential|signature/i)
  })

  it('HTTP 403 PERMISSION_DENY on the start call ends the step at once', async () => {
    const { result, sim } = await gate(
      customScenario({
        startAnswer: () => ({
          body: '{"success":false,"message":"PERMISSION_DENY module:DataSource"}',
          status: 403
        })
      })
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    expect(failureMessage(result)).toContain('PERMISSION_DENY')
  })

  it('an HTTP 200 envelope rejecting the timestamp on the start call ends the step at once', async () => {
    const { result, sim } = await gate(
      customScenario({
        startAnswer: () => ({
          data: undefined,
          success: false,
          message: 'timestamp expired: more than 10 minutes from server time'
        })
      })
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
  })
})
