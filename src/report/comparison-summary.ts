import type { DataTable, SchemaObject } from '../ninedata/api-types.js'
import { canonicalRunStatus } from '../status/run-status.js'
import { visible } from '../text/clean.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS, plural } from '../text/wording.js'
import { objectLabel, rowTotal } from '../verdict/comparison-verdict.js'
import { recordsDiffer, type RunReport } from './report-model.js'

// The job summary's comparison section: the run's facts, the objects or tables that differ, and
// each object's correction SQL, collapsed. Pure; every piece of server text goes through SafeText.

const RUN_ICON: Record<string, string> = {
  success: '✅',
  failed: '❌',
  stopped: '🛑',
  running: '⏳',
  starting: '⏳'
}

function runStatusCell(status: string, safe: SafeText): string {
  const known = canonicalRunStatus(status)
  if (known) return `${RUN_ICON[known] ?? ''}&nbsp;${known}`
  return `❔&nbsp;<code>${safe.code(visible(status), LIMITS.id * 6)}</code>`
}

function factsRows(run: RunReport, safe: SafeText): [string, string][] {
  const { seen, differences } = run
  const code = (text: string): string => `<code>${safe.code(text)}</code>`
  const rows: [string, string][] = [
    ['Comparison run', seen.execId ? code(seen.execId) : '(not started)'],
    ['Run status', seen.last ? runStatusCell(seen.last.status, safe) : '(no status seen)']
  ]
  if (seen.last?.errorMessage.trim()) {
    rows.push(['Message from NineData', safe.html(seen.last.errorMessage, LIMITS.message)])
  }
  const results = seen.results
  if (results?.kind === 'schema' && differences) {
    // Objects whose SQL was not read (refused, or the step ran out of time) are not verified.
    const unverified = differences.unverified.length
    rows.push([
      'Objects',
      `${results.objects.length} compared, ${differences.differing.length} differ${unverified ? `, ${unverified} not verified` : ''}`
    ])
  }
  const r = seen.last?.rows
  if (r) {
    const total = rowTotal(seen.last)
    rows.push([
      'Rows',
      `${total ?? '?'} differ (${r.differenceRows ?? '?'} with other values, ${r.onlySourceRows ?? '?'} only in the source, ${r.onlyTargetRows ?? '?'} only in the target)`
    ])
    if (results?.kind === 'data') {
      rows.push(['Tables', `${results.totalTableCount} compared, ${results.diffTableCount} differ`])
    }
    if (r.skippedTables !== undefined) rows.push(['Skipped tables', String(r.skippedTables)])
  }
  if (seen.stop)
    rows.push(['Stop request', seen.stop.sent ? 'sent' : safe.html(seen.stop.message, 500)])
  return rows
}

function differenceRow(entry: SchemaObject | DataTable, safe: SafeText): string {
  return (
    `<tr><td><strong>${safe.html(objectLabel(entry), LIMITS.name)}</strong></td>` +
    `<td><code>${safe.code(entry.progressId)}</code></td><td>${differenceDetail(entry, safe)}</td></tr>\n`
  )
}

function differenceDetail(entry: SchemaObject | DataTable, safe: SafeText): string {
  if (entry.kind === 'object') return 'correction SQL below'
  const records =
    entry.differences === undefined ? 'records differ' : recordsDiffer(entry.differences)
  const target = [entry.targetSchemaName, entry.targetTableName].filter(Boolean).join('.')
  const source = [entry.schemaName, entry.tableName].filter(Boolean).join('.')
  return target && target !== source
    ? `${records} (target ${safe.html(target, LIMITS.name)})`
    : records
}

function sqlBlock(entry: SchemaObject, safe: SafeText): string {
  return (
    `<details><summary>${safe.html(objectLabel(entry), LIMITS.name)}</summary>` +
    `<pre>${safe.html(entry.correctSql ?? '', LIMITS.sql)}</pre>${sqlCutNote(entry)}</details>\n`
  )
}

/** Memory kept only the start of a long run's SQL: the file has the rest. */
function sqlCutNote(entry: SchemaObject): string {
  if (entry.correctSqlLength === undefined) return ''
  const left = entry.correctSqlLength - (entry.correctSql ?? '').length
  return `<p>… ${plural(left, 'more character')}: the correction-sql-file output has the whole SQL.</p>`
}

/** Adds blocks while they fit `budget` bytes; returns how many were added. Made one at a time. */
function addWithin(parts: string[], blocks: Iterable<string>, budget: number): number {
  let used = 0
  let added = 0
  for (const block of blocks) {
    used += Buffer.byteLength(block)
    if (used > budget) break
    parts.push(block)
    added++
  }
  return added
}

/** The first LIMITS.differenceRows entries, each rendered only when it is asked for. */
function* rendered<E>(entries: readonly E[], render: (entry: E) => string): Generator<string> {
  for (const entry of entries.slice(0, LIMITS.differenceRows)) yield render(entry)
}

export function renderComparison(run: RunReport, safe: SafeText, budget: number): string {
  const rows = factsRows(run, safe)
  const parts = [
    '\n### Comparison run\n\n<table>\n',
    rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join('\n'),
    '\n</table>\n'
  ]
  const differing = run.differences?.differing ?? []
  if (differing.length === 0) return parts.join('')
  const what = differing[0]?.kind === 'table' ? 'Tables' : 'Objects'
  parts.push(
    `\n### ${what} that differ\n\n<table>\n<thead><tr><th>${what === 'Tables' ? 'Table' : 'Object'}</th><th>progressId</th><th>Difference</th></tr></thead>\n<tbody>\n`
  )
  const shownRows = rendered(differing, e => differenceRow(e, safe))
  const kept = addWithin(parts, shownRows, budget / 2)
  parts.push('</tbody>\n</table>\n')
  if (kept < differing.length) {
    parts.push(
      `\n<p>${differing.length - kept} more not shown: the report-file output has every result.</p>\n`
    )
  }
  const objects = differing.filter((e): e is SchemaObject => e.kind === 'object')
  if (objects.length > 0) {
    parts.push('\n#### Correction SQL\n\n')
    const room = budget - Buffer.byteLength(parts.join(''))
    const blocks = rendered(objects, e => sqlBlock(e, safe))
    const shown = addWithin(parts, blocks, room)
    if (shown < objects.length) {
      parts.push(
        `\n<p>The SQL of ${plural(objects.length - shown, 'more object')} is in the correction-sql-file output.</p>\n`
      )
    }
  }
  return parts.join('')
}
