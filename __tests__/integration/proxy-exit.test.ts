import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { startAction } from '../helpers/action-runner.js'
import { expectPassed, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// Through a proxy, whatever its sockets do, the action exits by itself after its verdict: a proxy
// that keeps the tunnel open after the answer, one whose upstream never answers, one that never
// answers the CONNECT at all. Each proxy holds its sockets open forever and request-timeout-seconds
// is the longest allowed, so a socket left open, or a request that outlived timeout-seconds, would
// keep the process alive until the runner stand-in kills it (no exit code): that is the failure
// looked for, not a measured time.

/** Far above any healthy run: only a process kept alive by a socket gets killed. */
const KILL_AFTER_MS = 150_000

type Behaviour = 'hold-open' | 'silent-upstream' | 'silent-proxy'

const proxies: { close(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(proxies.splice(0).map(p => p.close()))
  await stopSimulators()
})

/** A CONNECT proxy on 127.0.0.1 that misbehaves as told; it never closes the runner's side itself. */
async function startProxy(behaviour: Behaviour, upstreamPort = 0) {
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => res.writeHead(502).end())
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (_req: IncomingMessage, client: Socket) => {
    client.on('error', () => undefined)
    if (behaviour === 'silent-proxy') return
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (behaviour === 'silent-upstream') return
    const upstream = connect(upstreamPort, '127.0.0.1')
    sockets.add(upstream)
    upstream.on('error', () => undefined)
    client.pipe(upstream)
    // Upstream's bytes go to the runner, its end does not: the tunnel stays open from our side.
    upstream.on('data', chunk => client.write(chunk))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const proxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
  proxies.push(proxy)
  return proxy
}

/** Runs the bundle through the proxy; returns the result and when its verdict line was printed. */
async function runThrough(proxyUrl: string, apiUrl: string, extra: Record<string, string> = {}) {
  let verdicts = 0
  const run = startAction(testInputs(apiUrl, extra), {
    env: { http_proxy: proxyUrl, https_proxy: proxyUrl },
    killAfterMs: KILL_AFTER_MS,
    onLine: line => {
      if (/^(::error::|The precheck passed)/.test(line)) verdicts++
    }
  })
  const result = await run.done
  return { result, verdicts }
}

describe('the action exits soon after its verdict, whatever the proxy does', () => {
  // ninedata.test resolves nowhere: only the proxy reaches it (loopback is never proxied).
  it('a proxy that holds the tunnel open after the answers', async () => {
    const sim = await simulator('pass')
    const proxy = await startProxy('hold-open', sim.port)
    const { result, verdicts } = await runThrough(proxy.url, `http://ninedata.test:${sim.port}`)
    expectPassed(result)
    expect(verdicts).toBeGreaterThan(0)
    expect(result.signal).toBeNull()
  }, 180_000)

  it.each([
    ['an upstream that never answers', 'silent-upstream'],
    ['a proxy that never answers the CONNECT', 'silent-proxy']
  ] as const)(
    '%s: timed out, and gone long before request-timeout-seconds',
    async (_l, how) => {
      const proxy = await startProxy(how)
      const { result, verdicts } = await runThrough(proxy.url, 'https://ninedata.test', {
        'timeout-seconds': '3',
        'request-timeout-seconds': '600'
      })
      expect(result.signal).toBeNull()
      expect(result.exitCode).toBe(1)
      expect(result.summary).toContain('timed out')
      expect(verdicts).toBeGreaterThan(0)
    },
    180_000
  )
})
