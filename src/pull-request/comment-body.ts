import type { SafeText } from '../text/safe-text.js'
import { codeSpans } from '../text/clean.js'
import { plural } from '../text/wording.js'
import type { CommentDifference, CommentItem, CommentView } from './comment-view.js'

// The comment's body: the marker, the verdict and its reason, the failed items, the differences
// with their correction SQL collapsed, what was left out, and a link to the run. Pure. Server text
// goes through SafeText exactly as in the job summary. The body fits GitHub's limit by
// construction: the head and the closing lines are made first, and rows are added while they fit.

/** GitHub refuses a comment body over 65,536 characters. Counted here in UTF-16 units (never fewer). */
export const COMMENT_LIMIT = 65_536

/** How much server text one piece of the comment shows, in characters before escaping. */
const COMMENT_LIMITS = {
  reason: 2000,
  hint: 1000,
  name: 300,
  id: 128,
  message: 1000,
  detail: 300,
  sql: 6000
} as const

export interface RunLink {
  /** The run's page (`…/actions/runs/<id>[/attempts/<n>]`), checked to need no escaping. */
  url: string
  /** "run 123, attempt 2". */
  label: string
}

export interface CommentContext {
  /** The hidden first line (see marker.ts). */
  marker: string
  run?: RunLink | undefined
  /** The pull request's head commit the verdict is about. */
  commit?: string | undefined
}

/**
 * Server text as the job summary escapes it, plus one thing a comment needs: GitHub links `@name`
 * and `#123` (a notification, a back-reference) even when written as entities, but only within one
 * piece of text, so a <wbr> after each `@` and `#` parts them. A <wbr> shows nothing and copies as
 * nothing: `'user'@'%'` copied from the comment is what NineData wrote. Not for <code> and <pre>:
 * GitHub links nothing there.
 */
