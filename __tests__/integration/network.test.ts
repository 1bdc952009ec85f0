import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import type { Simulator } from '../../simulator/server.js'
import {
  failureMessage,
  retryWarnings,
  runAction,
  startAction,
  visibleText
} from '../helpers/action-runner.js'
import {
  customScenario,
  expectOutputs,
  expectPassed,
  gate,
  simulator,
  statusHook,
  statusRequests,
  stopSimulators,
  TEST_TASK_ID,
  testInputs,
  type AnswerContext,
  type FaultKind,
  type HookAnswer
} from '../helpers/simulator.js'

// The network around NineData: a server that is not up yet, a host name that does not resolve, an
// HTTP proxy, and transient faults (resets, gateway pages, 429/503 with Retry-After, hangs, bodies
// cut short), ridden out until timeout-seconds and never past it.

afterEach(stopSimulators)

const inputs = (apiUrl: string, extra: Record<string, string> = {}) =>
  testInputs(apiUrl, { 'task-id': 'cc-netw0rk', ...extra })

/** A port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

describe('connection problems', () => {
  it('retries a refused connection until NineData is up, then passes', async () => {
    const port = await freePort()
    // NineData comes up once the action has logged its first retry, so at least one attempt was
    // refused however slowly the action starts.
    let simStart: Promise<Simulator> | undefined
    const run = startAction(inputs(`http://127.0.0.1:${port}`), {
      killAfterMs: 50_000,
      onLine: line => {
        if (!simStart && /^::warning::.*Retrying in/.test(line))
          simStart = simulator('pass', { port })
      }
    })
    const result = await run.done
    const sim = await simStart
    expect(sim).toBeDefined()
    expectPassed(result)
    const warnings = retryWarnings(result)
    expect(warnings.length).toBeGreaterThanOrEqual(1)
    expect(warnings.length).toBeLessThanOrEqual(4)
    for (const warning of warnings)
      expect(warning).toMatch(
        new RegExp(
          `^POST /openapi/v1/compareschema/precheck/start failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\. Retrying in \\d+\\.\\ds; no usable answer for [\\d.]+s so far\\.$`
        )
      )
    // The start call succeeded on a later attempt: the log says which precheck this run follows.
    expect(result.log).toMatch(
      /precheck\/start succeeded on attempt \d+, after \d+ failed attempts?\./
    )
    expect(result.log).toContain(`this run follows ${result.outputs['precheck-task-id']} only`)
    expect(sim?.count('start')).toBe(1)
  })

  it('rides out a host name that does not resolve until timeout-seconds, then says so with a hint', async () => {
    const result = await runAction(inputs('http://ninedata.invalid', { 'timeout-seconds': '6' }))
    expect(result.exitCode).toBe(1)
    // DNS can be a blip: it is retried like any outage, but not past timeout-seconds.
    expect(result.durationMs).toBeLessThan(6_000 + 4_000)
    const warnings = retryWarnings(result)
    expect(warnings.length).toBeGreaterThanOrEqual(1)
    expect(warnings.length).toBeLessThanOrEqual(6)
    const message = failureMessage(result)
    expect(message).toMatch(/^The precheck did not finish within timeout-seconds \(6 s\)/)
    expect(message).toMatch(/(ENOTFOUND|EAI_AGAIN) ninedata\.invalid/)
    expect(message).toMatch(/Check the host name in `api-url`/)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toContain('NineData schema comparison precheck timed out')
    expect(visibleText(result.summary)).toContain('ninedata.invalid')
  })
})

/** A CONNECT proxy that tunnels every target to `target()`'s port on 127.0.0.1 and records what it saw. */
async function startProxy(target: () => number) {
  const seen: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createHttpServer((req, res) => {
    // A plain (non-CONNECT) proxy request: recorded, and refused so a test relying on it fails.
    seen.push(`${req.method} ${req.url}`)
    res.writeHead(502).end('this proxy only tunnels')
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`)
    const upstream = connect(target(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}

describe('an HTTP proxy (http_proxy / https_proxy / no_proxy)', () => {
  // ninedata.test does not resolve: only the proxy can reach it. (@actions/http-client never proxies
  // localhost or 127.x, hence the made-up name.)
  it('reaches NineData through the proxy', async () => {
    const sim = await simulator('pass')
    const proxy = await startProxy(() => sim.port)
    try {
      const result = await runAction(inputs(`http://ninedata.test:${sim.port}`), {
        env: { http_proxy: proxy.url, https_proxy: proxy.url }
      })
      expectPassed(result)
      expect(retryWarnings(result)).toEqual([])
      expect(proxy.seen.length).toBeGreaterThanOrEqual(1)
      expect(proxy.seen.every(line => line === `CONNECT ninedata.test:${sim.port}`)).toBe(true)
      expect(sim.count('start')).toBe(1)
      expect(sim.requests.every(r => r.answer === '200')).toBe(true)
    } finally {
      await proxy.close()
    }
  })

  it('bypasses the proxy for hosts in no_proxy', async () => {
    const sim = await simulator('pass')
    const proxy = await startProxy(() => sim.port)
    try {
      const result = await runAction(
        inputs(`http://ninedata.test:${sim.port}`, { 'timeout-seconds': '4' }),
        { env: { http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: 'ninedata.test' } }
      )
      expect(result.exitCode).toBe(1)
      expect(proxy.seen).toEqual([])
      expect(sim.requests).toEqual([])
      expect(retryWarnings(result).length).toBeLessThanOrEqual(4)
      expect(failureMessage(result)).toMatch(/(ENOTFOUND|EAI_AGAIN) ninedata\.test/)
      expect(result.outputs['status']).toBe('')
      expect(result.summary).toContain('NineData schema comparison precheck timed out')
    } finally {
      await proxy.close()
    }
  })
})

