import { describe, expect, it } from '@jest/globals'
import { interpretAnswer, type RawAnswer } from '../../src/ninedata/answer.js'
import { ApiError } from '../../src/ninedata/errors.js'
import { parseStarted, parseStatus } from '../../src/ninedata/precheck.js'

const answer = (
  httpStatus: number,
  body: string,
  headers: RawAnswer['headers'] = {}
): RawAnswer => ({
  httpStatus,
  statusText: '',
  headers: { 'content-type': 'application/json', ...headers },
  body
})
const NOW = Date.parse('2026-11-26T12:00:00Z')

function kindOf(raw: RawAnswer): string {
  const result = interpretAnswer(raw, NOW)
  return result instanceof ApiError ? result.kind : 'ok'
}

describe('interpretAnswer', () => {
  it('accepts the envelope with success true', () => {
    expect(
      interpretAnswer(answer(200, '{"success":true,"requestId":"r","data":{"a":1}}'), NOW)
    ).toEqual({ success: true, requestId: 'r', data: { a: 1 } })
  })

  it('classifies refusals, faults and odd shapes', () => {
    expect(
      kindOf(answer(200, '{"success":false,"requestId":"r","message":"task not found"}'))
    ).toBe('business')
    expect(kindOf(answer(200, '{"success":false,"message":"signature mismatch"}'))).toBe('auth')
    expect(kindOf(answer(401, '{"success":false,"message":"denied"}'))).toBe('auth')
    expect(kindOf(answer(403, '<html>Forbidden</html>', { 'content-type': 'text/html' }))).toBe(
      'auth'
    )
    expect(kindOf(answer(502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }))).toBe(
      'transient'
    )
    expect(kindOf(answer(500, '{"success":false,"message":"oops"}'))).toBe('transient')
    expect(kindOf(answer(200, '{"success":true,"da'))).toBe('transient')
    expect(kindOf(answer(200, '<html>login page</html>', { 'content-type': 'text/html' }))).toBe(
      'transient'
    )
    expect(kindOf(answer(200, '{"ok":true}'))).toBe('protocol')
    expect(kindOf(answer(200, '{"success":"true"}'))).toBe('protocol')
    expect(kindOf(answer(404, 'not found', { 'content-type': 'text/plain' }))).toBe('fatal')
  })

  it('keeps NineData message and requestId', () => {
    const error = interpretAnswer(
      answer(
        200,
        '{"success":false,"requestId":"Pc2k","message":"PERMISSION_DENY module:DataSource"}'
      ),
      NOW
    ) as ApiError
    expect(error.message).toBe('PERMISSION_DENY module:DataSource')
    expect(error.requestId).toBe('Pc2k')
  })

  it('reads Retry-After on 429 and 503, in seconds or as a date', () => {
    expect(
      (interpretAnswer(answer(429, '', { 'retry-after': '3' }), NOW) as ApiError).retryAfterMs
    ).toBe(3000)
    const date = new Date(NOW + 7000).toUTCString()
    expect(
      (interpretAnswer(answer(503, '', { 'retry-after': date }), NOW) as ApiError).retryAfterMs
    ).toBe(7000)
    expect(
      (interpretAnswer(answer(502, '', { 'retry-after': '3' }), NOW) as ApiError).retryAfterMs
    ).toBeUndefined()
  })

  it('points at api-url on a 404', () => {
    expect((interpretAnswer(answer(404, ''), NOW) as ApiError).hint).toMatch(/api-url/)
  })
})

describe('precheck answers', () => {
  const item = {
    precheckItem: 'srcDataSourceCheck',
    itemName: 'Source Connection Check',
    itemDescription: 'd',
    status: 'Success',
    extra: 1
  }

  it('reads the documented status shape and keeps each item as returned', () => {
    const s = parseStatus(
      { taskId: 'cc-1', precheckTaskId: 'pcte-1', status: 'Running', precheckItems: [item] },
      'cc-1',
      'pcte-1'
    )
    expect(s.status).toBe('Running')
    expect(s.precheckItems[0]).toMatchObject({
      itemName: 'Source Connection Check',
      errorMessage: '',
      raw: item
    })
    expect(
      parseStatus({ status: 'Running', precheckItems: null }, 'cc-1', 'pcte-1').precheckItems
    ).toEqual([])
  })

  it.each([
    [null, /no data object/],
    [{}, /data.status is missing/],
    [{ status: 'Success', precheckItems: {} }, /not an array/],
    [{ status: 'Success', precheckItems: [1] }, /precheckItems\[0\] is not an object/],
    [{ status: 'Success', precheckItems: [{ status: ['x'] }] }, /status is an array/],
    [{ status: 'Success', precheckTaskId: 'pcte-other' }, /answer about pcte-other/],
    [{ status: 'Success', taskId: 'cc-other' }, /answer about cc-other/]
  ])('refuses %j', (data, expected) => {
    expect(() => parseStatus(data, 'cc-1', 'pcte-1')).toThrow(expected)
  })

  it('reads the start answer', () => {
    expect(parseStarted({ taskId: 'cc-1', precheckTaskId: 'pcte-9' }, 'cc-1')).toEqual({
      taskId: 'cc-1',
      precheckTaskId: 'pcte-9'
    })
    expect(parseStarted('pcte-7', 'cc-1')).toEqual({ taskId: 'cc-1', precheckTaskId: 'pcte-7' })
    expect(() => parseStarted({ taskId: 'cc-1' }, 'cc-1')).toThrow(/no data.precheckTaskId/)
    expect(() => parseStarted(undefined, 'cc-1')).toThrow(/no data object/)
  })
})
