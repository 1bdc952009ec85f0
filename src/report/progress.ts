import { formatDuration } from '../ninedata/clock.js'
import type { PrecheckState } from '../ninedata/types.js'
import { canonicalStatus, countItems, itemLabel } from '../verdict.js'
import { toLine } from './text.js'

// Log lines for the wait: one line when something changes, not one per poll. Pure.

/** What a progress line reports; a new line is due when this changes. */
export function progressKey(state: PrecheckState): string {
  const counts = countItems(state.precheckItems)
  return `${state.status}|${counts.total}|${counts.done}|${counts.failed}`
}

export function progressLine(state: PrecheckState, elapsedMs: number): string {
  const counts = countItems(state.precheckItems)
  const items =
    counts.total === 0
      ? 'no check items yet'
      : `${counts.done}/${counts.total} check items done, ${counts.failed} failed`
  const odd = canonicalStatus(state.status) ? '' : ' (not a status NineData documents; waiting on)'
  return `[${formatDuration(elapsedMs)}] Precheck ${state.precheckTaskId}: ${toLine(state.status, 60)}${odd}, ${items}`
}

/** One line per item for the collapsed group at the end. */
export function itemLines(state: PrecheckState): string[] {
  return state.precheckItems.map(item => {
    const reason = item.errorMessage.trim() ? ` — ${toLine(item.errorMessage, 2000)}` : ''
    const id = item.precheckItem ? ` [${toLine(item.precheckItem, 120)}]` : ''
    return `${toLine(item.status || '(no status)', 40)}: ${toLine(itemLabel(item), 300)}${id}${reason}`
  })
}
