import type { PrecheckState } from '../ninedata/api-types.js'
import { objectLabel, type Differences } from '../verdict/comparison-verdict.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS, plural } from '../text/wording.js'
import { itemLabel } from '../status/precheck-status.js'
import { orderForReport } from './report-model.js'

// The collapsed log groups at the end: every item, every difference. Every piece of server text goes
// through SafeText.line, so each line is inert.

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
      entry.kind === 'table'
        ? entry.differences === undefined
          ? 'differing records not counted'
          : plural(entry.differences, 'differing record')
        : `correction SQL of ${plural(entry.correctSqlLength ?? (entry.correctSql ?? '').length, 'character')}`
    return `Differs: ${safe.line(objectLabel(entry), LIMITS.name)} [progressId ${safe.line(entry.progressId, LIMITS.id)}] — ${detail}`
  })
  const left = differences.differing.length - lines.length
  if (left > 0) {
    lines.push(`… and ${left} more: the report-file output has every result.`)
  }
  return lines
}
