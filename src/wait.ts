import { ApiError, StopError } from './ninedata/errors.js'
import type { PrecheckState } from './ninedata/types.js'
import { isTerminal, type Outcome } from './verdict.js'

// The waiting loop: poll until the precheck's status is terminal, the deadline passes, or the run is
// cancelled.

/**
 * Waits before the poll after `pollsDone` polls: quick at first, so a short precheck is seen finishing
 * within about half a second, then backing off to `poll-interval-seconds`, never longer.
 * With the default 5 s interval the polls go out at 0, 0.5, 1, 1.5, 2.5, 3.5, 5.5, 8.5, 13.5 s, ...
 */
const RAMP_MS = [500, 500, 500, 1000, 1000, 2000, 3000]

export function pollDelayMs(pollsDone: number, intervalMs: number): number {
  const ramp = RAMP_MS[pollsDone - 1] ?? Number.POSITIVE_INFINITY
  return Math.min(ramp, intervalMs)
}

export interface WaitOptions {
  /** One status query. */
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
  polls: number
  error?: ApiError | Error
}

export async function waitForVerdict(options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now
  let last: PrecheckState | undefined
  let polls = 0
  try {
    for (;;) {
      const startedAt = now()
      const state = await options.poll()
      polls++
      last = state
      options.onState(state)
      if (isTerminal(state.status)) return { outcome: 'finished', last, polls }
      const remaining = options.deadline - now()
      if (remaining <= 0) return { outcome: 'timeout', last, polls }
      const wait = Math.min(startedAt + pollDelayMs(polls, options.intervalMs) - now(), remaining)
      await options.sleep(Math.max(0, wait))
      if (now() >= options.deadline) return { outcome: 'timeout', last, polls }
    }
  } catch (error) {
    if (error instanceof StopError) return { outcome: error.reason, last, polls }
    return { outcome: 'error', last, polls, error: error as Error }
  }
}
