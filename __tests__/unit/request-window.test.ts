import { describe, expect, it } from '@jest/globals'
import { ApiError, StopError } from '../../src/ninedata/api-errors.js'
import type { CallResult } from '../../src/ninedata/ninedata-client.js'
import { MAX_IN_FLIGHT, RequestWindow, runInWindow } from '../../src/phases/request-window.js'
import { FakeClock } from '../helpers/fake-clock.js'

// The adaptive window on the FakeClock against a scripted server: what it sends, when, and how many
// at once. Nothing here measures real time: the clock moves only when the code under test sleeps.

type Answer =
  { ok: true; latencyMs?: number } | { refuse: number; retryAfterMs?: number } | { silent: true }

/** A server that answers call n with script(n), counting what is in flight as the window sends it. */
function scriptedServer(clock: FakeClock, script: (n: number) => Answer) {
  const seen = {
    calls: 0,
    inFlight: 0,
    peak: 0,
    sentAt: [] as number[],
    refusedAt: [] as number[],
    /** How many calls had been sent when each refusal came. */
    sentBeforeRefusal: [] as number[]
  }
  const send = async (
    onFailedAttempt: (error: ApiError) => void
  ): Promise<{ call: CallResult }> => {
    const n = ++seen.calls
    seen.sentAt.push(clock.elapsed())
    seen.inFlight++
    seen.peak = Math.max(seen.peak, seen.inFlight)
    // Answers come back a few turns of the event loop later, in any order.
    for (let i = 0; i < 1 + (n % 3); i++) await new Promise(resolve => setImmediate(resolve))
    seen.inFlight--
    const answer = script(n)
    if ('ok' in answer) {
      if (answer.latencyMs) clock.advance(answer.latencyMs)
      return { call: { data: {}, requestId: '', attempts: 1, unclearAttempts: 0 } }
    }
    const error =
      'silent' in answer
        ? new ApiError('transient', 'no answer', { symptom: 'silent' })
        : new ApiError('transient', 'HTTP 429', {
            httpStatus: answer.refuse,
            retryAfterMs: answer.retryAfterMs
          })
    seen.refusedAt.push(clock.elapsed())
    seen.sentBeforeRefusal.push(seen.calls)
    onFailedAttempt(error)
    // The client waits (its own backoff) and tries again; the second try is answered.
    await clock.sleep(1000)
    return { call: { data: {}, requestId: '', attempts: 2, unclearAttempts: 0 } }
  }
  return { seen, send }
}

async function read(
  clock: FakeClock,
  window: RequestWindow,
  count: number,
  send: ReturnType<typeof scriptedServer>['send'],
  sizes: number[] = []
) {
  await runInWindow(
    window,
    count,
    async () => {
      await window.track(send)
      sizes.push(window.size)
    },
    { wait: ms => clock.sleep(ms), now: clock.now, maxAhead: 256 }
  )
}

