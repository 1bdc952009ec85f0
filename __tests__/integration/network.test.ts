import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import type { Simulator } from '../../simulator/server.js'
import { failureMessage, retryWarnings, runAction, startAction } from '../helpers/action-runner.js'
import { expectPassed, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// The network around NineData, on the real clock: a server that is not up yet (an outage ridden
// out) and an HTTP proxy. (A Retry-After honoured and a deadline kept: network-deadlines.test.ts.)
// The bundle as a runner runs it, to show what the in-process tests prove on a fake clock holds
// for real, and what a user reads about it.

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
