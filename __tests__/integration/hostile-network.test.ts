import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import type { AnswerContext, FaultKind, HookAnswer } from '../../simulator/scenarios.js'
import {
  stopSimulators,
  gate,
  customScenario,
  statusHook,
  statusRequests
} from '../helpers/simulator.js'

// Issue 8, class 4: transient failures are ridden out until timeout-seconds; business errors and
// rejected credentials stay final. The bundle against a simulator that fails on purpose.

afterEach(stopSimulators)

const http503: FaultKind = {
  type: 'http',
  status: 503,
  body: '{"success":false,"message":"service unavailable"}'
}

/** For the first `ms` after the first request: 503 and connection resets in turn; then as usual. */
const outageFor =
  (ms: number, faults: FaultKind[] = [http503, { type: 'reset' }]) =>
  (context: AnswerContext): HookAnswer | undefined =>
    context.sinceFirstMs < ms ? { fault: faults[context.n % faults.length]! } : undefined

/** Jest's limit for tests that ride out an outage inside a 40 s timeout-seconds. */
const SLOW = 90_000

/** Gaps between consecutive arrivals of the given requests, in ms. */
const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!)

describe('outages are ridden out until timeout-seconds', () => {
  it(
    '6 s of 503s and resets on the status query inside a 40 s timeout, then a pass',
    async () => {
      const { result, sim } = await gate(statusHook(outageFor(6000)), { 'timeout-seconds': '40' })
      expect(result.exitCode).toBe(0)
      expect(result.outputs['status']).toBe('Success')
      expect(statusRequests(sim).some(r => r.answer.startsWith('fault:reset'))).toBe(true)
      expect(result.durationMs).toBeGreaterThanOrEqual(5_500)
    },
    SLOW
  )

  it(
    '6 s of 503s and resets on the start call, then a pass that says which precheck it follows',
    async () => {
      const { result, sim } = await gate(customScenario({ startAnswer: outageFor(6000) }), {
        'timeout-seconds': '40'
      })
      expect(result.exitCode).toBe(0)
      expect(sim.count('start')).toBeGreaterThan(1)
      const followed = result.outputs['precheck-task-id']
      expect(followed).toMatch(/^pcte-/)
      expect(result.log).toContain(followed)
      expect(result.log).toMatch(/follow/i)
    },
    SLOW
  )

  it(
    '6 s of gateway HTML pages (502), then a pass',
    async () => {
      const page: FaultKind = {
        type: 'http',
        status: 502,
        contentType: 'text/html',
        body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>'
      }
      const { result } = await gate(statusHook(outageFor(6000, [page])), {
        'timeout-seconds': '40'
      })
      expect(result.exitCode).toBe(0)
    },
    SLOW
  )

  it(
    '9 s of status queries without an answer within request-timeout-seconds, then a pass',
    async () => {
      const { result, sim } = await gate(statusHook(outageFor(9000, [{ type: 'hang' }])), {
        'timeout-seconds': '40',
        'request-timeout-seconds': '1'
      })
      expect(result.exitCode).toBe(0)
      expect(statusRequests(sim).filter(r => r.answer === 'fault:hang').length).toBeGreaterThan(1)
    },
    SLOW
  )

  it(
    '5 s of bodies cut short, then a pass',
    async () => {
      const { result, sim } = await gate(statusHook(outageFor(5000, [{ type: 'cut' }])), {
        'timeout-seconds': '40'
      })
      expect(result.exitCode).toBe(0)
      expect(statusRequests(sim).filter(r => r.answer === 'fault:cut').length).toBeGreaterThan(1)
    },
    SLOW
  )

  it.each([
    [503, 'service unavailable'],
    [429, 'too many requests']
  ])(
    'five %is with Retry-After: 0 neither end the step nor cause a storm',
    async (status, message) => {
      const { result, sim } = await gate(
        customScenario({
          faults: [
            {
              on: 'status',
              from: 1,
              times: 5,
              kind: {
                type: 'http',
                status,
                headers: { 'retry-after': '0' },
                body: JSON.stringify({ success: false, message })
              }
            }
          ]
        }),
        { 'timeout-seconds': '40', 'poll-interval-seconds': '0.2' }
      )
      expect(result.exitCode).toBe(0)
      const arrivals = statusRequests(sim).map(r => r.atMs)
      expect(arrivals.length).toBeGreaterThanOrEqual(6)
      // A floor of 1 s between retries (a little slack for timers).
      for (const gap of gaps(arrivals.slice(0, 6))) expect(gap).toBeGreaterThanOrEqual(900)
    },
    SLOW
  )

  it('at the timeout, the message says how long NineData gave no usable answer, and the last error', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({ fault: http503 })),
      {
        'timeout-seconds': '6'
      }
    )
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeGreaterThanOrEqual(5_500)
    expect(result.durationMs).toBeLessThan(20_000)
    // Backoff, not a storm: a handful of queries in 6 s.
    expect(sim.count('status')).toBeLessThanOrEqual(10)
    const failure = failureMessage(result)
    expect(failure).toMatch(/no usable answer|did not answer|unreachable|no answer/i)
    expect(failure).toMatch(/\d+(\.\d+)?\s*(s\b|sec|second)/i)
    expect(failure).toMatch(/503/)
    expect(failure).toMatch(/timeout-seconds/)
  })
})

describe('business errors and rejected credentials stay final and fast', () => {
  it('success:false on the status query ends the step at once, with the message and requestId', async () => {
    const { result, sim } = await gate(
      statusHook(context => ({
        data: undefined,
        success: false,
        message: 'precheck task not found',
        requestId: context.requestId
      }))
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    expect(result.durationMs).toBeLessThan(10_000)
    const failure = failureMessage(result)
    expect(failure).toContain('precheck task not found')
    // The requestId support asks for (the simulator's are sim- and 24 hex digits).
    expect(failure).toMatch(/sim-[0-9a-f]{24}/)
  })

  it('success:false after two Running answers is not retried', async () => {
    const { result, sim } = await gate(
      statusHook(context =>
        context.n <= 2
          ? {
              data: {
                taskId: context.taskId,
                precheckTaskId: context.precheckTaskId,
                status: 'Running',
                precheckItems: []
              }
            }
          : { data: undefined, success: false, message: 'task status invalid' }
      )
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(3)
    expect(failureMessage(result)).toContain('task status invalid')
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
    expect(result.durationMs).toBeLessThan(10_000)
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
    expect(result.durationMs).toBeLessThan(10_000)
  })
})
