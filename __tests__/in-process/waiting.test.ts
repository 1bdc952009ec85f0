import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../helpers/fake-clock.js'
import { followOnClock } from '../helpers/follow-on-clock.js'
import {
  GOOD,
  item,
  simulator,
  statusData,
  statusHook,
  statusRequests,
  stopSimulators,
  type FaultKind
} from '../helpers/simulator.js'

// Waiting for the verdict: polling until every item has settled, and the timeout with what it
// says. The client and the wait loop in-process against the simulator, on a clock that moves only
// when they sleep.

afterEach(stopSimulators)

describe('items still Unstarted or Running under an overall Success', () => {
  it('keeps polling until they settle, then passes without a warning', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          GOOD,
          item('lateCheck', 'Late Check', clock.elapsed() < 2500 ? 'Running' : 'Success')
        ])
      }))
    )
    const run = await followOnClock(sim.url, clock)
    expect(run.verdict.passed).toBe(true)
    expect(statusRequests(sim).length).toBeGreaterThan(1)
    expect(run.fakeElapsedMs).toBeGreaterThan(2000)
    expect(run.log.warning).toEqual([])
  })

  it('fails at the timeout naming the items that never settled', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          GOOD,
          item('neverCheck', 'Never Started Check', 'Unstarted'),
          item('stuckCheck', 'Stuck Running Check', 'Running')
        ])
      }))
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 4000 })
    expect(run.verdict.kind).toBe('timeout')
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(3500)
    expect(run.verdict.reason).toContain('Never Started Check')
    expect(run.verdict.reason).toContain('Stuck Running Check')
    expect(run.verdict.reason).toMatch(/timeout-seconds/)
  })
})

describe('the timeout', () => {
  it('names the value that ran out and the input that raises it', async () => {
    const clock = new FakeClock()
    const sim = await simulator('timeout')
    const run = await followOnClock(sim.url, clock, { timeoutMs: 2000 })
    expect(run.verdict.passed).toBe(false)
    expect(run.verdict.reason).toMatch(
      /^The precheck did not finish within timeout-seconds \(2 s\)\. The last status seen was "Running"\. Raise `timeout-seconds` to wait longer\.$/
    )
  })

  it('after an outage, says how long NineData gave no usable answer, and the last error', async () => {
    const http503: FaultKind = {
      type: 'http',
      status: 503,
      body: '{"success":false,"message":"service unavailable"}'
    }
    const clock = new FakeClock()
    const sim = await simulator(statusHook(() => ({ fault: http503 })))
    const run = await followOnClock(sim.url, clock, { timeoutMs: 6000 })
    expect(run.verdict.passed).toBe(false)
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(5_500)
    expect(run.fakeElapsedMs).toBeLessThan(20_000)
    // Backoff, not a storm: a handful of queries in 6 s.
    expect(sim.count('status')).toBeLessThanOrEqual(10)
    const failure = run.verdict.reason
    expect(failure).toMatch(/no usable answer|did not answer|unreachable|no answer/i)
    expect(failure).toMatch(/\d+(\.\d+)?\s*(s\b|sec|second)/i)
    expect(failure).toMatch(/503/)
    expect(failure).toMatch(/timeout-seconds/)
  })
})
