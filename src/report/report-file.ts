import type { SafeText } from '../text/safe.js'
import type { Report } from './model.js'

// The report file: the whole report as JSON, uncapped, for later steps and artifacts. Pure: returns
// the file name and text; the publisher writes it.

/** A file name made from the precheck ID, with nothing in it that could leave the folder. */
export function reportFileName(report: Report, safe: SafeText): string {
  // The name is an output too: made from the ID with the secret hidden, then kept to safe characters.
  const id = safe
    .value(report.precheckTaskId)
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 128)
  return `ninedata-precheck-${id || 'report'}.json`
}

export function reportFileText(report: Report, safe: SafeText): string {
  const { verdict, state } = report
  return safe.json({
    taskId: report.taskId,
    precheckTaskId: report.precheckTaskId,
    comparison: report.comparison ?? null,
    status: state?.status ?? null,
    items: state?.precheckItems.map(item => item.raw) ?? [],
    failedItems: verdict.failedItems.map(item => item.raw),
    verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
    requestId: report.requestId || null,
    durationMs: report.durationMs
  })
}
