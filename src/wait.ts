import { StopError, type Outage } from './ninedata/failure.js'
import type { PrecheckState } from './ninedata/types.js'
import { FailureMemory, isSettled, type Outcome } from './verdict.js'
import type { PrecheckItem } from './ninedata/types.js'

// The waiting loop: poll until the answer is final, the deadline passes, or the run is cancelled.
// Transient failures are ridden out inside each poll (the client retries until the deadline).

// The waits before the 2nd, 3rd, ... poll: quick at first, so a short precheck is seen finishing within
// about half a second, then backing off to poll-interval-seconds, never longer. With the default 5 s
// the polls go out at 0, 0.5, 1, 1.5, 2.5, 3.5, 5.5, 8.5, 13.5 s, ...
const RAMP_MS = [500, 500, 500, 1000, 1000, 2000, 3000]

export function pollDelayMs(pollsDone: number, intervalMs: number): number {
  const ramp = RAMP_MS[pollsDone - 1] ?? Number.POSITIVE_INFINITY
  return Math.min(ramp, intervalMs)
}

export interface WaitOptions {
  /** One status query (retried through transient failures by the client). */
  poll: () => Promise<PrecheckState>
  intervalMs: number
  /** Local epoch ms. */
  deadline: number
  /** Cancellable sleep: throws StopError('cancelled') when the run is cancelled. */
  sleep: (ms: number) => Promise<void>
  /** Called with every answer, so progress can be logged and the last state kept. */
  onState: (state: PrecheckState) => void
  now?: () => number
}

export interface WaitResult {
  outcome: Outcome
  last: PrecheckState | undefined
  earlierFailures: PrecheckItem[]
  error?: unknown
  outage?: Outage | undefined
}

export async function waitForPrecheck(options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now
  const memory = new FailureMemory()
  let last: PrecheckState | undefined
  const end = (outcome: Outcome, extra: Partial<WaitResult> = {}): WaitResult => ({
    outcome,
    last,
    earlierFailures: memory.forgottenIn(last),
    ...extra
  })
  try {
    for (let polls = 1; ; polls++) {
      const startedAt = now()
      last = await options.poll()
      const took = now() - startedAt
      memory.note(last)
      options.onState(last)
      if (isSettled(last)) return end('finished')
      if (now() >= options.deadline) return end('timeout')
      // A slow (large) answer is not asked for back to back: wait at least twice as long as it took.
      const next = Math.max(startedAt + pollDelayMs(polls, options.intervalMs), now() + 2 * took)
      await options.sleep(Math.max(0, Math.min(next, options.deadline) - now()))
      if (now() >= options.deadline) return end('timeout')
    }
  } catch (error) {
    if (error instanceof StopError) return end(error.reason, { outage: error.outage })
    return end('error', { error })
  }
}
