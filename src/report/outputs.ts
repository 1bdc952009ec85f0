import type { PrecheckItem } from '../ninedata/api-types.js'
import { canonicalRunStatus } from '../status/run-status.js'
import { shorten } from '../text/clean.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS } from '../text/wording.js'
import { countedDifferences, type Report, type RunReport } from './report-model.js'

// The step's outputs. Pure: returns name -> value, already safe; the publisher sets them.

/**
 * Cap for the JSON outputs `items` and `failed-items`. Workflows pass outputs through environment
 * variables, and Linux refuses a single variable over 128 KiB, so each holds at most this many
 * bytes: whole items, in API order, as many as fit. The report file has them all.
 */
const JSON_OUTPUT_BUDGET_BYTES = 100_000

export interface OutputPlan {
  values: Record<string, string>
  /** Which JSON outputs were cut to the budget, with how many items they hold. */
  truncated: { name: string; kept: number; total: number }[]
}

/** A JSON array of whole items that fits the budget. Linear: each item is serialised once. */
function jsonArrayWithin(
  items: readonly PrecheckItem[],
  budget: number,
  safe: SafeText
): { json: string; kept: number } {
  const parts: string[] = []
  let size = 2
  for (const item of items) {
    const plain = JSON.stringify(item.raw)
    // An item far over the budget is not worth the redaction pass that would only drop it.
    if (plain.length > 4 * budget) break
    const json = safe.json(item.raw, plain)
    const extra = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0)
    if (size + extra > budget) break
    parts.push(json)
    size += extra
  }
  return { json: `[${parts.join(',')}]`, kept: parts.length }
}

/** A one-value output: the secret hidden, then cut, so a later `env:` can always carry it. */
function scalar(safe: SafeText, text: string): string {
  return shorten(safe.value(text), LIMITS.outputValue)
}

export function planOutputs(
  report: Report,
  safe: SafeText,
  budget: number = JSON_OUTPUT_BUDGET_BYTES
): OutputPlan {
  const values: Record<string, string> = {}
  const truncated: OutputPlan['truncated'] = []
  if (report.taskId) values['task-id'] = scalar(safe, report.taskId)
  if (report.precheckTaskId) values['precheck-task-id'] = scalar(safe, report.precheckTaskId)
  if (report.requestId) values['request-id'] = scalar(safe, report.requestId)
  const state = report.state
  values['status'] = scalar(safe, state?.status ?? '')
  if (report.run) Object.assign(values, runOutputs(report.run, safe))
  // Without a status, counts stay unset: "" never reads as "0 failed".
  if (!state) return { values, truncated }

  values['item-count'] = String(state.precheckItems.length)
  values['failed-count'] = String(report.verdict.failedItems.length)
  for (const [name, list] of [
    ['items', state.precheckItems],
    ['failed-items', report.verdict.failedItems]
  ] as const) {
    const { json, kept } = jsonArrayWithin(list, budget, safe)
    values[name] = json
    if (kept < list.length) truncated.push({ name, kept, total: list.length })
  }
  return { values, truncated }
}

/** The comparison run's outputs: set whenever a run was started, counts only once they were read. */
function runOutputs(run: RunReport, safe: SafeText): Record<string, string> {
  const { seen, differences } = run
  const values: Record<string, string> = {}
  if (!seen.execId) return values
  values['comparison-exec-id'] = scalar(safe, seen.execId)
  values['comparison-status'] = scalar(safe, seen.last?.status ?? '')
  // A run's row counts are final only once it succeeded: a running run's zeros say nothing.
  const finished = canonicalRunStatus(seen.last?.status ?? '') === 'success'
  if (seen.kind === 'data' && finished && seen.last?.rows) {
    const rows = seen.last.rows
    const counts: [string, number | undefined][] = [
      ['difference-rows', rows.differenceRows],
      ['only-source-rows', rows.onlySourceRows],
      ['only-target-rows', rows.onlyTargetRows],
      ['skipped-tables', rows.skippedTables]
    ]
    for (const [name, n] of counts) if (n !== undefined) values[name] = String(n)
  }
  // What the gate counts is set only once it could count.
  if (!countedDifferences(run) || !differences || !seen.results) return values
  values['difference-count'] = String(differences.count)
  if (seen.results.kind === 'schema') {
    values['different-objects'] = String(differences.differing.length)
  } else {
    values['different-tables'] = String(seen.results.diffTableCount)
  }
  return values
}
