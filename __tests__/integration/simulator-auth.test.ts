import { afterEach, describe, expect, it } from '@jest/globals'
import { expectedSignature } from '../../simulator/auth.js'
import { startSimulator, type Simulator } from '../../simulator/server.js'
import { call, signedHeaders, timestampOf } from '../helpers/signed-by-hand.js'

// The simulator's front door, over real HTTP: NineData's signature and timestamp rules, the clock
// endpoint, and what answers outside /openapi.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const STATUS = '/openapi/v1/compareschema/precheck/status'
const query = { taskId: 'cc-1', precheckTaskId: 'pcte-none' }

describe('signatures and timestamps', () => {
  it('agrees with the two independent test vectors', () => {
    expect(expectedSignature(STATUS, 'secret', '2024-05-31T09:15:33Z')).toBe(
      'c53c24699d1bb6dbcd4f7ad0790e6ed720a9999755d374a90166c3ac0d95b695'
    )
    expect(expectedSignature('/openapi/v1/datasource/list', 'secret', '2026-04-20T12:34:56Z')).toBe(
      'f369c2ce0f3783343d5a22a9212df57980df51bf363b9032e50a68429dea49a4'
    )
  })

  it('accepts a request signed over the bare path (the query is not signed)', async () => {
    sim = await startSimulator()
    const answer = await call(sim, 'GET', STATUS, { query })
    expect(answer.http).toBe(200)
    expect(answer.json).toMatchObject({ success: false, message: 'precheck task not found' })
  })

  const refusals: [string, () => Record<string, string>, string][] = [
    ['no headers', () => ({}), 'missing access-key-id, timestamp or signature header'],
    [
      'another access key',
      () => signedHeaders(STATUS, { keyId: 'other-key' }),
      'AccessKey ID not found'
    ],
    ['another secret', () => signedHeaders(STATUS, { secret: 'wrong' }), 'signature mismatch'],
    [
      'the query string signed too',
      () => signedHeaders(`${STATUS}?taskId=cc-1&precheckTaskId=pcte-none`),
      'signature mismatch'
    ],
    [
      'a timestamp with milliseconds',
      () => ({ ...signedHeaders(STATUS), timestamp: new Date().toISOString() }),
      'timestamp format invalid, expected yyyy-MM-ddTHH:mm:ssZ'
    ],
    [
      'a timestamp 11 minutes old',
      () => signedHeaders(STATUS, { at: new Date(Date.now() - 11 * 60_000) }),
      'timestamp expired: more than 10 minutes from server time'
    ]
  ]
  it.each(refusals)('refuses %s with HTTP 401 and a reason', async (_label, headers, reason) => {
    sim = await startSimulator()
    const answer = await call(sim, 'GET', STATUS, { query, headers: headers() })
    expect(answer.http).toBe(401)
    expect(answer.json).toMatchObject({ success: false, message: reason })
    expect(answer.json?.['requestId']).toMatch(/^sim-/)
  })

  it('accepts a timestamp 9 minutes off, and judges it by its own (skewed) clock', async () => {
    sim = await startSimulator()
    const nine = await call(sim, 'GET', STATUS, {
      query,
      headers: signedHeaders(STATUS, { at: new Date(Date.now() + 9 * 60_000) })
    })
    expect(nine.http).toBe(200)
    await sim.close()
    sim = await startSimulator({ scenario: 'clock-skew' })
    const runnerTime = await call(sim, 'GET', STATUS, { query, headers: signedHeaders(STATUS) })
    expect(runnerTime.json?.['message']).toMatch(/timestamp expired/)
    const itsTime = await call(sim, 'GET', STATUS, {
      query,
      headers: signedHeaders(STATUS, { at: new Date(Date.now() + 20 * 60_000) })
    })
    expect(itsTime.http).toBe(200)
  })

  it('answers rejections as HTTP 200 envelopes when the scenario says so', async () => {
    sim = await startSimulator({ scenario: 'clock-skew-no-date' })
    const answer = await call(sim, 'GET', STATUS, { query, headers: signedHeaders(STATUS) })
    expect(answer.http).toBe(200)
    expect(answer.json).toMatchObject({ success: false, message: /timestamp expired/ })
  })
})

describe('the clock', () => {
  it('answers /openapi/now without signature headers, in the envelope, with a Date header', async () => {
    sim = await startSimulator({ scenario: 'clock-skew' })
    // Between the local clock before the call and after it, 20 minutes on: no bound on how long
    // the call took (the Date header has whole seconds, hence the second before).
    const before = Date.now()
    const res = await fetch(`${sim.url}/openapi/now`)
    const body = (await res.json()) as { success: boolean; data: number }
    const after = Date.now()
    expect(body.success).toBe(true)
    expect(body.data).toBeGreaterThanOrEqual(before + 20 * 60_000)
    expect(body.data).toBeLessThanOrEqual(after + 20 * 60_000)
    const date = Date.parse(res.headers.get('date') ?? '')
    expect(date).toBeGreaterThanOrEqual(before + 20 * 60_000 - 1000)
    expect(date).toBeLessThanOrEqual(after + 20 * 60_000)
    expect(sim.count('now')).toBe(1)
  })
})

describe('paths outside /openapi', () => {
  it.each(['/', '/now', '/api/openapi/now', '/openapinow', '/v1/compareschema/precheck/start'])(
    '%s answers a web server HTML 404 page, signed or not',
    async path => {
      sim = await startSimulator()
      for (const headers of [{}, signedHeaders(path)]) {
        const answer = await call(sim, 'GET', path, { headers })
        expect(answer.http).toBe(404)
        expect(answer.contentType).toMatch(/^text\/html/)
        expect(answer.text).toMatch(/<title>404 Not Found<\/title>/)
        expect(answer.json).toBeUndefined()
      }
      expect(sim.requests.every(r => r.kind === undefined && r.answer === '404')).toBe(true)
    }
  )

  it('escapes the path it names', async () => {
    sim = await startSimulator()
    const answer = await call(sim, 'GET', '/x%3Cscript%3E"', { headers: {} })
    expect(answer.text).not.toContain('<script>')
  })

  it('an unknown path under /openapi is a JSON 404, after the signature check', async () => {
    sim = await startSimulator()
    const unsigned = await call(sim, 'GET', '/openapi/v1/nothing', { headers: {} })
    expect(unsigned.http).toBe(401)
    const signed = await call(sim, 'GET', '/openapi/v1/nothing')
    expect(signed.http).toBe(404)
    expect(signed.json).toMatchObject({
      success: false,
      message: 'no such API: GET /openapi/v1/nothing'
    })
  })

  it('a known path with the wrong method is a JSON 404', async () => {
    sim = await startSimulator()
    const answer = await call(sim, 'GET', '/openapi/v1/compareschema/precheck/start')
    expect(answer.http).toBe(404)
    expect(answer.json?.['success']).toBe(false)
    expect(sim.count('start')).toBe(1)
  })
})

it('timestampOf writes the documented format', () => {
  expect(timestampOf(new Date(Date.UTC(2024, 4, 31, 9, 15, 33, 789)))).toBe('2024-05-31T09:15:33Z')
})
