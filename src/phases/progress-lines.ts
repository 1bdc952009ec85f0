import type { PrecheckState, RunState } from '../ninedata/api-types.js'
import { canonicalStatus } from '../status/precheck-status.js'
import { formatDuration } from '../text/wording.js'

// Progress lines of the wait: one line when something changes, not one per poll. Raw text: the log
// cleans every line once, so each is inert.

function counts(state: PrecheckState): { total: number; done: number; failed: number } {
  let done = 0
  let failed = 0
  for (const item of state.precheckItems) {
    const status = canonicalStatus(item.status)
    if (status === 'Success' || status === 'Failed') done++
    if (status === 'Failed') failed++
  }
  return { total: state.precheckItems.length, done, failed }
}

/** What a progress line reports; a new line is due when this changes. */
export function progressKey(state: PrecheckState): string {
  const c = counts(state)
  return `${state.status}\u0000${c.total}|${c.done}|${c.failed}`
}

/** A progress line of raw text: the log cleans it once. */
export function progressLine(state: PrecheckState, elapsedMs: number): string {
  const c = counts(state)
  const items =
    c.total === 0
      ? 'no check items yet'
      : `${c.done}/${c.total} check items done, ${c.failed} failed`
  return `[${formatDuration(elapsedMs)}] Precheck ${state.precheckTaskId}: ${state.status}, ${items}`
}

/** A progress line of the comparison run, when its status changes: raw text, the log cleans it. */
export function runProgressLine(state: RunState, elapsedMs: number): string {
  const rows = state.rows
  const counted =
    rows?.differenceRows !== undefined
      ? `, ${rows.differenceRows} differing rows, ${rows.onlySourceRows ?? '?'} only in the source, ${rows.onlyTargetRows ?? '?'} only in the target`
      : ''
  return `[${formatDuration(elapsedMs)}] Comparison run ${state.execId}: ${state.status}${counted}`
}
