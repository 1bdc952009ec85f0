import type { SafeText } from '../text/safe-text.js'
import type { Report, RunReport } from './report-model.js'

// The report file: the whole report as JSON, uncapped, for later steps and artifacts. Pure: returns
// the file name and text; the publisher writes it.

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

export function reportFileText(report: Report, safe: SafeText): string {
  const { verdict, state } = report
  return safe.json({
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
    ...(report.run ? { comparisonRun: runSection(report.run) } : {})
  })
}

/** The comparison run: its status and every object or table result as received, with the SQL. */
function runSection(run: RunReport): Record<string, unknown> {
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
    ...(results?.kind === 'schema'
      ? {
          total: results.total,
          objects: results.objects.map(o => ({
            progressId: o.progressId,
            result: o.raw,
            correctSql: o.correctSql ?? null,
            ...(o.correctSqlLength !== undefined
              ? { correctSqlLength: o.correctSqlLength, correctSqlCut: true }
              : {}),
            ...(o.unreadable !== undefined ? { unreadable: o.unreadable } : {})
          }))
        }
      : {}),
    ...(results?.kind === 'data'
      ? {
          totalTableCount: results.totalTableCount,
          diffTableCount: results.diffTableCount,
          tables: results.tables.map(t => ({
            progressId: t.progressId,
            result: t.raw,
            differences: t.differences ?? null,
            ...(t.unreadable !== undefined ? { unreadable: t.unreadable } : {})
          }))
        }
      : {})
  }
}
