import type { RecordedRequest, Simulator } from '../../simulator/server.js'
import type { Time } from '../../src/time.js'

// Time the tests control: a clock (src/time.ts's Time) that only moves when something sleeps. A
// sleep moves it at once, so an outage of minutes ridden out with backoff takes milliseconds, and
// every wait the code asked for is on record. follow-on-clock.ts runs the client and the wait loop
// on it against the simulator.

export class FakeClock implements Time {
  /** Epoch ms the clock started at: the real time when it was made, so signatures stay valid. */
  readonly startedAt: number
  /** Every wait asked for, in ms, in order. */
  readonly sleeps: number[] = []
  private at: number

  constructor(start = Date.now()) {
    this.startedAt = start
    this.at = start
  }

  readonly now = (): number => this.at

  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    this.sleeps.push(ms)
    if (!signal?.aborted) this.at += Math.max(0, ms)
    // Let due I/O and timers run, as they would while a real sleep passes.
    await new Promise<void>(resolve => setImmediate(resolve))
  }

  /** Moves the clock as if work took `ms` (a sleep is not recorded). */
  advance(ms: number): void {
    this.at += ms
  }

  /** Fake ms since the clock started. */
  elapsed(): number {
    return this.at - this.startedAt
  }

  /**
   * From now on, notes the fake time (ms since the clock started) at which each request reaches
   * `sim`; the returned function reads it back for a recorded request.
   */
  timeArrivals(sim: Simulator): (request: RecordedRequest) => number {
    const at = new WeakMap<RecordedRequest, number>()
    const push = sim.requests.push.bind(sim.requests)
    sim.requests.push = (...requests: RecordedRequest[]): number => {
      for (const request of requests) at.set(request, this.elapsed())
      return push(...requests)
    }
    return request => {
      const time = at.get(request)
      if (time === undefined) throw new Error(`no arrival time for ${request.path}`)
      return time
    }
  }
}

/** Retry jitter that is random-looking but the same on every run (mulberry32). */
export function seededRandom(seed = 20_261_116): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
