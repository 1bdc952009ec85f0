// How long to wait before trying a call again. Pure.

export const RETRY_POLICY = {
  /** Never sooner than this after a failure, whatever Retry-After says: no storms. */
  floorMs: 1000,
  /** The longest wait between two tries is the larger of this and poll-interval-seconds. */
  minCapMs: 30_000
} as const

/**
 * The wait after the `failures`-th failure in a row: Retry-After when NineData gave one, else
 * exponential backoff with full jitter; always within [floor, max(poll interval, 30 s)].
 */
export function retryDelay(
  failures: number,
  options: { intervalMs: number; retryAfterMs?: number | undefined; random?: () => number }
): number {
  const { floorMs, minCapMs } = RETRY_POLICY
  const cap = Math.max(minCapMs, options.intervalMs)
  if (options.retryAfterMs !== undefined) {
    return Math.min(cap, Math.max(floorMs, options.retryAfterMs))
  }
  const ceiling = Math.min(cap, floorMs * 2 ** Math.min(30, Math.max(0, failures - 1)))
  const random = options.random ?? Math.random
  return Math.round(floorMs + random() * (ceiling - floorMs))
}
