import type { ComparisonKind, PrecheckItem, PrecheckState } from '../ninedata/types.js'
import { canonicalStatus, type Verdict } from '../verdict.js'

/** Everything the report (summary, outputs, annotations, log, report file) is made from. */
export interface Report {
  verdict: Verdict
  /** Undefined when the inputs were refused before it was known. */
  comparison: ComparisonKind | undefined
  taskId: string
  /** Empty when no precheck was started or given. */
  precheckTaskId: string
  /** The last status answer seen, exactly as received. */
  state: PrecheckState | undefined
  requestId: string
  durationMs: number
  failOnFailure: boolean
  /** What to check next, for errors that have a likely cause (credentials, URL, CA). */
  hint?: string | undefined
}

/** Whether the step fails. Only genuinely failed items are softened by fail-on-failure: false. */
export function stepFails(report: Report): boolean {
  const { verdict } = report
  if (verdict.passed) return false
  // An overall Failed without a failed item to show for it is not a "failed item": never softened.
  const softenable = verdict.kind === 'failed' && verdict.failedItems.length > 0
  return !softenable || report.failOnFailure
}

/** "schema comparison" / "data comparison" / "comparison". */
export function comparisonWords(report: Report): string {
  return report.comparison ? `${report.comparison} comparison` : 'comparison'
}

/** 0 for a Failed item, 1 for one without a final status, 2 for a Success. */
export function statusRank(item: PrecheckItem): number {
  const status = canonicalStatus(item.status)
  return status === 'Failed' ? 0 : status === 'Success' ? 2 : 1
}

/** Failed items first, then the ones without a final status, then the rest; API order within each. */
export function orderForReport(items: readonly PrecheckItem[]): PrecheckItem[] {
  return items
    .map((item, index) => ({ item, index, rank: statusRank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(entry => entry.item)
}
