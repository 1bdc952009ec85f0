import type { SafeLog } from './safe-log.js'

/**
 * SIGINT/SIGTERM from the runner: cancel the wait and the pull request comment; once the verdict is
 * reached, only the comment (the summary and outputs are still written: they are local and quick).
 */
export function watchSignals(log: SafeLog) {
  const wait = new AbortController()
  const comment = new AbortController()
  let reached = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (comment.signal.aborted) return
    comment.abort()
    if (reached) {
      log.warning(
        `Received ${signal} after the verdict was reached: finishing the summary; no pull request comment is written.`
      )
    } else {
      log.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`)
      wait.abort()
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: wait.signal,
    commentSignal: comment.signal,
    verdictReached: () => (reached = true),
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
