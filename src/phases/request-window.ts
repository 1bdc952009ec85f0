import type { ApiError } from '../ninedata/api-errors.js'
import type { CallResult } from '../ninedata/ninedata-client.js'

// How many result calls may be under way at once: an adaptive window, as TCP's congestion control
// and the AWS SDKs' adaptive retry mode do it. It grows by one per window of healthy answers and
// halves at once when NineData pushes back (429 or 503, any Retry-After, a request that timed out,
// latency climbing well above what the first answers took). A Retry-After holds every new call of
// the reader, not only the refused one. Pure state: the clock is passed in.

/** Never more than this many calls in flight, whatever the size of the run. */
export const MAX_IN_FLIGHT = 16
/** Where the window starts: the fixed concurrency the reader used before it adapted. */
const INITIAL_WINDOW = 4
/** Answers whose latency sets the baseline the later ones are compared with. */
const BASELINE_ANSWERS = 8
/** Latency counts as climbing above this many times the baseline... */
const LATENCY_FACTOR = 3
/** ...and at least this much above it (loopback answers in 1 ms vary by more than 3x). */
const LATENCY_MARGIN_MS = 200
/** Windows of good answers before the size that last drew push-back is tried again. */
const PROBE_WINDOWS = 8

/** What the window saw, for the log and the benchmark. */
export interface WindowStats {
  calls: number
  /** Attempts NineData refused or did not answer in time (each one shrank or held the window). */
  pushBacks: number
  peakInFlight: number
  peakWindow: number
}

export class RequestWindow {
  size: number
  inFlight = 0
  /** Local epoch ms before which no new call is sent (Retry-After, for the whole reader). */
  pausedUntil = 0
  readonly stats: WindowStats = { calls: 0, pushBacks: 0, peakInFlight: 0, peakWindow: 0 }
  /** Bumped at every shrink: push-back on a call sent before it does not shrink again. */
  private epoch = 0
  private goodInWindow = 0
  /** The size at which NineData last pushed back: approached slowly. */
  private ceiling = Number.POSITIVE_INFINITY
  private readonly baseline: number[] = []
  private smoothedMs: number | undefined

  constructor(
    private readonly now: () => number,
    initial = INITIAL_WINDOW,
    private readonly adaptive = true
  ) {
    this.size = Math.min(MAX_IN_FLIGHT, Math.max(1, initial))
    this.stats.peakWindow = this.size
  }

  /** Whether a new call may go out now, with `busy` calls under way. */
  hasRoom(busy: number): boolean {
    return Math.max(busy, this.inFlight) < this.size && this.now() >= this.pausedUntil
  }

  /** Sends `call` inside the window; `onFailedAttempt` goes to the client, which retries. */
  async track<R extends { call: CallResult }>(
    send: (onFailedAttempt: (error: ApiError) => void) => Promise<R>
  ): Promise<R> {
    const epoch = this.epoch
    const sentAt = this.now()
    this.inFlight++
    this.stats.calls++
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight)
    try {
      const result = await send(error => this.failedAttempt(error, epoch))
      // A retried call's time is mostly the client's backoff, not NineData's answer.
      if (result.call.attempts === 1) this.answered(this.now() - sentAt, epoch)
      return result
    } finally {
      this.inFlight--
    }
  }

  private failedAttempt(error: ApiError, epoch: number): void {
    if (!isPushBack(error)) return
    this.stats.pushBacks++
    if (error.retryAfterMs !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + error.retryAfterMs)
    }
    this.shrink(epoch)
  }

  private answered(latencyMs: number, epoch: number): void {
    if (this.baseline.length < BASELINE_ANSWERS) this.baseline.push(latencyMs)
    this.smoothedMs =
      this.smoothedMs === undefined ? latencyMs : 0.8 * this.smoothedMs + 0.2 * latencyMs
    if (this.latencyClimbed(this.smoothedMs)) {
      this.smoothedMs = undefined
      this.shrink(epoch)
      return
    }
    this.grow()
  }

  private latencyClimbed(smoothedMs: number): boolean {
    if (this.baseline.length < BASELINE_ANSWERS) return false
    const sorted = [...this.baseline].sort((a, b) => a - b)
    const base = sorted[Math.floor(sorted.length / 2)] ?? 0
    return smoothedMs > Math.max(base * LATENCY_FACTOR, base + LATENCY_MARGIN_MS)
  }

  private grow(): void {
    if (!this.adaptive || this.size >= MAX_IN_FLIGHT) return
    this.goodInWindow++
    const windows = this.size + 1 >= this.ceiling ? PROBE_WINDOWS : 1
    if (this.goodInWindow < windows * this.size) return
    this.goodInWindow = 0
    this.size++
    if (this.size >= this.ceiling) this.ceiling = Number.POSITIVE_INFINITY
    this.stats.peakWindow = Math.max(this.stats.peakWindow, this.size)
  }

  /** Halves the window, once per round of calls: the calls already out saw the old load. */
  private shrink(epoch: number): void {
    if (!this.adaptive || epoch !== this.epoch) return
    this.epoch++
    this.ceiling = this.size
    this.size = Math.max(1, Math.floor(this.size / 2))
    this.goodInWindow = 0
  }
}

/** Throttling, an overloaded server, a Retry-After, or no answer within request-timeout-seconds. */
export function isPushBack(error: ApiError): boolean {
  return (
    error.httpStatus === 429 ||
    error.httpStatus === 503 ||
    error.retryAfterMs !== undefined ||
    error.symptom === 'silent'
  )
}

let fixedForBenchmark: number | undefined

/**
 * The benchmark compares the adaptive window with the fixed 4 calls the reader used before. Not an
 * input: only scripts/bench-compare.ts calls this.
 */
export function useFixedWindowForBenchmark(size: number): void {
  fixedForBenchmark = size
}

export function newRequestWindow(now: () => number): RequestWindow {
  return fixedForBenchmark === undefined
    ? new RequestWindow(now)
    : new RequestWindow(now, fixedForBenchmark, false)
}

/**
 * Runs `work(0)`, `work(1)`, ... in order, as many at once as the window allows, and no index more
 * than `maxAhead` past the first one not finished (so answers that wait to be written in order stay
 * few). `wait` sleeps, and throws when the step is cancelled or out of time. The first failure stops
 * new work; the calls under way finish before it is thrown.
 */
export async function runInWindow(
  window: RequestWindow,
  count: number,
  work: (index: number) => Promise<void>,
  options: { wait: (ms: number) => Promise<void>; now: () => number; maxAhead: number }
): Promise<void> {
  const running = new Map<number, Promise<void>>()
  let failure: { error: unknown } | undefined
  let next = 0
  const lowest = (): number => (running.size === 0 ? next : Math.min(...running.keys()))
  try {
    while (next < count && !failure) {
      const paused = window.pausedUntil - options.now()
      if (paused > 0 && running.size === 0) await options.wait(paused)
      else if (window.hasRoom(running.size) && next - lowest() < options.maxAhead) {
        const index = next++
        const job = work(index).then(
          () => void running.delete(index),
          (error: unknown) => {
            running.delete(index)
            failure ??= { error }
          }
        )
        running.set(index, job)
      } else await Promise.race(running.values())
    }
  } catch (error) {
    failure ??= { error }
  }
  await Promise.all(running.values())
  if (failure) throw failure.error
}
