import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../helpers/fake-clock.js'
import { finishedAtOnce, followOnClock, outageFor, runningFor } from '../helpers/follow-on-clock.js'
import { simulator, statusRequests, stopSimulators, type FaultKind } from '../helpers/simulator.js'

// Transient failures are ridden out until timeout-seconds: the client and the wait loop in-process
// against the simulator, on a clock that moves only when they sleep (so an outage of seconds takes
// milliseconds). Each retry is logged with its reason; the precheck that is followed is the one the
// start call answered.

afterEach(stopSimulators)

const http503: FaultKind = {
  type: 'http',
  status: 503,
  body: '{"success":false,"message":"service unavailable"}'
}

describe('transient faults are retried, each retry logged with its reason', () => {
  it('passes the flaky scenario, meeting each fault once and logging each retry with its reason', async () => {
    const clock = new FakeClock()
    // flaky's faults, on a precheck that runs 8 s of the fake clock after its start.
    const sim = await simulator(finishedAtOnce('flaky', runningFor(clock, 8000)))
    const arrivedAt = clock.timeArrivals(sim)
    const run = await followOnClock(sim.url, clock)
    expect(run.verdict.passed).toBe(true)
    expect(run.end.last?.status).toBe('Success')
    expect(run.end.last?.precheckItems).toHaveLength(5)
    // The precheck runs long enough for the poll schedule to meet all five faults.
    const faults = sim.requests.filter(r => r.answer !== '200')
    expect(faults.map(r => r.answer)).toEqual(['fault:reset', '502', '503', 'fault:cut', '429'])
    // One warning per retry, naming the reason, never the gateway's HTML.
    const warnings = run.log.warning.filter(w => /Retrying in/.test(w))
    expect(warnings).toHaveLength(5)
    expect(warnings[0]).toMatch(
      /^POST \/openapi\/v1\/compareschema\/precheck\/start failed: .*(ECONNRESET|socket hang up)/
    )
    expect(warnings[1]).toMatch(
      /precheck\/status failed: HTTP 502 .*body of \d+ bytes \(text\/html\)/
    )
    expect(warnings[2]).toMatch(/HTTP 503 .*service busy.*Retry-After asks for 1\.0s/)
    expect(warnings[3]).toMatch(/closed before the answer was complete/)
    expect(warnings[4]).toMatch(/HTTP 429.*Retry-After asks for 1\.0s/)
    expect(JSON.stringify(run.log)).not.toMatch(/<html|<h1>/)
    // Retry-After was honoured: the next request came a second later.
    for (const answer of ['503', '429']) {
      const at = sim.requests.findIndex(r => r.answer === answer)
      const [asked, next] = [sim.requests[at]!, sim.requests[at + 1]!]
      expect(arrivedAt(next) - arrivedAt(asked)).toBeGreaterThanOrEqual(1000)
    }
    // The reset start may have reached NineData (so the action says which precheck it follows),
    // and the precheck polled is the one the retried start answered.
    const precheck = run.end.precheckTaskId
    expect(run.log.info.join('\n')).toContain(`this run follows ${precheck} only`)
    const polled = sim.requests.filter(r => r.path.endsWith('/status'))
    expect(polled.every(r => r.query['precheckTaskId'] === precheck)).toBe(true)
    expect(run.fakeElapsedMs).toBeLessThan(20_000)
  })

  it('gives up a hanging request after request-timeout-seconds and retries it', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', {
        ...runningFor(clock, 3000),
        faults: [{ on: 'status', from: 2, times: 1, kind: { type: 'hang' } }]
      })
    )
    const arrivedAt = clock.timeArrivals(sim)
    // A hung request is given up on a real timer: a short request timeout keeps the test fast.
    const run = await followOnClock(sim.url, clock, { requestTimeoutMs: 200 })
    expect(run.verdict.passed).toBe(true)
    expect(run.end.last?.precheckItems).toHaveLength(5)
    expect(run.log.warning).toEqual([
      expect.stringMatching(/status failed: no answer within 0\.2s \(request-timeout-seconds\)/)
    ])
    const at = sim.requests.findIndex(r => r.answer === 'fault:hang')
    expect(at).toBeGreaterThan(0)
    const gap = arrivedAt(sim.requests[at + 1]!) - arrivedAt(sim.requests[at]!)
    expect(gap).toBeGreaterThanOrEqual(1000)
    expect(gap).toBeLessThan(5000)
    expect(run.fakeElapsedMs).toBeLessThan(15_000)
  })
})

