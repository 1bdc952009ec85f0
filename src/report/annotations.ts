import type { DataTable, PrecheckItem, SchemaObject } from '../ninedata/api-types.js'
import { itemLabel } from '../status/precheck-status.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS, plural } from '../text/wording.js'
import { objectLabel } from '../verdict/comparison-verdict.js'
import { recordsDiffer, stepFails, type Report } from './report-model.js'

// Annotations for failed items and for objects or tables that differ. GitHub shows only 10 error
// (and 10 warning) annotations a step, and the step's own failure message is one of them, so the
// annotations are planned to fit.

const ANNOTATIONS_SHOWN_PER_STEP = 10

export interface Annotation {
  level: 'error' | 'warning'
  title: string
  message: string
}

type Finding = { item: PrecheckItem } | { entry: SchemaObject | DataTable }

function annotationOf(finding: Finding, level: Annotation['level'], safe: SafeText): Annotation {
  if ('item' in finding) {
    const { item } = finding
    const message = item.errorMessage.trim()
      ? safe.line(item.errorMessage, LIMITS.message)
      : 'NineData gave no reason for this failure.'
    return { level, title: safe.line(itemLabel(item), LIMITS.name), message }
  }
  const { entry } = finding
  const message =
    entry.kind === 'table'
      ? `${entry.differences === undefined ? 'Some records differ' : recordsDiffer(entry.differences)} between source and target.`
      : 'Source and target differ; the correction-sql-file output has the SQL that makes the target match.'
  return { level, title: `Differs: ${safe.line(objectLabel(entry), LIMITS.name)}`, message }
}

export function planAnnotations(report: Report, safe: SafeText): Annotation[] {
  const findings: Finding[] = [
    ...report.verdict.failedItems.map(item => ({ item })),
    ...(report.run?.differences?.differing ?? []).map(entry => ({ entry }))
  ]
  if (findings.length === 0) return []
  const fails = stepFails(report)
  const level: Annotation['level'] = fails ? 'error' : 'warning'
  // The failure message of the step takes one place among the errors.
  const room = ANNOTATIONS_SHOWN_PER_STEP - (fails ? 1 : 0)
  if (findings.length <= room) return findings.map(f => annotationOf(f, level, safe))
  const shown = findings.slice(0, room - 1).map(f => annotationOf(f, level, safe))
  const rest = findings.length - shown.length
  const onlyItems = findings.every(f => 'item' in f)
  shown.push(
    onlyItems
      ? {
          level,
          title: plural(rest, 'more failed check item'),
          message: `${plural(rest, 'more check item')} failed; the job summary lists the failed items first, and the report-file output has every item.`
        }
      : {
          level,
          title: plural(rest, 'more finding'),
          message: `${plural(rest, 'more failed check item or difference', 'more failed check items or differences')}; the job summary lists them first, and the report-file output has every result.`
        }
  )
  return shown
}
