import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NineDataClient } from '../../src/ninedata/ninedata-client.js'
import { MAX_AHEAD_MS } from '../../src/ninedata/server-clock.js'

// Server times that cannot be NineData's clock (1970, year 275760, garbage) never move the client's
// clock and never crash a request: the client says once why it ignored them and signs on.

const RUNS = { seed: 20261119, numRuns: 200 }

let server: Server
let url = ''
/** What the next answers carry: the Date header, and /openapi/now's data. */
const next = { date: '', now: undefined as unknown, success: true }

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('date', next.date)
    res.setHeader('content-type', 'application/json')
    const data = req.url?.startsWith('/openapi/now') ? next.now : {}
    res.end(
      JSON.stringify(
        next.success
          ? { success: true, requestId: 'r', data }
          : { success: false, requestId: 'r', message: 'signature expired' }
      )
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

function client() {
  const log = { info: [] as string[], warning: [] as string[], debug: [] as string[] }
  const c = new NineDataClient({
    apiUrl: url,
    credentials: { accessKeyId: 'id', accessKeySecret: 'a-long-secret-value' },
    requestTimeoutMs: 2000,
    pollIntervalMs: 1000,
    deadline: Date.now() + 10_000,
    signal: new AbortController().signal,
    log: {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    }
  })
  return { c, log }
}

const implausibleMs = fc.oneof(
  fc.integer({ min: -8.64e15, max: Date.UTC(2019, 11, 31) }),
  fc.integer({ min: Date.now() + MAX_AHEAD_MS + 86_400_000, max: 8.64e15 })
)
const dateHeader = fc.oneof(
  implausibleMs.map(ms => new Date(ms).toUTCString()),
  fc.constantFrom('Thu, 01 Jan 1970 00:00:00 GMT', 'Sat, 13 Sep 275760 00:00:00 GMT', 'NaN', 'soon')
)
const nowData = fc.oneof(
  implausibleMs,
  implausibleMs.map(ms => ms / 1000),
  fc.constantFrom(Infinity, -Infinity, '1e400', 'year 275760', null, { time: 0 }, 8.64e15 + 1)
)

describe('server times that cannot be NineData’s clock', () => {
  it('are ignored, said once, and never crash a request (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(dateHeader, nowData, fc.boolean(), async (date, now, rejectFirst) => {
        Object.assign(next, { date, now, success: !rejectFirst })
        const { c, log } = client()
        // A rejection makes the client ask /openapi/now too; then it is accepted.
        const first = c.call('GET', '/openapi/v1/x').catch((e: unknown) => e)
        if (rejectFirst) setTimeout(() => (next.success = true), 0)
        const outcome = await first
        next.success = true
        await c.call('GET', '/openapi/v1/x')
        c.dispose()
        expect(c.clock.offsetMs).toBe(0)
        expect(String(outcome)).not.toMatch(/Invalid time value|RangeError/)
        const said = log.info.filter(m => m.startsWith('Ignored the server time'))
        if (/^(NaN|soon)$/.test(date) && now === null) expect(said).toHaveLength(0)
        else expect(said.length).toBeLessThanOrEqual(1)
        expect(log.warning.filter(m => /clock is/.test(m))).toEqual([])
      }),
      RUNS
    )
  })

  it('1970 on every answer: ignored, said once, with the reason', async () => {
    Object.assign(next, { date: 'Thu, 01 Jan 1970 00:00:00 GMT', now: undefined, success: true })
    const { c, log } = client()
    for (let i = 0; i < 3; i++) await c.call('GET', '/openapi/v1/x')
    c.dispose()
    expect(log.info).toEqual([
      "Ignored the server time 1970-01-01T00:00:00.000Z (from the Date header of its answer): it is before 2020, so it cannot be NineData's clock. Requests stay signed with the runner's clock."
    ])
    expect(log.debug.filter(m => m.startsWith('Ignored'))).toHaveLength(2)
  })

  it('a plausible Date far from what NineData just accepted is another clock', async () => {
    Object.assign(next, {
      date: new Date(Date.now() + 2 * 365 * 86_400_000).toUTCString(),
      now: undefined,
      success: true
    })
    const { c, log } = client()
    await c.call('GET', '/openapi/v1/x')
    await c.call('GET', '/openapi/v1/x')
    c.dispose()
    expect(c.clock.offsetMs).toBe(0)
    expect(log.info.join('\n')).toMatch(
      /NineData accepted a request signed with .*, so its clock is within 10 minutes of that, and this Date is another clock's/
    )
  })
})