describe('outages are ridden out until timeout-seconds', () => {
  it('6 s of 503s and resets on the status query inside a 40 s timeout, then a pass', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', {
        statusAnswer: outageFor(clock, 6000, [http503, { type: 'reset' }])
      })
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000 })
    expect(run.verdict.passed).toBe(true)
    expect(run.end.last?.status).toBe('Success')
    expect(statusRequests(sim).some(r => r.answer.startsWith('fault:reset'))).toBe(true)
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(5_500)
  })

  it('6 s of 503s and resets on the start call, then a pass that says which precheck it follows', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', { startAnswer: outageFor(clock, 6000, [http503, { type: 'reset' }]) })
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000 })
    expect(run.verdict.passed).toBe(true)
    expect(sim.count('start')).toBeGreaterThan(1)
    const followed = run.end.precheckTaskId
    expect(followed).toMatch(/^pcte-/)
    expect(run.log.info.join('\n')).toContain(followed)
    expect(run.log.info.join('\n')).toMatch(/follow/i)
    expect(statusRequests(sim).every(r => r.query['precheckTaskId'] === followed)).toBe(true)
  })

  it('6 s of gateway HTML pages (502), then a pass', async () => {
    const clock = new FakeClock()
    const page: FaultKind = {
      type: 'http',
      status: 502,
      contentType: 'text/html',
      body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>'
    }
    const sim = await simulator(
      finishedAtOnce('pass', { statusAnswer: outageFor(clock, 6000, [page]) })
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000 })
    expect(run.verdict.passed).toBe(true)
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(5_500)
  })

  it('9 s of status queries without an answer within request-timeout-seconds, then a pass', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', { statusAnswer: outageFor(clock, 9000, [{ type: 'hang' }]) })
    )
    // A hung request is given up on real timers: a short request timeout keeps the test fast.
    const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000, requestTimeoutMs: 100 })
    expect(run.verdict.passed).toBe(true)
    expect(statusRequests(sim).filter(r => r.answer === 'fault:hang').length).toBeGreaterThan(1)
    expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(8_500)
  })

  it('5 s of bodies cut short, then a pass', async () => {
    const clock = new FakeClock()
    const sim = await simulator(
      finishedAtOnce('pass', { statusAnswer: outageFor(clock, 5000, [{ type: 'cut' }]) })
    )
    const run = await followOnClock(sim.url, clock, { timeoutMs: 40_000 })
    expect(run.verdict.passed).toBe(true)
    expect(statusRequests(sim).filter(r => r.answer === 'fault:cut').length).toBeGreaterThan(1)
  })

  it('a host name that does not resolve is ridden out until timeout-seconds, then named with a hint', async () => {
    const clock = new FakeClock()
    const run = await followOnClock('http://ninedata.invalid', clock, {
      taskId: 'cc-netw0rk',
      timeoutMs: 6000
    })
    expect(run.verdict.passed).toBe(false)
    expect(run.verdict.kind).toBe('timeout')
    // DNS can be a blip: it is retried like any outage, but not past timeout-seconds.
    expect(run.fakeElapsedMs).toBeLessThan(6_000 + 4_000)
    expect(run.log.warning.length).toBeGreaterThanOrEqual(1)
    expect(run.log.warning.length).toBeLessThanOrEqual(6)
    expect(run.verdict.reason).toMatch(
      /^The precheck did not finish within timeout-seconds \(6 s\)/
    )
    expect(run.verdict.reason).toMatch(/(ENOTFOUND|EAI_AGAIN) ninedata\.invalid/)
    expect(run.end.ending.how === 'timeout' && run.end.ending.outage?.lastError.hint).toMatch(
      /`api-url` \(http:\/\/ninedata\.invalid\) has never answered as NineData: the host name does not resolve/
    )
    expect(run.end.last).toBeUndefined()
  })
})
