import type { SafeText } from '../text/safe-text.js'
import type { Report, RunReport } from './report-model.js'

// The report file: the whole report as JSON, uncapped, for later steps and artifacts. Pure: returns
// the file name and the text in parts; the publisher writes them.

/**
 * A part of a file name made from an ID: safe characters only, nothing that could leave the folder.
 * The name is an output too: when the ID, or what the replacements make of it, carries the secret,
 * the fallback is used instead.
 */
export function fileNamePart(id: string, safe: SafeText, fallback: string): string {
  const part = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128)
  return part && safe.value(id) === id && safe.value(part) === part ? part : fallback
}

export function reportFileName(report: Report, safe: SafeText): string {
  return `ninedata-precheck-${fileNamePart(report.precheckTaskId, safe, 'report')}.json`
}

/**
 * The report file's text in parts: a run of 10,000 objects is written entry by entry, never held as
 * one string beside the results it is made of.
 */
export function reportFileParts(report: Report, safe: SafeText): Iterable<string> {
  const entries = report.run ? runEntries(report.run) : []
  if (entries.length === 0) return [safe.json(reportRecord(report, entries))]
  // The entries are the last key of the run, itself the last key of the report.
  const head = safe.json(reportRecord(report, []))
  if (!head.endsWith('[]}}')) return [safe.json(reportRecord(report, entries))]
  return safe.jsonParts(head.slice(0, -3), entries, head.slice(-3))
}

function reportRecord(report: Report, entries: unknown[]): Record<string, unknown> {
  const { verdict, state } = report
  return {
    taskId: report.taskId,
    ...(report.taskSource ? { task: report.taskSource } : {}),
    precheckTaskId: report.precheckTaskId,
    comparison: report.comparison ?? null,
    status: state?.status ?? null,
    items: state?.precheckItems.map(item => item.raw) ?? [],
    failedItems: verdict.failedItems.map(item => item.raw),
    verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
    requestId: report.requestId || null,
    durationMs: report.durationMs,
    ...(report.run ? { comparisonRun: runSection(report.run, entries) } : {})
  }
}

/** The comparison run: its status and every object or table result as received, with the SQL. */
function runSection(run: RunReport, entries: unknown[]): Record<string, unknown> {
  const { seen, differences, verdict } = run
  const results = seen.results
  return {
    execId: seen.execId || null,
    status: seen.last?.status ?? null,
    state: seen.last?.raw ?? null,
    verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
    differenceCount: differences?.count ?? null,
    stop: seen.stop ?? null,
    ...(seen.correctionSqlFile ? { correctionSqlFile: seen.correctionSqlFile } : {}),
    ...(results?.kind === 'schema' ? { total: results.total, objects: entries } : {}),
    ...(results?.kind === 'data'
      ? {
          totalTableCount: results.totalTableCount,
          diffTableCount: results.diffTableCount,
          tables: entries
        }
      : {})
  }
}

/** Every object or table result of the run, as the file shows it. */
function runEntries(run: RunReport): Record<string, unknown>[] {
  const results = run.seen.results
  if (results?.kind === 'schema') {
    return results.objects.map(o => ({
      progressId: o.progressId,
      result: o.raw,
      correctSql: o.correctSql ?? null,
      ...(o.correctSqlLength !== undefined
        ? { correctSqlLength: o.correctSqlLength, correctSqlCut: true }
        : {}),
      ...(o.unreadable !== undefined ? { unreadable: o.unreadable } : {})
    }))
  }
  if (results?.kind === 'data') {
    return results.tables.map(t => ({
      progressId: t.progressId,
      result: t.raw,
      differences: t.differences ?? null,
      ...(t.unreadable !== undefined ? { unreadable: t.unreadable } : {})
    }))
  }
  return []
}
