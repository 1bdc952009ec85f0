import { RUN_STATUSES, type RunStatus } from '../ninedata/api-types.js'
import { canonicalWord } from './status-word.js'

// A comparison run's status vocabulary: starting and running are waited on; success, failed and
// stopped are final; anything else is undocumented, never a pass and never waited on. Pure.

export function canonicalRunStatus(status: string): RunStatus | undefined {
  return canonicalWord(status, RUN_STATUSES)
}

/** Whether a run status ends the wait: a documented final status, or one this action does not know. */
export function isRunSettled(status: string): boolean {
  const run = canonicalRunStatus(status)
  return run !== 'starting' && run !== 'running'
}
