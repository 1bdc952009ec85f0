import type { PrecheckItem } from '../ninedata/api-types.js'
import { renderComparison } from './comparison-summary.js'
import type { SafeText } from '../text/safe-text.js'
import { codeSpans, visible } from '../text/clean.js'
import { LIMITS, formatDuration, plural } from '../text/wording.js'
import { canonicalStatus, itemLabel } from '../status/precheck-status.js'
import {
  comparisonWords,
  orderForReport,
  statusRank,
  stepFails,
  type Report
} from './report-model.js'

// The job summary: a heading with the verdict, the facts of the run, and one table row per check
// item, failed items first. Pure: returns the HTML; every piece of server text goes through SafeText.

/** GitHub drops a step summary over 1 MiB whole; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024

const STATUS_ICON: Record<string, string> = {
  Failed: '❌',
  Success: '✅',
  Running: '⏳',
  Unstarted: '⏸️'
}

function statusCell(status: string, safe: SafeText): string {
  const canonical = canonicalStatus(status)
  if (canonical) return `${STATUS_ICON[canonical] ?? ''}&nbsp;${canonical}`
  // Not a documented status: show exactly what was sent, invisible characters included.
  return `❔&nbsp;<code>${safe.code(visible(status), LIMITS.id * 6)}</code>`
}

/** The verdict in a few words with its icon: the summary's heading, and the PR comment's. */
export function verdictHeading(report: Report): string {
  const { verdict } = report
  const what =
    verdict.phase === 'comparison'
      ? `NineData ${comparisonWords(report)}`
      : `NineData ${comparisonWords(report)} precheck`
  const failed =
    verdict.phase === 'comparison' && verdict.softenedBy ? 'found differences' : 'failed'
  switch (verdict.kind) {
    case 'passed':
      return verdict.phase === 'comparison' ? `✅ ${what}: no difference` : `✅ ${what} passed`
    case 'failed':
      return stepFails(report)
        ? `❌ ${what} ${failed}`
        : `⚠️ ${what} ${failed} (not blocking: ${verdict.softenedBy ?? 'fail-on-failure'} is false)`
    case 'timeout':
      return `⏱️ ${what} timed out`
    case 'cancelled':
      return `🛑 ${what}: wait cancelled`
    case 'error':
      return `❌ ${what}: no verdict`
  }
}

/**
 * What a green step says, in one line, for a step that does not fail: a precheck pass is not a
 * comparison, and a softened finding is not a pass. Undefined when the step fails.
 */
export function greenMeaning(report: Report): string | undefined {
  if (stepFails(report)) return undefined
  const { verdict } = report
  if (verdict.passed)
    return verdict.phase === 'comparison'
      ? 'What this green means: the precheck passed and the comparison run found no difference between source and target.'
      : 'What this green means: the precheck passed; no comparison was run, so source and target may still differ.'
  return verdict.phase === 'comparison'
    ? 'What this green means: the step does not block, but the comparison run found differences (`fail-on-difference` is false).'
    : 'What this green means: the step does not block, but the precheck failed (`fail-on-failure` is false) and no comparison was run.'
}

/** Items no longer in the last answer, and what became of them. */
interface Earlier {
  item: PrecheckItem
  mark: string
}

function itemRow(
  item: PrecheckItem,
  withMessage: boolean,
  safe: SafeText,
  earlier?: string
): string {
  const name = itemLabel(item)
  const id =
    item.precheckItem && item.precheckItem !== name
      ? `<br><sub><code>${safe.code(item.precheckItem)}</code></sub>`
      : ''
  const message = withMessage ? `<td>${safe.html(item.errorMessage, LIMITS.message)}</td>` : ''
  return (
    `<tr><td>${earlier ?? statusCell(item.status, safe)}</td>` +
    `<td><strong>${safe.html(name, LIMITS.name)}</strong>${id}</td>` +
    `<td>${safe.html(item.itemDescription, LIMITS.description)}</td>${message}</tr>\n`
  )
}

function taskCell(report: Report, code: (text: string) => string): string {
  const source = report.taskSource
  const id = report.taskId ? code(report.taskId) : source ? '(none)' : '(not given)'
  if (!source) return id
  const how = source.how === 'created' ? 'created by this run' : 'found by name'
  return `${id} (${report.taskId ? how : 'not found or created'}: ${code(source.taskName)})`
}