describe('transient faults are retried, each retry is logged with its reason', () => {
  it('passes the flaky scenario, meeting each fault once and logging each retry with its reason', async () => {
    const { result, sim } = await gate('flaky')
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    // The precheck runs long enough for the poll schedule to meet all five faults.
    const faults = sim.requests.filter(r => r.answer !== '200')
    expect(faults.map(r => r.answer)).toEqual(['fault:reset', '502', '503', 'fault:cut', '429'])
    // One warning per retry, naming the reason, never the gateway's HTML.
    const warnings = retryWarnings(result)
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
    expect(result.stdout).not.toMatch(/<html|<h1>/)
    // Retry-After was honoured: the next request came at least about a second later.
    for (const answer of ['503', '429']) {
      const at = sim.requests.findIndex(r => r.answer === answer)
      const [asked, next] = [sim.requests[at], sim.requests[at + 1]]
      expect(next!.atMs - asked!.atMs).toBeGreaterThanOrEqual(900)
    }
    // The start was retried: the log says which precheck this run follows, and it is the one polled.
    const precheck = result.outputs['precheck-task-id']!
    expect(result.log).toContain(`this run follows ${precheck} only`)
    const polled = sim.requests.filter(r => r.path.endsWith('/status'))
    expect(polled.every(r => r.query['precheckTaskId'] === precheck)).toBe(true)
    expect(result.durationMs).toBeLessThan(20_000)
  })

  // The second case: NineData is 20 minutes ahead and its Retry-After date is 2.5 s ahead of its own
  // clock, so the date must be read on NineData's clock, not the runner's.
  it.each([
    ['honours Retry-After given as an HTTP date', 'retry-after-date'],
    ["reads a Retry-After date on NineData's clock, not the runner's", 'retry-after-date-skew']
  ])('%s', async (_name, scenario) => {
    const { result, sim } = await gate(scenario)
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

  it('gives up a hanging request after request-timeout-seconds and retries it', async () => {
    const { result, sim } = await gate(
      customScenario({ faults: [{ on: 'status', from: 2, times: 1, kind: { type: 'hang' } }] }),
      { 'request-timeout-seconds': '1' }
    )
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    const warnings = retryWarnings(result)
    expect(warnings).toEqual([
      expect.stringMatching(/status failed: no answer within 1s \(request-timeout-seconds\)/)
    ])
    const at = sim.requests.findIndex(r => r.answer === 'fault:hang')
    expect(at).toBeGreaterThan(0)
    const gap = sim.requests[at + 1]!.atMs - sim.requests[at]!.atMs
    expect(gap).toBeGreaterThanOrEqual(1000)
    expect(gap).toBeLessThan(5000)
    expect(result.durationMs).toBeLessThan(15_000)
  })
})

describe('retrying stops in time', () => {
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
    // 2.5 s of waiting, plus starting Node and writing the report.
    expect(result.durationMs).toBeLessThan(2500 + 2500)
    expect(sim.requests.map(r => r.answer)).toEqual(['503', '503', '503'])
    const gaps = sim.requests.slice(1).map((r, i) => r.atMs - sim.requests[i]!.atMs)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950)
    // A warning for each retry that was made; after the third failure no try fits before the
    // deadline (NineData asks for 1 s), so the wait runs out.
    expect(retryWarnings(result)).toHaveLength(2)
    expect(result.durationMs).toBeGreaterThanOrEqual(2400)
    const message = failureMessage(result)
    expect(message).toMatch(/^The precheck did not finish within timeout-seconds \(2\.5 s\)/)
    expect(message).toMatch(/NineData gave no usable answer for the last 2(\.\d)?s/)
    expect(message).toMatch(/HTTP 503/)
    expect(message).toMatch(/no time was left for another try/)
    expect(message).toMatch(/No status was seen\. Raise `timeout-seconds` to wait longer\./)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toContain(`NineData schema comparison precheck timed out`)
    expect(visibleText(result.summary)).toContain('no time was left for another try')
    expect(visibleText(result.summary)).toContain(TEST_TASK_ID)
  })

  it('does not try again before a Retry-After that ends after timeout-seconds', async () => {
    const { result, sim } = await gate(
      customScenario({
        faults: [
          {
            on: 'start',
            kind: { type: 'http', status: 429, headers: { 'retry-after': '10' }, body: '' }
          }
        ]
      }),
      { 'timeout-seconds': '3' }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    // The wait still runs to timeout-seconds: NineData may come back, but not before it asked.
    expect(result.durationMs).toBeGreaterThanOrEqual(2900)
    expect(result.durationMs).toBeLessThan(3000 + 3000)
    expect(failureMessage(result)).toMatch(
      /HTTP 429.*Retry-After asks for 10\.0s\); no time was left for another try/
    )
    expect(result.summary).toContain('NineData schema comparison precheck timed out')
  })
})

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
