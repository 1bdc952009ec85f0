import type { DataTable, SchemaObject } from '../ninedata/api-types.js'
import {
  countedDifferences,
  recordsDiffer,
  stepFails,
  type Report,
  type RunReport
} from '../report/report-model.js'
import { canonicalRunStatus } from '../status/run-status.js'
import { greenMeaning, verdictHeading } from '../report/job-summary.js'
import { itemLabel } from '../status/precheck-status.js'
import { objectLabel } from '../verdict/comparison-verdict.js'
import type { VerdictKind } from '../verdict/verdict-types.js'

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
  /** What a green step means, in one line of this action's words; undefined when it fails. */
  green?: string | undefined
  /** The hint comes before the reason (NineData never answered: check api-url). */
  hintFirst?: boolean | undefined
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
    heading: verdictHeading(report),
    reason: report.verdict.reason,
    hint: report.hint,
    green: greenMeaning(report),
    hintFirst: report.hintFirst === true,
    taskId: report.taskId,
    precheckTaskId: report.precheckTaskId,
    failedItems: report.verdict.failedItems.map(item => {
      const name = itemLabel(item)
      return {
        name,
        id: item.precheckItem === name ? '' : item.precheckItem,
        reason: item.errorMessage
      }
    }),
    comparison: report.run ? comparisonOf(report.run) : undefined
  }
}

function comparisonOf(run: RunReport): ComparisonSection {
  const { seen, differences } = run
  const counts: ComparisonSection['counts'] = []
  const rows =
    canonicalRunStatus(seen.last?.status ?? '') === 'success' ? seen.last?.rows : undefined
  if (seen.results?.kind === 'schema') {
    counts.push({ label: 'objects compared', value: seen.results.objects.length })
  }
  if (seen.results?.kind === 'data') {
    counts.push({ label: 'tables compared', value: seen.results.totalTableCount })
    counts.push({ label: 'tables that differ', value: seen.results.diffTableCount })
  }
  if (rows?.differenceRows !== undefined)
    counts.push({ label: 'rows with other values', value: rows.differenceRows })
  if (rows?.onlySourceRows !== undefined)
    counts.push({ label: 'rows only in the source', value: rows.onlySourceRows })
  if (rows?.onlyTargetRows !== undefined)
    counts.push({ label: 'rows only in the target', value: rows.onlyTargetRows })
  const counted = countedDifferences(run)
  if (counted) counts.push({ label: 'differences counted', value: counted.count })
  return {
    status: seen.last?.status ?? '',
    counts,
    differences: (differences?.differing ?? []).map(differenceOf)
  }
}

function differenceOf(entry: SchemaObject | DataTable): CommentDifference {
  if (entry.kind === 'table') {
    const detail =
      entry.differences === undefined ? 'records differ' : recordsDiffer(entry.differences)
    return { name: objectLabel(entry), detail }
  }
  return { name: objectLabel(entry), detail: 'schema differs', sql: entry.correctSql }
}