function factsTable(report: Report, safe: SafeText): string {
  const state = report.state
  const code = (text: string): string => `<code>${safe.code(text)}</code>`
  const rows: [string, string][] = [
    ['Comparison task', taskCell(report, code)],
    ['Comparison', report.comparison ?? '(not known)'],
    ['Precheck', report.precheckTaskId ? code(report.precheckTaskId) : '(none started)'],
    ['Status', state ? statusCell(state.status, safe) : '(no status seen)']
  ]
  if (state) {
    const items = state.precheckItems
    const succeeded = items.filter(i => canonicalStatus(i.status) === 'Success').length
    const failedNow = items.filter(i => canonicalStatus(i.status) === 'Failed').length
    const other = items.length - succeeded - failedNow
    const parts = [`${failedNow} failed`, `${succeeded} succeeded`]
    if (other > 0) parts.push(`${other} without a final status`)
    rows.push(['Check items', `${items.length} (${parts.join(', ')})`])
  }
  rows.push(['Duration', formatDuration(report.durationMs)])
  if (report.requestId) rows.push(['Last request ID', code(report.requestId)])
  return `<table>\n${rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join('\n')}\n</table>\n`
}

function itemsTable(
  items: readonly PrecheckItem[],
  earlier: readonly Earlier[],
  budget: number,
  safe: SafeText
): string {
  const withMessage = [...earlier.map(e => e.item), ...items].some(
    i => i.errorMessage.trim() !== ''
  )
  const head =
    '\n### Check items\n\n<table>\n<thead><tr><th>Status</th><th>Check item</th><th>Description</th>' +
    `${withMessage ? '<th>Message from NineData</th>' : ''}</tr></thead>\n<tbody>\n`
  const tail = '</tbody>\n</table>\n'
  // Room kept for the closing tags and the line that counts what was left out.
  let used = Buffer.byteLength(head) + Buffer.byteLength(tail) + 600
  const rows: string[] = []
  // Items seen Failed earlier come first: they keep the step red even if NineData dropped them.
  const ordered = [...earlier.map(e => e.item), ...orderForReport(items)]
  for (const [index, item] of ordered.entries()) {
    const row = itemRow(item, withMessage, safe, earlier[index]?.mark)
    used += Buffer.byteLength(row)
    if (used > budget) break
    rows.push(row)
  }
  const left = ordered.slice(rows.length)
  const failedLeft = left.filter(i => statusRank(i) === 0).length
  const note =
    left.length === 0
      ? ''
      : `\n<p>${plural(left.length, 'more check item')}${failedLeft ? ` (${failedLeft} of them failed)` : ''} ` +
        `not shown: GitHub drops a job summary over 1 MiB. The report-file output has every item.</p>\n`
  return `${head}${rows.join('')}${tail}${note}`
}

export function renderSummary(
  report: Report,
  safe: SafeText,
  budgetBytes: number = SUMMARY_BUDGET_BYTES
): string {
  const parts: string[] = [`## ${verdictHeading(report)}\n\n`]
  const reason = `<p>${codeSpans(safe.html(report.verdict.reason, LIMITS.reason))}</p>\n\n`
  const hint = report.hint ? `<p>💡 ${codeSpans(safe.html(report.hint, 1000))}</p>\n\n` : ''
  parts.push(...(report.hintFirst ? [hint, reason] : [reason, hint]))
  const green = greenMeaning(report)
  if (green) parts.push(`<p>${codeSpans(safe.html(green, 1000))}</p>\n\n`)
  parts.push(factsTable(report, safe))
  // The comparison section is small next to a large precheck: it is rendered first and kept.
  const comparison = report.run ? renderComparison(report.run, safe, budgetBytes / 2) : ''
  const used = () => Buffer.byteLength(parts.join('')) + Buffer.byteLength(comparison)
  const items = report.state?.precheckItems ?? []
  const current = new Set(items)
  const earlier: Earlier[] = [
    ...report.verdict.failedItems
      .filter(item => !current.has(item))
      .map(item => ({ item, mark: '❌&nbsp;Failed at an earlier poll' })),
    ...report.vanished.map(item => ({ item, mark: '❔&nbsp;Gone from the last answer' }))
  ]
  if (items.length === 0 && earlier.length === 0) {
    if (report.state) parts.push('\n<p>NineData returned no check items.</p>\n')
  } else {
    parts.push(itemsTable(items, earlier, budgetBytes - used(), safe))
  }
  parts.push(comparison)
  return parts.join('')
}
