// The passing of time, as one seam: the client and the waiting loop read the clock and sleep through
// it, so tests can run retries, backoff and deadlines on a clock they move themselves.

export interface Time {
  /** Local epoch ms. */
  now(): number
  /** Waits `ms`, or less when `signal` aborts first. Never rejects: callers check the signal. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const realTime: Time = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise(resolve => {
      if (signal?.aborted) return resolve()
      const done = (): void => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      signal?.addEventListener('abort', done, { once: true })
    })
}
