import type { PrecheckItem } from '../ninedata/types.js'
import type { SafeText } from '../text/safe.js'
import { LIMITS, plural } from '../text/words.js'
import { itemLabel } from '../verdict.js'
import { stepFails, type Report } from './model.js'

// Annotations for failed items. GitHub shows only 10 error (and 10 warning) annotations a step, and
// the step's own failure message is one of them, so the item annotations are planned to fit.

export const ANNOTATIONS_SHOWN_PER_STEP = 10

export interface Annotation {
  level: 'error' | 'warning'
  title: string
  message: string
}

function itemAnnotation(
  item: PrecheckItem,
  level: Annotation['level'],
  safe: SafeText
): Annotation {
  const message = item.errorMessage.trim()
    ? safe.line(item.errorMessage, LIMITS.message)
    : 'NineData gave no reason for this failure.'
  return { level, title: safe.line(itemLabel(item), LIMITS.name), message }
}

export function planAnnotations(report: Report, safe: SafeText): Annotation[] {
  const failed = report.verdict.failedItems
  if (failed.length === 0) return []
  const fails = stepFails(report)
  const level: Annotation['level'] = fails ? 'error' : 'warning'
  // The failure message of the step takes one place among the errors.
  const room = ANNOTATIONS_SHOWN_PER_STEP - (fails ? 1 : 0)
  if (failed.length <= room) return failed.map(item => itemAnnotation(item, level, safe))
  const shown = failed.slice(0, room - 1).map(item => itemAnnotation(item, level, safe))
  const rest = failed.length - shown.length
  shown.push({
    level,
    title: plural(rest, 'more failed check item'),
    message: `${plural(rest, 'more check item')} failed; the job summary lists the failed items first, and the report-file output has every item.`
  })
  return shown
}