describe('the adaptive request window', () => {
  it('grows by one per window of healthy answers, up to 16 in flight and never more', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    const server = scriptedServer(clock, () => ({ ok: true }))
    const sizes: number[] = []
    await read(clock, window, 2000, server.send, sizes)
    expect(server.seen.calls).toBe(2000)
    expect(sizes[0]).toBe(4)
    // One more after 4 answers, then after 5, 6, ...: 16 after 4 + 5 + ... + 15 answers.
    expect(sizes.indexOf(5)).toBe(3)
    expect(sizes.indexOf(6)).toBe(3 + 5)
    expect(Math.max(...sizes)).toBe(MAX_IN_FLIGHT)
    expect(server.seen.peak).toBe(MAX_IN_FLIGHT)
    expect(window.stats).toMatchObject({ calls: 2000, pushBacks: 0, peakInFlight: 16 })
  })

  it('halves at once on a 429 and on a 503', async () => {
    for (const status of [429, 503]) {
      const clock = new FakeClock()
      const window = new RequestWindow(clock.now)
      // Healthy until the window is 16, then three refusals of calls sent at the same size.
      const server = scriptedServer(clock, n => (n === 300 ? { refuse: status } : { ok: true }))
      const sizes: number[] = []
      await read(clock, window, 320, server.send, sizes)
      expect(sizes[270]).toBe(16)
      expect(window.stats.pushBacks).toBe(1)
      expect(Math.min(...sizes.slice(299))).toBe(8)
      expect(server.seen.calls).toBe(320)
    }
  })

  it('halves when a request times out, and never goes below 1', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    const server = scriptedServer(clock, () => ({ silent: true }))
    const sizes: number[] = []
    await read(clock, window, 40, server.send, sizes)
    expect(Math.min(...sizes)).toBe(1)
    expect(server.seen.peak).toBeLessThanOrEqual(4)
    expect(window.stats.pushBacks).toBe(40)
  })

  it('waits out Retry-After for every call, not only the refused one', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    const server = scriptedServer(clock, n =>
      n === 50 ? { refuse: 429, retryAfterMs: 30_000 } : { ok: true }
    )
    await read(clock, window, 120, server.send)
    const refusedAt = server.seen.refusedAt[0]!
    // Calls sent after the refusal went out only once the 30 s had passed.
    const sentAfter = server.seen.sentAt.slice(server.seen.sentBeforeRefusal[0])
    expect(sentAfter.length).toBeGreaterThan(0)
    const early = sentAfter.filter(at => at < refusedAt + 30_000)
    expect(early).toEqual([])
    expect(server.seen.calls).toBe(120)
  })

  it('halves when latency climbs well above what the first answers took', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    // 20 quick answers, then every answer moves the clock by 2 s while the others wait too.
    const server = scriptedServer(clock, n => ({ ok: true, latencyMs: n > 20 ? 2000 : 0 }))
    const sizes: number[] = []
    await read(clock, window, 60, server.send, sizes)
    expect(Math.max(...sizes.slice(0, 20))).toBeGreaterThan(4)
    expect(Math.min(...sizes.slice(20))).toBe(1)
    expect(window.stats.pushBacks).toBe(0)
  })

  it('against a server that refuses more than 6 at once, settles below it with few refusals', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    let inFlight = 0
    const server = scriptedServer(clock, () => ({ ok: true }))
    const throttled = async (f: (error: ApiError) => void) => {
      inFlight++
      try {
        if (inFlight > 6) {
          f(new ApiError('transient', 'HTTP 429', { httpStatus: 429 }))
          await clock.sleep(1000)
          return { call: { data: {}, requestId: '', attempts: 2, unclearAttempts: 0 } }
        }
        return await server.send(f)
      } finally {
        inFlight--
      }
    }
    await runInWindow(window, 3000, () => window.track(throttled).then(() => undefined), {
      wait: ms => clock.sleep(ms),
      now: clock.now,
      maxAhead: 256
    })
    expect(window.stats.calls).toBe(3000)
    expect(window.stats.pushBacks / window.stats.calls).toBeLessThan(0.03)
  })

  it("a fixed window (the benchmark's old reader) never grows or shrinks", async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now, 4, false)
    const server = scriptedServer(clock, n => (n === 10 ? { refuse: 429 } : { ok: true }))
    const sizes: number[] = []
    await read(clock, window, 200, server.send, sizes)
    expect(new Set(sizes)).toEqual(new Set([4]))
    expect(server.seen.peak).toBe(4)
    expect(window.stats.pushBacks).toBe(1)
  })

  it('stops sending at the first failure and lets the calls under way finish', async () => {
    const clock = new FakeClock()
    const window = new RequestWindow(clock.now)
    let finished = 0
    const failing = runInWindow(
      window,
      100,
      async index => {
        await new Promise(resolve => setImmediate(resolve))
        if (index === 10) throw new StopError('timeout')
        finished++
      },
      { wait: ms => clock.sleep(ms), now: clock.now, maxAhead: 256 }
    )
    await expect(failing).rejects.toThrow(StopError)
    expect(finished).toBeLessThan(30)
    expect(finished).toBeGreaterThanOrEqual(10)
  })
})
