import { afterEach, describe, expect, it } from '@jest/globals'
import { NineDataClient, toApiError } from '../../src/ninedata/client.js'
import { ApiError, StopError } from '../../src/ninedata/errors.js'
import { getPrecheckStatus, startPrecheck } from '../../src/ninedata/precheck.js'
import {
  customScenario,
  DEMO_CREDENTIALS,
  simulator,
  stopSimulators
} from '../helpers/simulator.js'

// The signed client in-process against the simulator: retries, clock correction, deadlines, cancel.

afterEach(stopSimulators)

function client(
  url: string,
  options: Partial<ConstructorParameters<typeof NineDataClient>[0]> = {}
) {
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const c = new NineDataClient({
    apiUrl: url,
    credentials: {
      accessKeyId: DEMO_CREDENTIALS['access-key-id'],
      accessKeySecret: DEMO_CREDENTIALS['access-key-secret']
    },
    requestTimeoutMs: 5000,
    deadline: Date.now() + 20_000,
    signal: new AbortController().signal,
    log: {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    },
    random: () => 0,
    ...options
  })
  return { c, log }
}

describe('NineDataClient', () => {
  it('signs requests the simulator accepts and returns data with the requestId', async () => {
    const sim = await simulator('pass')
    const { c } = client(sim.url)
    const started = await startPrecheck(c, 'cc-1')
    expect(started.data.precheckTaskId).toMatch(/^pcte-/)
    expect(started.attempts).toBe(1)
    const status = await getPrecheckStatus(c, 'cc-1', started.data.precheckTaskId)
    expect(status.requestId).toMatch(/^sim-/)
    expect(c.lastRequestId).toBe(status.requestId)
    c.dispose()
  })

  it('retries transient faults and says why, once per retry', async () => {
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
    const { c, log } = client(sim.url)
    const started = await startPrecheck(c, 'cc-1')
    expect(started.attempts).toBe(4)
    expect(log.warning).toHaveLength(3)
    expect(log.warning[1]).toMatch(/HTTP 502.*body of \d+ bytes \(text\/html\)/)
    expect(log.warning[1]).not.toContain('Bad Gateway</h1>')
    expect(log.warning[2]).toMatch(/closed before the answer was complete/)
    c.dispose()
  })

  it('gives up after the bounded number of attempts', async () => {
    const sim = await simulator(
      customScenario({
        faults: [{ on: 'start', times: 99, kind: { type: 'http', status: 500 } }]
      })
    )
    const { c, log } = client(sim.url, { maxAttempts: 3 })
    await expect(startPrecheck(c, 'cc-1')).rejects.toThrow(/after 3 attempts; the last: HTTP 500/)
    expect(sim.count('start')).toBe(3)
    expect(log.warning).toHaveLength(2)
  })

  it('does not retry a business error', async () => {
    const sim = await simulator('task-not-found')
    const { c } = client(sim.url)
    const error = (await startPrecheck(c, 'cc-1').catch(e => e)) as ApiError
    expect(error).toMatchObject({ kind: 'business', message: 'task not found' })
    expect(error.requestId).toMatch(/^sim-/)
    expect(sim.count('start')).toBe(1)
  })

  it('gives a hung request up after request-timeout and tries again', async () => {
    const sim = await simulator(
      customScenario({ faults: [{ on: 'start', times: 1, kind: { type: 'hang' } }] })
    )
    const { c, log } = client(sim.url, { requestTimeoutMs: 300 })
    const started = await startPrecheck(c, 'cc-1')
    expect(started.attempts).toBe(2)
    expect(log.warning[0]).toMatch(/no answer within 0s \(request-timeout-seconds\)/)
    c.dispose()
  })

  it('signs with the server time when the runner clock is 20 minutes off', async () => {
    const sim = await simulator('clock-skew')
    const { c, log } = client(sim.url)
    const started = await startPrecheck(c, 'cc-1')
    expect(started.attempts).toBe(1)
    expect(log.warning.join('\n')).toMatch(/clock is 20m \d+s behind NineData's/)
    expect(Math.abs(c.clock.offsetMs - 20 * 60_000)).toBeLessThan(5000)
    c.dispose()
  })

  it('asks /openapi/now when a rejection carries no Date header', async () => {
    const sim = await simulator('clock-skew-no-date')
    const { c, log } = client(sim.url)
    await startPrecheck(c, 'cc-1')
    expect(sim.count('now')).toBe(1)
    expect(log.warning.join('\n')).toMatch(/ahead of NineData's \(\/openapi\/now\)/)
    c.dispose()
  })

  it('fails fast on wrong credentials', async () => {
    const sim = await simulator('pass')
    const { c } = client(sim.url, {
      credentials: { accessKeyId: 'demo-key', accessKeySecret: 'wrong' }
    })
    await expect(startPrecheck(c, 'cc-1')).rejects.toMatchObject({
      kind: 'auth',
      message: 'signature mismatch'
    })
    expect(sim.requests.length).toBeLessThanOrEqual(2)
  })

  it('stops at the deadline and on cancel', async () => {
    const sim = await simulator(
      customScenario({ faults: [{ on: 'status', times: 99, kind: { type: 'hang' } }] })
    )
    const { c } = client(sim.url, { deadline: Date.now() + 500 })
    await expect(getPrecheckStatus(c, 'cc-1', 'pcte-x')).rejects.toEqual(new StopError('timeout'))
    const controller = new AbortController()
    const { c: c2 } = client(sim.url, { signal: controller.signal })
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    await expect(getPrecheckStatus(c2, 'cc-1', 'pcte-x')).rejects.toEqual(
      new StopError('cancelled')
    )
    expect(Date.now() - started).toBeLessThan(2000)
    await expect(c2.sleep(10)).rejects.toEqual(new StopError('cancelled'))
  })

  it('classifies network errors', () => {
    expect(
      toApiError(
        Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
      )
    ).toMatchObject({
      kind: 'fatal',
      hint: expect.stringContaining('NODE_EXTRA_CA_CERTS')
    })
    expect(
      toApiError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
      ).kind
    ).toBe('transient')
    expect(toApiError('weird').kind).toBe('fatal')
  })
})
