import { afterEach, describe, expect, it } from '@jest/globals'
import { NineDataClient } from '../../src/ninedata/ninedata-client.js'
import { ApiError, StopError } from '../../src/ninedata/api-errors.js'
import { getPrecheckStatus, startPrecheck } from '../../src/ninedata/precheck-api.js'
import { realTime } from '../../src/time.js'
import { FakeClock } from '../helpers/fake-clock.js'
import {
  customScenario,
  DEMO_CREDENTIALS,
  simulator,
  stopSimulators
} from '../helpers/simulator.js'

// The signed client in-process against the simulator: retries, clock correction, deadlines, cancel.
// The tests that wait between tries run on a FakeClock: its `sleeps` are the waits the client asked
// for; only a request's own timeout runs on a real timer.

afterEach(stopSimulators)

function client(
  url: string,
  options: Partial<ConstructorParameters<typeof NineDataClient>[0]> = {}
) {
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const time = options.time ?? realTime
  const c = new NineDataClient({
    apiUrl: url,
    credentials: {
      accessKeyId: DEMO_CREDENTIALS['access-key-id'],
      accessKeySecret: DEMO_CREDENTIALS['access-key-secret']
    },
    requestTimeoutMs: 5000,
    pollIntervalMs: 1000,
    deadline: time.now() + 20_000,
    signal: new AbortController().signal,
    log: {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    },
    random: () => 0,
    ...options,
    time
  })
  return { c, log }
}

