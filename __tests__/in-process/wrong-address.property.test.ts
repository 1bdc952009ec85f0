import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { ADDRESS_GRACE_MS } from '../../src/ninedata/ninedata-client.js'
import { reportOf } from '../../src/report/report-model.js'
import { RETRY_POLICY } from '../../src/ninedata/retry.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { followOnClock, type Followed } from '../helpers/follow-on-clock.js'

// A wrong address ends in minutes, not in timeout-seconds. Until NineData has answered once, failures
// that point at the address (a host that does not resolve, a connection cut before any answer, an
// answer that is not NineData's) end the step ADDRESS_GRACE_MS after the first of them, with the
// api-url hint leading the message; a refused connection may be a restart and is ridden out until
// timeout-seconds, its message leading with the address all the same. On a FakeClock: a minute of
// retries takes milliseconds, and every wait is counted, not timed.

const FIFTEEN_MINUTES = 900_000
/** The grace ends at the first failure past it: at most one longest wait between tries later. */
const GRACE_END_MAX = ADDRESS_GRACE_MS + RETRY_POLICY.minCapMs + 1000

function reportFor(run: Followed) {
  return reportOf(
    { gate: run.gate, decided: run.gate.verdict, taskId: 'cc-netw0rk' },
    run.fakeElapsedMs
  )
}

function expectEndedForTheAddress(run: Followed, apiUrl: string): void {
  expect(run.verdict.passed).toBe(false)
  expect(run.end.ending.how).toBe('error')
  expect(run.fakeElapsedMs).toBeGreaterThanOrEqual(ADDRESS_GRACE_MS)
  expect(run.fakeElapsedMs).toBeLessThanOrEqual(GRACE_END_MAX)
  const report = reportFor(run)
  expect(report.hintFirst).toBe(true)
  expect(report.hint).toContain(`\`api-url\` (${apiUrl}) has never answered as NineData`)
  expect(report.verdict.reason).toMatch(/a wrong address does not get better by waiting/)
}

describe('failures that point at the address end after the grace', () => {
  it('a host name that does not resolve ends after about a minute, not after timeout-seconds', async () => {
    const clock = new FakeClock()
    const url = 'http://ninedata-gate-wrong-host.invalid'
    const run = await followOnClock(url, clock, {
      taskId: 'cc-netw0rk',
      timeoutMs: FIFTEEN_MINUTES
    })
    expectEndedForTheAddress(run, url)
    expect(reportFor(run).hint).toMatch(/the host name does not resolve: check the host/)
    // The first warning says how long the retries go on.
    expect(run.log.warning[0]).toMatch(
      /has given no answer from NineData yet: the host name does not resolve.*Retries go on for 1m 0s at most/
    )
  })

  it('with timeout-seconds under the grace, the timeout ends it and the address still leads', async () => {
    const clock = new FakeClock()
    const url = 'http://ninedata-gate-wrong-host.invalid'
    const run = await followOnClock(url, clock, { taskId: 'cc-netw0rk', timeoutMs: 6000 })
    expect(run.verdict.kind).toBe('timeout')
    expect(run.fakeElapsedMs).toBeLessThanOrEqual(6000)
    expect(run.verdict.reason).toMatch(/(ENOTFOUND|EAI_AGAIN) ninedata-gate-wrong-host\.invalid/)
    const report = reportFor(run)
    expect(report.hintFirst).toBe(true)
    expect(report.hint).toMatch(/^`api-url` \(.+\) has never answered as NineData: the host name/)
  })

  describe('a server that cuts every connection (http:// to an https port fails like this)', () => {
    let server: ReturnType<typeof createTcpServer>
    let url = ''
    beforeAll(async () => {
      server = createTcpServer((socket: Socket) => socket.destroy())
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

    it('ends after the grace, naming the scheme', async () => {
      const run = await followOnClock(url, new FakeClock(), {
        taskId: 'cc-netw0rk',
        timeoutMs: FIFTEEN_MINUTES
      })
      expectEndedForTheAddress(run, url)
      expect(reportFor(run).hint).toMatch(/check the scheme/)
    })
  })

  it('a refused connection may be a restart: ridden out until timeout-seconds, the address first', async () => {
    const probe = createTcpServer()
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>(resolve => probe.close(() => resolve()))
    const url = `http://127.0.0.1:${port}`
    const run = await followOnClock(url, new FakeClock(), {
      taskId: 'cc-netw0rk',
      timeoutMs: 180_000
    })
    expect(run.verdict.kind).toBe('timeout')
    expect(run.fakeElapsedMs).toBeGreaterThan(ADDRESS_GRACE_MS + RETRY_POLICY.minCapMs)
    const report = reportFor(run)
    expect(report.hintFirst).toBe(true)
    expect(report.hint).toMatch(/has never answered as NineData: nothing accepted the connection/)
  })
})

describe('answers that are not NineData’s (generated)', () => {
  /** What the server answers now; each generated case sets it. */
  let answer = { status: 200, type: 'text/html', body: '' }
  let server: Server
  let url = ''
  beforeAll(async () => {
    server = createServer((_req, res) => {
      // No Date header: the fake clock runs minutes ahead, and this is not NineData's clock anyway.
      res.sendDate = false
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body)
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

  const notJson = fc
    .oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 80 }).map(s => `<html><body><h1>${s}</h1></body></html>`)
    )
    .filter(body => {
      try {
        JSON.parse(body)
        return false
      } catch {
        return true
      }
    })
  const contentType = fc.constantFrom('text/html', 'text/plain', 'application/json', '')

  it('a 2xx page that is not JSON: never a pass, ended after the grace with the api-url hint first', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 299 }),
        contentType,
        notJson,
        async (status, type, body) => {
          answer = { status, type: type || 'text/html', body }
          const run = await followOnClock(url, new FakeClock(), {
            taskId: 'cc-netw0rk',
            timeoutMs: FIFTEEN_MINUTES
          })
          expectEndedForTheAddress(run, url)
          expect(reportFor(run).hint).toMatch(/not NineData's OpenAPI JSON/)
        }
      ),
      { numRuns: 25, seed: 22 }
    )
  })

  it('a gateway page saying wait (5xx): ridden out until timeout-seconds, never cut short', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(500, 502, 503, 504), notJson, async (status, body) => {
        answer = { status, type: 'text/html', body }
        const run = await followOnClock(url, new FakeClock(), {
          taskId: 'cc-netw0rk',
          timeoutMs: 150_000
        })
        expect(run.verdict.passed).toBe(false)
        expect(run.verdict.kind).toBe('timeout')
        expect(run.fakeElapsedMs).toBeGreaterThan(ADDRESS_GRACE_MS + RETRY_POLICY.minCapMs)
      }),
      { numRuns: 10, seed: 22 }
    )
  })
})