function text(safe: SafeText, raw: string, max: number): string {
  return safe.html(raw, max).replace(/&#(64|35);/g, '&#$1;<wbr>')
}

/** SQL for a <pre>: escaped like any server text; GitHub links no mention there. */
function sqlText(safe: SafeText, sql: string): string {
  return safe.html(sql, COMMENT_LIMITS.sql)
}

interface Section {
  html: string
  shown: number
  total: number
}

export function renderComment(
  view: CommentView,
  context: CommentContext,
  safe: SafeText,
  limit: number = COMMENT_LIMIT
): string {
  const head = renderHead(view, context, safe)
  const differences = view.comparison?.differences ?? []
  // The closing lines with every row left out are the longest they can be: room kept for them.
  const reserve = renderTail(view.failedItems.length, differences.length, context).length
  let room = limit - head.length - reserve
  // With both lists, the failed items leave a third of the room to the differences.
  const itemsRoom = differences.length > 0 ? Math.floor((room * 2) / 3) : room
  const items = itemsSection(view.failedItems, itemsRoom, safe)
  room -= items.html.length
  const comparison = comparisonSection(view, room, safe)
  const tail = renderTail(items.total - items.shown, comparison.total - comparison.shown, context)
  const body = `${head}${items.html}${comparison.html}${tail}`
  // Unreachable by the budget above; kept so a mistake there can never cost the comment.
  return body.length <= limit ? body : `${head.slice(0, limit - reserve)}${tail}`
}

function renderHead(view: CommentView, context: CommentContext, safe: SafeText): string {
  const parts = [`${context.marker}\n### ${view.heading}\n\n`]
  const reason = `<p>${codeSpans(text(safe, view.reason, COMMENT_LIMITS.reason))}</p>\n\n`
  const hint = view.hint
    ? `<p>💡 ${codeSpans(text(safe, view.hint, COMMENT_LIMITS.hint))}</p>\n\n`
    : ''
  parts.push(...(view.hintFirst ? [hint, reason] : [reason, hint]))
  if (view.green) parts.push(`<p>${codeSpans(text(safe, view.green, COMMENT_LIMITS.hint))}</p>\n\n`)
  const facts = [`Comparison task ${code(view.taskId, safe) || '(not given)'}`]
  facts.push(
    view.precheckTaskId ? `precheck ${code(view.precheckTaskId, safe)}` : 'no precheck started'
  )
  if (context.commit) facts.push(`commit <code>${context.commit}</code>`)
  parts.push(`<p>${facts.join(' · ')}</p>\n`)
  return parts.join('')
}

function code(text: string, safe: SafeText): string {
  return text ? `<code>${safe.code(text, COMMENT_LIMITS.id)}</code>` : ''
}

/** Rows in order while they fit `room`, inside the table's head and foot. */
function fitRows<T>(
  list: readonly T[],
  room: number,
  open: string,
  close: string,
  row: (entry: T) => string
): Section {
  const total = list.length
  let used = open.length + close.length
  const rows: string[] = []
  for (const entry of list) {
    // Each row is made only when the ones before it fitted: a 3,000-item list costs what fits.
    const html = row(entry)
    if (used + html.length > room) break
    rows.push(html)
    used += html.length
  }
  if (rows.length === 0) return { html: '', shown: 0, total }
  return { html: `${open}${rows.join('')}${close}`, shown: rows.length, total }
}

function itemsSection(items: readonly CommentItem[], room: number, safe: SafeText): Section {
  const open =
    `\n#### Failed check items (${items.length})\n\n<table>\n` +
    '<thead><tr><th>Check item</th><th>Message from NineData</th></tr></thead>\n<tbody>\n'
  return fitRows(items, room, open, '</tbody>\n</table>\n', item => itemRow(item, safe))
}

function itemRow(item: CommentItem, safe: SafeText): string {
  const id = item.id ? `<br><sub>${code(item.id, safe)}</sub>` : ''
  const reason = item.reason.trim()
    ? text(safe, item.reason, COMMENT_LIMITS.message)
    : '<em>NineData gave no reason for this failure.</em>'
  return `<tr><td><strong>${text(safe, item.name, COMMENT_LIMITS.name)}</strong>${id}</td><td>${reason}</td></tr>\n`
}

function comparisonSection(view: CommentView, room: number, safe: SafeText): Section {
  const comparison = view.comparison
  if (!comparison) return { html: '', shown: 0, total: 0 }
  const counts = comparison.counts
    .map(c => `${text(safe, c.label, COMMENT_LIMITS.name)}: ${c.value}`)
    .join(' · ')
  const head =
    `\n#### Comparison run: ${code(comparison.status, safe) || '(no status)'}\n\n` +
    (counts ? `<p>${counts}</p>\n` : '')
  const open =
    '\n<table>\n<thead><tr><th>Differs</th><th>Difference and correction SQL</th></tr></thead>\n<tbody>\n'
  const rows = fitRows(
    comparison.differences,
    room - head.length,
    open,
    '</tbody>\n</table>\n',
    d => differenceRow(d, safe)
  )
  // The status and counts are shown even when no row fits.
  return head.length <= room ? { ...rows, html: `${head}${rows.html}` } : rows
}

function differenceRow(difference: CommentDifference, safe: SafeText): string {
  const detail = text(safe, difference.detail, COMMENT_LIMITS.detail)
  const sql = difference.sql?.trim()
    ? `<details><summary>Correction SQL</summary><pre>${sqlText(safe, difference.sql)}</pre></details>`
    : ''
  return `<tr><td><strong>${text(safe, difference.name, COMMENT_LIMITS.name)}</strong></td><td>${detail}${sql}</td></tr>\n`
}

/** What was left out and where to see it, then the link to the run. */
function renderTail(itemsLeft: number, differencesLeft: number, context: CommentContext): string {
  const parts: string[] = []
  const where = context.run
    ? `The <a href="${context.run.url}">job summary</a> lists more`
    : "The run's job summary lists more"
  const left = [
    itemsLeft > 0 ? plural(itemsLeft, 'more failed check item') : '',
    differencesLeft > 0 ? plural(differencesLeft, 'more difference') : ''
  ].filter(Boolean)
  if (left.length > 0) {
    parts.push(
      `\n<p>${left.join(' and ')} not shown: GitHub limits a comment to 65,536 characters. ` +
        `${where}, and the step's <code>report-file</code> output has every item.</p>\n`
    )
  }
  const run = context.run
    ? `<a href="${context.run.url}">job summary of ${context.run.label}</a>`
    : "run's job summary"
  parts.push(`\n<sub>NineData precheck gate · details in the ${run}</sub>\n`)
  return parts.join('')
}
