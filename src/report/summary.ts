import { formatDuration } from '../ninedata/clock.js'
import type { PrecheckItem } from '../ninedata/types.js'
import { canonicalStatus, countItems, plural } from '../verdict.js'
import { orderForReport, stepFails, type Report } from './model.js'
import { toHtml } from './text.js'

// The job summary: a heading with the verdict, the facts of the run, and one table row per check
// item, failed items first. Pure: returns the HTML/Markdown text; main writes it.

/** GitHub drops a step summary over 1 MiB whole; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024

/** Longest text shown per cell, in characters; longer text is shortened with a marker. */
export const CELL_LIMITS = { name: 300, id: 120, description: 600, message: 2000 } as const

const STATUS_LOOK: Record<string, { icon: string; word: string }> = {
  Failed: { icon: '❌', word: 'Failed' },
  Success: { icon: '✅', word: 'Success' },
  Running: { icon: '⏳', word: 'Running' },
  Unstarted: { icon: '⏸️', word: 'Unstarted' }
}

export function statusRank(item: PrecheckItem): number {
  const status = canonicalStatus(item.status)
  return status === 'Failed' ? 0 : status === 'Success' ? 2 : 1
}

function statusCell(status: string): string {
  const canonical = canonicalStatus(status)
  if (canonical) {
    const look = STATUS_LOOK[canonical]!
    return `${look.icon}&nbsp;${look.word}`
  }
  return `❔&nbsp;${toHtml(status || '(none)', CELL_LIMITS.id)}`
}

function heading(report: Report): string {
  const { verdict } = report
  switch (verdict.kind) {
    case 'passed':
      return '✅ NineData precheck passed'
    case 'failed':
      return stepFails(report)
        ? '❌ NineData precheck failed'
        : '⚠️ NineData precheck failed (not blocking: fail-on-failure is false)'
    case 'timeout':
      return '⏱️ NineData precheck timed out'
    case 'cancelled':
      return '🛑 NineData precheck wait cancelled'
    case 'error':
      return '❌ NineData precheck gate could not reach a verdict'
  }
}

function itemRow(item: PrecheckItem): string {
  const name = item.itemName || item.precheckItem || '(unnamed item)'
  const id =
    item.precheckItem && item.precheckItem !== name
      ? `<br><sub>${toHtml(item.precheckItem, CELL_LIMITS.id)}</sub>`
      : ''
  return (
    `<tr><td>${statusCell(item.status)}</td>` +
    `<td><strong>${toHtml(name, CELL_LIMITS.name)}</strong>${id}</td>` +
    `<td>${toHtml(item.itemDescription, CELL_LIMITS.description)}</td>` +
    `<td>${toHtml(item.errorMessage, CELL_LIMITS.message)}</td></tr>\n`
  )
}

function factsTable(report: Report): string {
  const state = report.state
  const rows: [string, string][] = [
    ['Comparison task', `<code>${toHtml(report.taskId || '(not given)', CELL_LIMITS.id)}</code>`],
    [
      'Precheck',
      report.precheckTaskId
        ? `<code>${toHtml(report.precheckTaskId, CELL_LIMITS.id)}</code>`
        : '(none started)'
    ],
    ['Status', state ? statusCell(state.status) : '(no status seen)']
  ]
  if (state) {
    const counts = countItems(state.precheckItems)
    const succeeded = state.precheckItems.filter(
      i => canonicalStatus(i.status) === 'Success'
    ).length
    const pending = counts.total - counts.done
    const parts = [`${counts.failed} failed`, `${succeeded} succeeded`]
    if (pending > 0) parts.push(`${pending} not finished`)
    rows.push(['Check items', `${counts.total} (${parts.join(', ')})`])
  }
  rows.push(['Duration', formatDuration(report.durationMs)])
  if (report.requestId)
    rows.push(['Last request ID', `<code>${toHtml(report.requestId, CELL_LIMITS.id)}</code>`])
  return `<table>\n${rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join('\n')}\n</table>\n`
}

export function renderSummary(report: Report, budgetBytes: number = SUMMARY_BUDGET_BYTES): string {
  const parts: string[] = []
  parts.push(`## ${heading(report)}\n\n`)
  parts.push(`<p>${toHtml(report.verdict.reason, 4000)}</p>\n\n`)
  if (report.hint) parts.push(`<p>💡 ${toHtml(report.hint, 1000)}</p>\n\n`)
  parts.push(factsTable(report))

  const items = report.state?.precheckItems ?? []
  if (items.length === 0) {
    parts.push(report.state ? '\n<p>NineData returned no check items.</p>\n' : '')
    return parts.join('')
  }

  const head =
    '\n### Check items\n\n<table>\n<thead><tr><th>Status</th><th>Check item</th><th>Description</th><th>Reason / suggested fix</th></tr></thead>\n<tbody>\n'
  const tail = '</tbody>\n</table>\n'
  // Room kept for the closing tags and the line that counts what was left out.
  let used =
    Buffer.byteLength(parts.join('')) + Buffer.byteLength(head) + Buffer.byteLength(tail) + 600
  const rows: string[] = []
  const ordered = orderForReport(items, statusRank)
  let shown = 0
  for (const item of ordered) {
    const row = itemRow(item)
    const size = Buffer.byteLength(row)
    if (used + size > budgetBytes) break
    rows.push(row)
    used += size
    shown++
  }
  parts.push(head, ...rows, tail)
  if (shown < ordered.length) {
    const left = ordered.slice(shown)
    const failedLeft = left.filter(i => statusRank(i) === 0).length
    parts.push(
      `\n<p>${plural(left.length, 'more check item')}${failedLeft ? ` (${failedLeft} of them failed)` : ''} ` +
        `not shown: GitHub drops a job summary over 1 MiB. The step log lists every item.</p>\n`
    )
  }
  return parts.join('')
}
