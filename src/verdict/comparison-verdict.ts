import type { Ending } from '../ending.js'
import type { CorrectionSqlFile } from '../phases/correction-sql-sink.js'
import type {
  ComparisonKind,
  DataResults,
  ResultEntry,
  RunState,
  SchemaObject,
  SchemaResults,
  ComparisonResults
} from '../ninedata/api-types.js'
import { canonicalRunStatus } from '../status/run-status.js'
import { visible } from '../text/clean.js'
import { LIMITS, formatDuration, formatSeconds, plural } from '../text/wording.js'
import type { Verdict, VerdictKind } from './verdict-types.js'

// What a comparison run means for the step. Pure. A pass needs a run that reached `success` and
// results that were all read and understood and that show no difference.

/** Everything the comparison's verdict is made from: what the comparison phase learned. */
export interface ComparisonSeen {
  kind: ComparisonKind
  ending: Ending
  /** '' when no run was started. */
  execId: string
  last: RunState | undefined
  /** Set once the results were read (completely, or as far as the phase got). */
  results?: ComparisonResults | undefined
  /** Which stage the phase was in when it ended. */
  stage: 'start' | 'run' | 'results'
  /** The correction SQL file written while the results were read (schema runs with differences). */
  correctionSqlFile?: CorrectionSqlFile | undefined
  /** What became of the stop request sent when the gate gave up on a run it may have started. */
  stop?: { sent: boolean; message: string } | undefined
  timeoutMs: number
  endedAt: number
}

/** What the gate counts as differences, and which objects or tables differ. */
export interface Differences {
  count: number
  differing: ResultEntry[]
  /** Objects or tables whose result could not be read: not verified. */
  unverified: ResultEntry[]
}

export function differencesOf(results: ComparisonResults, last?: RunState): Differences {
  if (results.kind === 'schema') {
    const differing = results.objects.filter(o => o.correctSql !== undefined && o.correctSql !== '')
    const unverified = results.objects.filter(o => o.correctSql === undefined)
    return { count: differing.length, differing, unverified }
  }
  const differing = results.tables.filter(t => (t.differences ?? 0) > 0)
  const unverified = results.tables.filter(t => t.unreadable !== undefined)
  return { count: rowTotal(last) ?? 0, differing, unverified }
}

/** differenceRows + onlySourceRows + onlyTargetRows; undefined when any of them was not sent. */
export function rowTotal(last: RunState | undefined): number | undefined {
  const rows = last?.rows
  if (!rows) return undefined
  const { differenceRows: d, onlySourceRows: s, onlyTargetRows: t } = rows
  return d === undefined || s === undefined || t === undefined ? undefined : d + s + t
}

export function objectLabel(entry: ResultEntry): string {
  switch (entry.kind) {
    case 'table': {
      const source = [entry.schemaName, entry.tableName].filter(Boolean).join('.')
      return source || `progressId ${entry.progressId}`
    }
    case 'object':
      return schemaObjectLabel(entry)
  }
}

function schemaObjectLabel(entry: SchemaObject): string {
  const raw = entry.raw
  for (const key of ['objectName', 'name', 'tableName', 'sourceObjectName']) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim() !== '') {
      const schema = raw['schemaName'] ?? raw['sourceSchemaName']
      return typeof schema === 'string' && schema ? `${schema}.${value}` : value
    }
  }
  return `progressId ${entry.progressId}`
}

export function decideComparison(seen: ComparisonSeen): Verdict {
  const verdict = (kind: VerdictKind, reason: string, soft = false): Verdict => ({
    kind,
    passed: kind === 'passed',
    reason,
    phase: 'comparison',
    failedItems: [],
    ...(soft ? { softenedBy: 'fail-on-difference' as const } : {})
  })
  const { ending, last } = seen
  if (ending.how === 'error') return verdict('error', `${ending.message}${stopNote(seen)}`)
  if (ending.how === 'cancelled') return verdict('cancelled', cancelledReason(seen))
  const status = last ? canonicalRunStatus(last.status) : undefined
  if (last && status === undefined) {
    return verdict(
      'error',
      `NineData reported the run status ${visible(last.status)} for comparison run ${seen.execId}: not a status NineData documents (starting, running, success, failed, stopped). An answer this action does not understand is never a pass.${stopNote(seen)}`
    )
  }
  if (ending.how === 'timeout' || !last) return verdict('timeout', timeoutReason(seen))
  if (status === 'failed' || status === 'stopped') {
    const said = last.errorMessage.trim() ? `: ${last.errorMessage}` : '.'
    return verdict('failed', `The comparison run ${seen.execId} ended ${status}${said}`)
  }
  if (status !== 'success' || !seen.results) {
    return verdict(
      'error',
      `The comparison run ${seen.execId} ended without its results being read.`
    )
  }
  return resultsVerdict(seen, seen.results, last, verdict)
}

