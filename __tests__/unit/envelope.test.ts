import { describe, expect, it } from '@jest/globals'
import {
  MAX_JSON_DEPTH,
  jsonDepth,
  readEnvelope,
  type RawAnswer
} from '../../src/ninedata/envelope.js'
import { ApiError, classifyNetworkError } from '../../src/ninedata/api-errors.js'
import { retryDelay } from '../../src/ninedata/retry.js'

function answer(httpStatus: number, body: string, headers: RawAnswer['headers'] = {}): RawAnswer {
  return {
    httpStatus,
    statusText: '',
    headers: { 'content-type': 'application/json', ...headers },
    body
  }
}

function failure(raw: RawAnswer): ApiError {
  const result = readEnvelope(raw, Date.parse('2026-01-01T00:00:00Z'))
  if (!(result instanceof ApiError)) throw new Error('expected a failure')
  return result
}

describe('readEnvelope', () => {
  it('returns the envelope of a usable answer exactly as received', () => {
    const body = '{"success":true,"requestId":"r1","data":{"status":"Failed","x":"demo_secret"}}'
    expect(readEnvelope(answer(200, body), 0)).toEqual(JSON.parse(body))
  })

  it('sorts failures by what the action should do', () => {
    expect(
      failure(answer(200, '{"success":false,"message":"task not found","requestId":"r"}'))
    ).toMatchObject({ kind: 'business', requestId: 'r' })
    expect(failure(answer(200, '{"success":false,"message":"signature mismatch"}')).kind).toBe(
      'auth'
    )
    expect(failure(answer(401, '')).kind).toBe('auth')
    expect(failure(answer(503, '<html>', { 'retry-after': '0' }))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 0
    })
    expect(failure(answer(429, '')).mayHaveReachedServer).toBe(false)
    expect(failure(answer(200, '<html>gateway</html>')).kind).toBe('transient')
    expect(failure(answer(200, '{"ok":1}')).kind).toBe('protocol')
    expect(failure(answer(404, 'nope'))).toMatchObject({
      kind: 'fatal',
      hint: expect.stringMatching(/api-url/)
    })
    expect(failure(answer(400, 'The plain HTTP request was sent to HTTPS port')).hint).toMatch(
      /scheme and port/
    )
  })

  it('refuses absurd nesting as not the documented shape, without recursion', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const error = failure(answer(200, `{"success":true,"data":${deep}}`))
    expect(error.kind).toBe('protocol')
    expect(error.message).toMatch(/not the documented shape/)
    expect(jsonDepth(JSON.parse(deep), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1)
  })
})

describe('classifyNetworkError', () => {
  const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code })
  it('tells transient from final network failures', () => {
    expect(classifyNetworkError(coded('ECONNREFUSED'))).toMatchObject({
      kind: 'transient',
      mayHaveReachedServer: false
    })
    expect(classifyNetworkError(coded('ECONNRESET'))).toMatchObject({
      kind: 'transient',
      mayHaveReachedServer: true
    })
    expect(classifyNetworkError(coded('ENOTFOUND')).hint).toMatch(/host name/)
    expect(classifyNetworkError(coded('SELF_SIGNED_CERT_IN_CHAIN')).hint).toMatch(
      /NODE_EXTRA_CA_CERTS/
    )
    const wrong = classifyNetworkError(
      coded(
        'ERR_SSL_WRONG_VERSION_NUMBER',
        'C0:error:0A00010B:SSL routines::wrong version number\n'
      )
    )
    expect(wrong.kind).toBe('fatal')
    expect(wrong.message).not.toMatch(/\n|SSL routines/)
    expect(wrong.hint).toMatch(/scheme and port/)
  })
})

describe('retryDelay', () => {
  it('stays within [1 s, max(interval, 30 s)], Retry-After included', () => {
    expect(retryDelay(1, { intervalMs: 5000, retryAfterMs: 0 })).toBe(1000)
    expect(retryDelay(1, { intervalMs: 5000, retryAfterMs: 3_600_000 })).toBe(30_000)
    expect(retryDelay(1, { intervalMs: 60_000, retryAfterMs: 3_600_000 })).toBe(60_000)
    for (let failures = 1; failures < 60; failures++) {
      for (const r of [0, 0.5, 0.999]) {
        const delay = retryDelay(failures, { intervalMs: 5000, random: () => r })
        expect(delay).toBeGreaterThanOrEqual(1000)
        expect(delay).toBeLessThanOrEqual(30_000)
      }
    }
    expect(retryDelay(3, { intervalMs: 5000, random: () => 1 })).toBe(4000)
  })
})
