import type { SafeLog } from './safe-log.js'

/** SIGINT/SIGTERM from the runner: cancel the wait; once the verdict is reached, finish the report. */
export function watchSignals(log: SafeLog) {
  const controller = new AbortController()
  let reached = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (reached) {
      log.warning(`Received ${signal} after the verdict was reached: finishing the report.`)
    } else if (!controller.signal.aborted) {
      log.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`)
      controller.abort()
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    verdictReached: () => (reached = true),
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