function resultsVerdict(
  seen: ComparisonSeen,
  results: ComparisonResults,
  last: RunState,
  verdict: (kind: VerdictKind, reason: string, soft?: boolean) => Verdict
): Verdict {
  const problem = results.kind === 'schema' ? schemaProblem(results) : dataProblem(results, last)
  if (problem)
    return verdict('error', `${problem} An answer this action cannot verify is never a pass.`)
  const found = differencesOf(results, last)
  const compared =
    results.kind === 'schema'
      ? plural(results.objects.length, 'object')
      : plural(results.tables.length, 'table')
  // Tables NineData skipped were not compared: a pass says so.
  const skipped = results.kind === 'data' ? (last.rows?.skippedTables ?? 0) : 0
  const skippedNote =
    skipped > 0
      ? ` NineData skipped ${plural(skipped, 'table')}, which ${skipped === 1 ? 'was' : 'were'} not compared (skipped-tables).`
      : ''
  if (found.count === 0) {
    return verdict(
      'passed',
      `The comparison run ${seen.execId} found no difference: ${compared} compared, all consistent.${skippedNote}`
    )
  }
  const counted =
    results.kind === 'schema'
      ? `${found.count} of ${results.objects.length} objects differ`
      : `${plural(found.count, 'row')} differ, in ${found.differing.length} of ${results.tables.length} tables`
  return verdict(
    'failed',
    `The comparison run ${seen.execId} found differences (${counted}): ${listNames(found.differing)}.`,
    true
  )
}

/** Why schema results cannot be verified, or undefined. */
function schemaProblem(results: SchemaResults): string | undefined {
  if (results.objects.length !== results.total) {
    return `NineData reported ${results.total} objects but listed ${results.objects.length}.`
  }
  const unreadable = results.objects.filter(o => o.correctSql === undefined)
  if (unreadable.length === 0) return undefined
  const first = unreadable[0]?.unreadable ?? 'no answer'
  return `The correction SQL of ${plural(unreadable.length, 'object')} could not be read, so ${unreadable.length === 1 ? 'it is' : 'they are'} not verified: ${listNames(unreadable)} (${first}).`
}

/** Why data results cannot be verified (missing or contradicting counts), or undefined. */
function dataProblem(results: DataResults, last: RunState): string | undefined {
  const rows = rowTotal(last)
  if (rows === undefined) {
    return 'NineData did not report differenceRows, onlySourceRows and onlyTargetRows for the run.'
  }
  if (results.tables.length !== results.totalTableCount) {
    return `NineData reported ${results.totalTableCount} tables but listed ${results.tables.length}.`
  }
  if (rows > 0 !== results.diffTableCount > 0) {
    return `NineData's counts contradict each other: ${plural(rows, 'row')} differ, but ${plural(results.diffTableCount, 'table')} ${results.diffTableCount === 1 ? 'differs' : 'differ'}.`
  }
  const skipped = last.rows?.skippedTables ?? 0
  if (skipped > 0 && skipped >= results.tables.length) {
    return `NineData skipped every table of the run (skipTableCount ${skipped}, ${plural(results.tables.length, 'table')} listed): nothing was compared.`
  }
  const unreadable = results.tables.filter(t => t.unreadable !== undefined)
  if (unreadable.length > 0) {
    return `The differences of ${plural(unreadable.length, 'table')} could not be read: ${listNames(unreadable)} (${unreadable[0]?.unreadable ?? ''}).`
  }
  const asked = results.tables.some(t => t.differences !== undefined)
  const differing = results.tables.filter(t => (t.differences ?? 0) > 0).length
  if (asked && differing !== results.diffTableCount) {
    return `NineData's counts contradict each other: diffTableCount is ${results.diffTableCount}, but ${plural(differing, 'table')} ${differing === 1 ? 'has' : 'have'} differing records.`
  }
  return undefined
}

function cancelledReason(seen: ComparisonSeen): string {
  const run = seen.execId ? `comparison run ${seen.execId}` : 'the comparison run'
  const status = seen.last ? ` The last run status seen was ${visible(seen.last.status)}.` : ''
  return `The wait for ${run} was cancelled before it finished.${status}${stopNote(seen)}`
}

function timeoutReason(seen: ComparisonSeen): string {
  if (seen.ending.how === 'timeout' && seen.ending.waitingFor) {
    return `No comparison run was started within timeout-seconds (${formatSeconds(seen.timeoutMs)}): ${seen.ending.waitingFor}. Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`
  }
  const head =
    seen.stage === 'results'
      ? `Reading the results of comparison run ${seen.execId} did not finish within timeout-seconds (${formatSeconds(seen.timeoutMs)}).`
      : `The comparison run ${seen.execId || '(not started)'} did not finish within timeout-seconds (${formatSeconds(seen.timeoutMs)}).`
  const outage = seen.ending.how === 'timeout' ? seen.ending.outage : undefined
  const down = outage
    ? ` NineData gave no usable answer for the last ${formatDuration(seen.endedAt - outage.sinceMs)}; the last error: ${outage.lastError.message}.`
    : ''
  const status = seen.last ? ` The last run status seen was ${visible(seen.last.status)}.` : ''
  return `${head}${down}${status}${stopNote(seen)} Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`
}

function stopNote(seen: ComparisonSeen): string {
  if (!seen.stop) return ''
  return seen.stop.sent
    ? ' NineData was asked to stop the run.'
    : ` Asking NineData to stop the run failed: ${seen.stop.message}`
}

/** "a, b, c and 12 more". */
function listNames(entries: readonly ResultEntry[], max: number = LIMITS.namesInReason): string {
  const names = entries.slice(0, max).map(objectLabel)
  const rest = entries.length - names.length
  return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ')
}
