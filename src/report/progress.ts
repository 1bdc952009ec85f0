import type { PrecheckState, RunState } from '../ninedata/types.js'
import { objectLabel, type Differences } from '../verdict/comparison.js'
import type { SafeText } from '../text/safe.js'
import { LIMITS, formatDuration, plural } from '../text/words.js'
import { canonicalStatus, itemLabel } from '../status/precheck.js'
import { orderForReport } from './model.js'

// Log lines for the wait: one line when something changes, not one per poll, and the list of every
// item at the end. Every piece of server text goes through SafeText.line, so each line is inert.

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

/** One line per item for the collapsed group at the end, at most `max` of them. */
export function itemLines(
  state: PrecheckState,
  safe: SafeText,
  max: number = LIMITS.logItems
): string[] {
  // The summary's order (failed, unfinished, succeeded), so a capped list shows every failure it can.
  const ordered = orderForReport(state.precheckItems)
  const lines = ordered.slice(0, max).map(item => {
    const id = item.precheckItem ? ` [${safe.line(item.precheckItem, LIMITS.id)}]` : ''
    const reason = item.errorMessage.trim()
      ? ` — ${safe.line(item.errorMessage, LIMITS.message)}`
      : ''
    return `${safe.line(item.status || '(no status)', LIMITS.id)}: ${safe.line(itemLabel(item), LIMITS.name)}${id}${reason}`
  })
  const left = state.precheckItems.length - lines.length
  if (left > 0) {
    lines.push(
      `… and ${plural(left, 'more check item')}, left out to keep the log readable: the report-file output has every item.`
    )
  }
  return lines
}

/** One line per object or table that differs, for the collapsed group at the end. */
export function differenceLines(
  differences: Differences,
  safe: SafeText,
  max: number = LIMITS.logItems
): string[] {
  const lines = differences.differing.slice(0, max).map(entry => {
    const detail =
      'tableName' in entry
        ? entry.differences === undefined
          ? 'differing records not counted'
          : plural(entry.differences, 'differing record')
        : `correction SQL of ${plural((entry.correctSql ?? '').length, 'character')}`
    return `Differs: ${safe.line(objectLabel(entry), LIMITS.name)} [progressId ${safe.line(entry.progressId, LIMITS.id)}] — ${detail}`
  })
  const left = differences.differing.length - lines.length
  if (left > 0) {
    lines.push(`… and ${left} more: the report-file output has every result.`)
  }
  return lines
}