describe('NineDataClient', () => {
  it('signs requests the simulator accepts, for schema and data comparisons', async () => {
    const sim = await simulator('pass')
    const { c } = client(sim.url)
    const started = await startPrecheck(c, 'schema', 'cc-1')
    expect(started.precheckTaskId).toMatch(/^pcte-/)
    expect(started.call.attempts).toBe(1)
    const status = await getPrecheckStatus(c, 'schema', 'cc-1', started.precheckTaskId)
    expect(status.precheckTaskId).toBe(started.precheckTaskId)
    expect(c.lastRequestId).toMatch(/^sim-/)
    const data = await startPrecheck(c, 'data', 'cd-1')
    await getPrecheckStatus(c, 'data', 'cd-1', data.precheckTaskId)
    expect(sim.requests.map(r => r.path)).toEqual([
      '/openapi/v1/compareschema/precheck/start',
      '/openapi/v1/compareschema/precheck/status',
      '/openapi/v1/comparedata/precheck/start',
      '/openapi/v1/comparedata/precheck/status'
    ])
    c.dispose()
  })

  it('rides out transient faults, saying why each time, never the body', async () => {
    const sim = await simulator(
      customScenario({
        faults: [
          { on: 'start', from: 1, times: 1, kind: { type: 'reset' } },
          {
            on: 'start',
            from: 2,
            times: 1,
            kind: {
              type: 'http',
              status: 502,
              contentType: 'text/html',
              body: '<h1>Bad Gateway</h1>'
            }
          },
          { on: 'start', from: 3, times: 1, kind: { type: 'cut' } }
        ]
      })
    )
    const clock = new FakeClock()
    const { c, log } = client(sim.url, { time: clock })
    const started = await startPrecheck(c, 'schema', 'cc-1')
    expect(started.call.attempts).toBe(4)
    // With no jitter (random 0), each wait is the 1 s floor.
    expect(clock.sleeps).toEqual([1000, 1000, 1000])
    expect(started.call.unclearAttempts).toBe(3)
    // Before NineData ever answered, the first failure also points at api-url (once).
    const [suspicion, ...retries] = log.warning
    expect(suspicion).toMatch(/^`api-url` \(http:\/\/127\.0\.0\.1:\d+\) has given no answer/)
    expect(retries).toHaveLength(3)
    expect(retries.every(r => r.includes('Retrying in 1.0s'))).toBe(true)
    expect(retries[1]).toMatch(/HTTP 502.*body of \d+ bytes \(text\/html\)/)
    expect(retries[1]).not.toContain('Bad Gateway</h1>')
    expect(retries[2]).toMatch(/closed before the answer was complete/)
    expect(log.info.join('\n')).toMatch(/succeeded on attempt 4, after 3 failed attempts/)
    c.dispose()
  })

  it('keeps trying until the deadline, then stops with the outage it saw', async () => {
    const sim = await simulator(
      customScenario({
        faults: [{ on: 'start', times: 99, kind: { type: 'http', status: 500 } }]
      })
    )
    const clock = new FakeClock()
    const { c } = client(sim.url, { time: clock, deadline: clock.now() + 2500 })
    const error = (await startPrecheck(c, 'schema', 'cc-1').catch(e => e)) as StopError
    expect(error).toBeInstanceOf(StopError)
    expect(error.reason).toBe('timeout')
    expect(error.outage?.lastError.message).toMatch(/HTTP 500/)
    // Retries at least 1 s apart: 0, 1, 2 s; then no time for another, and the wait runs out.
    expect(sim.count('start')).toBe(3)
    expect(clock.sleeps).toEqual([1000, 1000, 500])
    expect(clock.elapsed()).toBe(2500)
  })

  it('does not retry a business error', async () => {
    const sim = await simulator('task-not-found')
    const { c } = client(sim.url)
    const error = (await startPrecheck(c, 'schema', 'cc-1').catch(e => e)) as ApiError
    expect(error).toMatchObject({ kind: 'business', message: 'task not found' })
    expect(error.requestId).toMatch(/^sim-/)
    expect(sim.count('start')).toBe(1)
  })

  it('gives a hung request up after request-timeout and tries again', async () => {
    const sim = await simulator(
      customScenario({ faults: [{ on: 'start', times: 1, kind: { type: 'hang' } }] })
    )
    const clock = new FakeClock()
    const { c, log } = client(sim.url, { time: clock, requestTimeoutMs: 100 })
    const started = await startPrecheck(c, 'schema', 'cc-1')
    expect(started.call.attempts).toBe(2)
    expect(log.warning[0]).toMatch(/has given no answer from NineData yet: nothing answered/)
    expect(log.warning[1]).toMatch(/no answer within 0\.1s \(request-timeout-seconds\)/)
    expect(clock.sleeps).toEqual([1000])
    c.dispose()
  })

  it('signs with the server time when the runner clock is 20 minutes off', async () => {
    const sim = await simulator('clock-skew')
    const { c, log } = client(sim.url)
    const started = await startPrecheck(c, 'schema', 'cc-1')
    expect(started.call.attempts).toBe(1)
    expect(log.warning.join('\n')).toMatch(/clock is 20m \d+s behind NineData's/)
    expect(Math.abs(c.clock.offsetMs - 20 * 60_000)).toBeLessThan(5000)
    c.dispose()
  })

  it('asks /openapi/now when a rejection carries no Date header', async () => {
    const sim = await simulator('clock-skew-no-date')
    const { c, log } = client(sim.url)
    await startPrecheck(c, 'schema', 'cc-1')
    expect(sim.count('now')).toBe(1)
    expect(log.warning.join('\n')).toMatch(/ahead of NineData's \(\/openapi\/now\)/)
    c.dispose()
  })

  it('fails fast on wrong credentials', async () => {
    const sim = await simulator('pass')
    const { c } = client(sim.url, {
      credentials: { accessKeyId: 'demo-key', accessKeySecret: 'wrong' }
    })
    await expect(startPrecheck(c, 'schema', 'cc-1')).rejects.toMatchObject({
      kind: 'auth',
      message: 'signature mismatch'
    })
    expect(sim.requests.length).toBeLessThanOrEqual(2)
  })

  it('stops at the deadline and on cancel', async () => {
    const sim = await simulator(
      customScenario({ faults: [{ on: 'status', times: 99, kind: { type: 'hang' } }] })
    )
    // The deadline cuts the request's 5 s timeout short: 0.3 s of real time, as the fake clock
    // stands still while the request waits.
    const clock = new FakeClock()
    const { c } = client(sim.url, { time: clock, deadline: clock.now() + 300 })
    const timedOut = (await getPrecheckStatus(c, 'schema', 'cc-1', 'pcte-x').catch(
      e => e
    )) as StopError
    expect(timedOut).toMatchObject({ reason: 'timeout' })
    expect(timedOut.outage?.lastError.message).toMatch(/had not answered yet/)
    // A cancel ends the hung request itself: with a 10 minute request timeout, only the abort can
    // end it before the test's timeout (the hang detector), and nothing is sent after it.
    const controller = new AbortController()
    const { c: c2 } = client(sim.url, { signal: controller.signal, requestTimeoutMs: 600_000 })
    const sentBefore = sim.requests.length
    setTimeout(() => controller.abort(), 50)
    await expect(getPrecheckStatus(c2, 'schema', 'cc-1', 'pcte-x')).rejects.toMatchObject({
      reason: 'cancelled'
    })
    expect(sim.requests.length - sentBefore).toBeLessThanOrEqual(1)
    await expect(c2.sleep(10)).rejects.toEqual(new StopError('cancelled'))
  })
})
