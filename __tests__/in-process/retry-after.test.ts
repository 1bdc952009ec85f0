import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../helpers/fake-clock.js'
import { finishedAtOnce, followOnClock } from '../helpers/follow-on-clock.js'
import { simulator, statusRequests, stopSimulators } from '../helpers/simulator.js'

// Retry-After is honoured, as seconds or as an HTTP date, within a floor of 1 s between tries and
// never past timeout-seconds. The client and the wait loop in-process against the simulator, on a
// clock that moves only when they sleep; the waits they asked for are what is checked.

afterEach(stopSimulators)

describe('Retry-After', () => {
  it('honours Retry-After given as an HTTP date', async () => {
    const clock = new FakeClock()
    const sim = await simulator(finishedAtOnce('retry-after-date'))
    const arrivedAt = clock.timeArrivals(sim)
    const run = await followOnClock(sim.url, clock)
    expect(run.verdict.passed).toBe(true)
    expect(run.end.last?.status).toBe('Success')
    expect(run.end.last?.precheckItems).toHaveLength(5)
    expect(run.log.warning).toHaveLength(1)
    const asked = Number(/Retry-After asks for (\d+\.\d)s/.exec(run.log.warning[0]!)?.[1])
    expect(asked).toBeGreaterThanOrEqual(1)
    expect(asked).toBeLessThanOrEqual(3)
    const at = sim.requests.findIndex(r => r.answer === '503')
    expect(arrivedAt(sim.requests[at + 1]!) - arrivedAt(sim.requests[at]!)).toBeGreaterThanOrEqual(
      1300
    )
  })

  it.each([
    [503, 'service unavailable'],
    [429, 'too many requests']
  ])(
    'five %is with Retry-After: 0 neither end the step nor cause a storm',
    async (status, message) => {
      const clock = new FakeClock()
      const sim = await simulator(
        finishedAtOnce('pass', {
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
        })
      )
      const arrivedAt = clock.timeArrivals(sim)
      const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000, pollIntervalMs: 200 })
      expect(run.verdict.passed).toBe(true)
      const arrivals = statusRequests(sim).map(arrivedAt)
      expect(arrivals.length).toBeGreaterThanOrEqual(6)
      // A floor of 1 s between retries, whatever Retry-After says.
      const gaps = arrivals.slice(1, 6).map((t, i) => t - arrivals[i]!)
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000)
      expect(clock.sleeps.filter(ms => ms < 1000 && ms > 0)).toEqual([])
    }
  )

  it('does not try again before a Retry-After that ends after timeout-seconds', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', {
        faults: [
          {
            on: 'start',
            kind: { type: 'http', status: 429, headers: { 'retry-after': '10' }, body: '' }
          }
        ]
      })
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 3000 })
    expect(run.verdict.passed).toBe(false)
    expect(sim.count('start')).toBe(1)
    // The wait still runs to timeout-seconds: NineData may come back, but not before it asked.
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(2900)
    expect(run.fakeElapsedMs).toBeLessThan(3000 + 3000)
    expect(clock.sleeps).toEqual([3000])
    expect(run.verdict.reason).toMatch(
      /HTTP 429.*Retry-After asks for 10\.0s\); no time was left for another try/
    )
    expect(run.verdict.kind).toBe('timeout')
  })
})
