import { describe, expect, it } from '@jest/globals'
import {
  ServerClock,
  formatDuration,
  parseDateHeader,
  parseServerTime
} from '../../src/ninedata/clock.js'
import {
  backoffDelay,
  isTransientNetworkError,
  isTransientStatus,
  parseRetryAfter
} from '../../src/ninedata/retry.js'
import { pollDelayMs } from '../../src/wait.js'

describe('server clock', () => {
  it('parses /openapi/now answers defensively', () => {
    const ms = Date.parse('2026-11-26T12:00:00Z')
    expect(parseServerTime(ms)).toBe(ms)
    expect(parseServerTime(ms / 1000)).toBe(ms)
    expect(parseServerTime(String(ms))).toBe(ms)
    expect(parseServerTime('2026-11-26T12:00:00Z')).toBe(ms)
    expect(parseServerTime({ time: '2026-11-26T12:00:00Z' })).toBe(ms)
    expect(parseServerTime('soon')).toBeUndefined()
    expect(parseServerTime(null)).toBeUndefined()
    expect(parseDateHeader('Thu, 26 Nov 2026 12:00:00 GMT')).toBe(ms)
    expect(parseDateHeader(undefined)).toBeUndefined()
  })

  it('corrects only a significant offset, and says so once', () => {
    let local = 1_000_000
    const clock = new ServerClock(() => local)
    expect(clock.observe(local + 5_000, local, local)).toBeUndefined()
    expect(clock.offsetMs).toBe(0)
    const offset = clock.observe(local + 20 * 60_000, local, local)
    expect(offset).toBe(20 * 60_000 + 500)
    expect(clock.observe(local + 20 * 60_000 + 1000, local, local)).toBeUndefined()
    expect(clock.now().getTime()).toBe(local + offset!)
    local += 1000
    expect(clock.observe(local, local, local, 0)).toBe(0)
  })

  it('formats durations for people', () => {
    expect(formatDuration(42_000)).toBe('42s')
    expect(formatDuration(-(20 * 60 + 3) * 1000)).toBe('20m 3s')
    expect(formatDuration(3_605_000)).toBe('1h 0m 5s')
  })
})

describe('retry policy', () => {
  it('backs off exponentially with jitter, within the cap', () => {
    expect(backoffDelay(1, () => 0)).toBe(500)
    expect(backoffDelay(1, () => 1)).toBe(500)
    expect(backoffDelay(3, () => 1)).toBe(2000)
    expect(backoffDelay(3, () => 0.5)).toBe(1250)
    expect(backoffDelay(20, () => 1)).toBe(20_000)
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T12:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:04 GMT', now)).toBe(4000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })

  it('knows which faults are worth another try', () => {
    expect([408, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true)
    expect([400, 401, 403, 404].some(isTransientStatus)).toBe(false)
    expect(isTransientNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(
      true
    )
    expect(isTransientNetworkError(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }))).toBe(true)
    expect(isTransientNetworkError(new Error('socket hang up'))).toBe(true)
    expect(
      isTransientNetworkError(Object.assign(new Error('x'), { code: 'ERR_INVALID_URL' }))
    ).toBe(false)
  })
})

describe('poll schedule', () => {
  it('starts fast and backs off to the interval, never beyond it', () => {
    const delays = Array.from({ length: 10 }, (_, i) => pollDelayMs(i + 1, 5000))
    expect(delays).toEqual([500, 500, 500, 1000, 1000, 2000, 3000, 5000, 5000, 5000])
    expect(
      Array.from({ length: 10 }, (_, i) => pollDelayMs(i + 1, 250)).every(d => d === 250)
    ).toBe(true)
  })
})
