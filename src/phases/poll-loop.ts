import type { Time } from '../time.js'
import { endingOf, FINISHED, type Ending } from '../ending.js'

// The waiting loop, for both phases: poll until the answer is final, the deadline passes, or the run
// is cancelled. Transient failures are ridden out inside each poll (the client retries until the
// deadline), so an error that reaches this loop ends the wait.

// The waits before the 2nd, 3rd, ... poll: quick at first, so a short precheck is seen finishing within
// about half a second, then backing off to poll-interval-seconds, never longer. With the default 5 s
// the polls go out at 0, 0.5, 1, 1.5, 2.5, 3.5, 5.5, 8.5, 13.5 s, ...
const RAMP_MS = [500, 500, 500, 1000, 1000, 2000, 3000]

export function pollDelayMs(pollsDone: number, intervalMs: number): number {
  const ramp = RAMP_MS[pollsDone - 1] ?? Number.POSITIVE_INFINITY
  return Math.min(ramp, intervalMs)
}

export interface PollOptions<S> {
  /** One status query (retried through transient failures by the client). */
  poll: () => Promise<S>
  /** Whether an answer ends the wait. */
  isSettled: (state: S) => boolean
  /** Called with every answer, so progress can be logged and history kept. */
  onState: (state: S) => void
  intervalMs: number
  /** Local epoch ms. */
  deadline: number
  time: Pick<Time, 'now'>
  /** Cancellable sleep: throws StopError('cancelled') when the run is cancelled. */
  sleep: (ms: number) => Promise<void>
  /** What a failed poll was doing, for the error message. */
  doing: string
}

export interface PollEnd<S> {
  ending: Ending
  last: S | undefined
}

export async function pollUntilSettled<S>(options: PollOptions<S>): Promise<PollEnd<S>> {
  const { time, deadline } = options
  let last: S | undefined
  const end = (ending: Ending): PollEnd<S> => ({ ending, last })
  try {
    for (let polls = 1; ; polls++) {
      const startedAt = time.now()
      last = await options.poll()
      const took = time.now() - startedAt
      options.onState(last)
      if (options.isSettled(last)) return end(FINISHED)
      if (time.now() >= deadline) return end({ how: 'timeout' })
      // A slow (large) answer is not asked for back to back: wait at least twice as long as it took.
      const next = Math.max(
        startedAt + pollDelayMs(polls, options.intervalMs),
        time.now() + 2 * took
      )
      await options.sleep(Math.max(0, Math.min(next, deadline) - time.now()))
      if (time.now() >= deadline) return end({ how: 'timeout' })
    }
  } catch (error) {
    return end(endingOf(error, options.doing))
  }
}
