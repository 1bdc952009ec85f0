import type { VerdictKind } from '../verdict.js'
import { itemLabel } from '../verdict.js'
import { comparisonWords, stepFails, type Report } from '../report/model.js'

// What the pull request comment shows, and the one mapping from the report to it. Pure. The body
// renderer reads only this, so a report that grows new sections changes this file, not the body.
// Texts are raw (as NineData sent them): the renderer escapes them.

export interface CommentItem {
  name: string
  /** NineData's ID of the item ('' when it has none, or when it is the name). */
  id: string
  /** NineData's message for it ('' when none was given). */
  reason: string
}

export interface CommentDifference {
  /** The object or table that differs. */
  name: string
  /** What differs, in a few words. */
  detail: string
  /** The SQL that would make the target match, when there is one. */
  sql?: string | undefined
}

export interface ComparisonSection {
  /** The run status as NineData sent it. */
  status: string
  /** Counts to show, in order ("objects that differ" -> 3). */
  counts: { label: string; value: number }[]
  differences: CommentDifference[]
}

export interface CommentView {
  kind: VerdictKind
  /** Whether the step fails (fail-on-failure applied). */
  blocking: boolean
  /** The verdict in a few of this action's words, with its icon: not server text. */
  heading: string
  /** Why: may quote server text as received. */
  reason: string
  hint: string | undefined
  taskId: string
  precheckTaskId: string
  failedItems: CommentItem[]
  comparison?: ComparisonSection | undefined
}

export function commentViewOf(report: Report): CommentView {
  const blocking = stepFails(report)
  return {
    kind: report.verdict.kind,
    blocking,
    heading: headingOf(report.verdict.kind, blocking, `NineData ${comparisonWords(report)}`),
    reason: report.verdict.reason,
    hint: report.hint,
    taskId: report.taskId,
    precheckTaskId: report.precheckTaskId,
    failedItems: report.verdict.failedItems.map(item => {
      const name = itemLabel(item)
      return {
        name,
        id: item.precheckItem === name ? '' : item.precheckItem,
        reason: item.errorMessage
      }
    })
  }
}

/** The job summary's heading words, so both surfaces say the same. */
export function headingOf(kind: VerdictKind, blocking: boolean, what: string): string {
  switch (kind) {
    case 'passed':
      return `✅ ${what} precheck passed`
    case 'failed':
      return blocking
        ? `❌ ${what} precheck failed`
        : `⚠️ ${what} precheck failed (not blocking: fail-on-failure is false)`
    case 'timeout':
      return `⏱️ ${what} precheck timed out`
    case 'cancelled':
      return `🛑 ${what} precheck: wait cancelled`
    case 'error':
      return `❌ ${what} precheck: no verdict`
  }
}
