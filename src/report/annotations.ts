import type { PrecheckItem } from '../ninedata/types.js'
import { itemLabel, plural } from '../verdict.js'
import { stepFails, type Report } from './model.js'
import { toLine } from './text.js'

// Annotations for failed items. GitHub shows only 10 error (and 10 warning) annotations a step, and
// the step's own failure message is one of them, so the item annotations are planned to fit.

export const ANNOTATIONS_SHOWN_PER_STEP = 10

export interface Annotation {
  level: 'error' | 'warning'
  title: string
  message: string
}

function itemAnnotation(item: PrecheckItem, level: Annotation['level']): Annotation {
  const reason = item.errorMessage.trim()
    ? toLine(item.errorMessage, 1500)
    : 'NineData gave no reason for this failure.'
  return { level, title: toLine(itemLabel(item), 200), message: reason }
}

export function planAnnotations(report: Report): Annotation[] {
  const failed = report.verdict.failedItems
  if (failed.length === 0) return []
  const fails = stepFails(report)
  const level: Annotation['level'] = fails ? 'error' : 'warning'
  // The failure message of the step takes one place among the errors.
  const room = ANNOTATIONS_SHOWN_PER_STEP - (fails ? 1 : 0)
  if (failed.length <= room) return failed.map(item => itemAnnotation(item, level))
  const shown = failed.slice(0, room - 1).map(item => itemAnnotation(item, level))
  const rest = failed.length - shown.length
  shown.push({
    level,
    title: `${plural(rest, 'more failed check item')}`,
    message: `${plural(rest, 'more check item')} failed; the job summary and the step log list them all.`
  })
  return shown
}
