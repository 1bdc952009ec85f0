import { endingHint, hintLeads, type Ending } from '../ending.js'
import type { GateRun } from '../gate-run.js'
import type { Inputs } from '../inputs.js'
import type { ComparisonKind, PrecheckItem, PrecheckState } from '../ninedata/api-types.js'
import { canonicalStatus } from '../status/precheck-status.js'
import { plural } from '../text/wording.js'
import {
  differencesOf,
  type ComparisonSeen,
  type Differences
} from '../verdict/comparison-verdict.js'
import type { StepVerdict } from '../verdict/step-verdict.js'
import type { Verdict } from '../verdict/verdict-types.js'

/** Everything the report (summary, outputs, annotations, log, report file) is made from. */
export interface Report {
  /** The step's verdict. */
  verdict: Verdict
  /** Undefined when the inputs were refused before it was known. */
  comparison: ComparisonKind | undefined
  taskId: string
  /** How the task was come by, when the workflow named what to compare (found or created by name). */
  taskSource?: { how: 'found' | 'created'; taskName: string } | undefined
  /** Empty when no precheck was started or given. */
  precheckTaskId: string
  /** The last status answer seen, exactly as received. */
  state: PrecheckState | undefined
  /** Items seen at an earlier poll that the last answer no longer lists. */
  vanished: PrecheckItem[]
  requestId: string
  durationMs: number
  failOnFailure: boolean
  failOnDifference: boolean
  /** What to check next, for errors that have a likely cause (credentials, URL, CA). */
  hint?: string | undefined
  /** The hint comes first: NineData never answered and `api-url` is the likely fix. */
  hintFirst?: boolean | undefined
  /** The comparison run, when one was started (or tried). */
  run?: RunReport | undefined
}

export interface RunReport {
  seen: ComparisonSeen
  verdict: Verdict
  /** Set once results were read. */
  differences?: Differences | undefined
}

/** What the step did and its verdict, as main knows them. */
export interface StepFacts {
  inputs?: Inputs | undefined
  gate?: GateRun | undefined
  /** Why the step ended before any phase ran. */
  refused?: Ending | undefined
  /** The one verdict of the step: the report shows it, never decides again. */
  decided: StepVerdict
  /** task-id as given, for a report on refused inputs. */
  taskId: string
}

/** What to show, assembled from the step's facts and its verdict. */
export function reportOf(step: StepFacts, durationMs: number): Report {
  const { inputs, gate, decided } = step
  const verdict = decided.step
  const precheckSeen = gate?.precheck
  const run =
    gate?.comparison && decided.comparison
      ? runReport(gate.comparison, decided.comparison)
      : undefined
  const ending =
    verdict.phase === 'comparison' && run ? run.seen.ending : (precheckSeen?.ending ?? step.refused)
  return {
    verdict,
    comparison: inputs?.comparison,
    taskId: gate?.task.taskId || inputs?.taskId || step.taskId,
    taskSource:
      gate && gate.task.how !== 'given'
        ? { how: gate.task.how, taskName: gate.task.taskName }
        : undefined,
    precheckTaskId: precheckSeen?.precheckTaskId ?? inputs?.precheckTaskId ?? '',
    state: precheckSeen?.last,
    vanished: precheckSeen?.vanished ?? [],
    requestId: gate?.requestId ?? '',
    durationMs,
    failOnFailure: inputs?.failOnFailure ?? true,
    failOnDifference: inputs?.failOnDifference ?? true,
    hint: ending && endingHint(ending),
    hintFirst: ending !== undefined && hintLeads(ending),
    run
  }
}

function runReport(seen: ComparisonSeen, verdict: Verdict): RunReport {
  return {
    seen,
    verdict,
    differences: seen.results ? differencesOf(seen.results, seen.last) : undefined
  }
}

/** Whether the step fails: only plain findings are softened, by their own input. */
export function stepFails(report: Report): boolean {
  const { verdict } = report
  if (verdict.passed) return false
  if (verdict.softenedBy === 'fail-on-failure') return report.failOnFailure
  if (verdict.softenedBy === 'fail-on-difference') return report.failOnDifference
  return true
}

/**
 * The differences, only when the gate could count them: every result read and understood. A
 * timeout, an unreadable object or contradicting counts give undefined, never a partial "0".
 */
export function countedDifferences(run: RunReport): Differences | undefined {
  const counted = run.verdict.passed || run.verdict.softenedBy === 'fail-on-difference'
  return counted ? run.differences : undefined
}

/** "1 record differs", "2 records differ". */
export function recordsDiffer(n: number): string {
  return `${plural(n, 'record')} ${n === 1 ? 'differs' : 'differ'}`
}

/** "schema comparison" / "data comparison" / "comparison". */
export function comparisonWords(report: Report): string {
  return report.comparison ? `${report.comparison} comparison` : 'comparison'
}

/** 0 for a Failed item, 1 for one without a final status, 2 for a Success. */
export function statusRank(item: PrecheckItem): number {
  const status = canonicalStatus(item.status)
  return status === 'Failed' ? 0 : status === 'Success' ? 2 : 1
}

/** Failed items first, then the ones without a final status, then the rest; API order within each. */
export function orderForReport(items: readonly PrecheckItem[]): PrecheckItem[] {
  return items
    .map((item, index) => ({ item, index, rank: statusRank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(entry => entry.item)
}
