import { basename } from 'node:path'
import { expect } from '@jest/globals'
import { SCENARIOS, type Scenario } from '../../simulator/scenarios.js'
import type { Simulator } from '../../simulator/server.js'
import type { RecordedRequest, RequestKind, RunScript } from '../../simulator/types.js'
import type { DataTable, RowCounts, RunState, SchemaObject } from '../../src/ninedata/api-types.js'
import type { Report } from '../../src/report/report-model.js'
import { differencesOf, type ComparisonSeen } from '../../src/verdict/comparison-verdict.js'
import { afterComparison, afterPrecheck } from '../../src/verdict/step-verdict.js'
import { end, item, report, state } from './builders.js'
import type { ActionResult } from './action-runner.js'
import { customScenario, DATA_TASK_ID, TEST_TASK_ID } from './simulator.js'

// What the comparison run's tests share: quick versions of the compare scenarios, the inputs that
// turn the run on, and readers for what a user gets back (outputs, the report file, the SQL file).

/** The outputs a comparison run may set; none of them without run-comparison. */
export const COMPARISON_OUTPUTS = [
  'comparison-exec-id',
  'comparison-status',
  'difference-count',
  'different-objects',
  'correction-sql-file',
  'different-tables',
  'difference-rows',
  'only-source-rows',
  'only-target-rows',
  'skipped-tables'
] as const

/** The outputs of a precheck that reached a status. */
export const PRECHECK_OUTPUTS = [
  'task-id',
  'precheck-task-id',
  'request-id',
  'status',
  'item-count',
  'failed-count',
  'items',
  'failed-items',
  'report-file',
  'junit-file'
] as const

/**
 * A compare scenario whose run is quick (starting for 0.1 s, final at 0.4 s), with parts of its run
 * script or of the scenario replaced. Tests wait on real time: this keeps each run short.
 */
export function quickRun(
  base: string,
  run: RunScript = {},
  overrides: Partial<Scenario> = {}
): Scenario {
  const scenario = SCENARIOS[base]
  if (!scenario?.run) throw new Error(`${base} is not a comparison scenario`)
  return customScenario(
    { run: { ...scenario.run, startingMs: 100, durationMs: 400, ...run }, ...overrides },
    base
  )
}

/** Inputs that run the comparison after the precheck, polling fast, on the scenario's kind of task. */
export function compareInputs(
  scenario: string | Scenario,
  extra: Record<string, string> = {}
): Record<string, string> {
  const found = typeof scenario === 'string' ? SCENARIOS[scenario] : scenario
  return {
    'task-id': found?.comparison === 'data' ? DATA_TASK_ID : TEST_TASK_ID,
    'run-comparison': 'true',
    'poll-interval-seconds': '0.1',
    'timeout-seconds': '15',
    ...extra
  }
}

/** The requests of one kind the simulator received, in order. */
export function requestsOf(sim: Simulator, kind: RequestKind): RecordedRequest[] {
  return sim.requests.filter(r => r.kind === kind)
}

/** The kinds of every request, in order, with repeats merged: e.g. start, status, execute, ... */
export function callKinds(sim: Simulator): string[] {
  const kinds: string[] = []
  for (const r of sim.requests) if (r.kind && kinds.at(-1) !== r.kind) kinds.push(r.kind)
  return kinds
}

/** A file the action named in an output, as it was left in RUNNER_TEMP. */
export function fileOf(result: ActionResult, output: string): string | undefined {
  const path = result.outputs[output]
  return path ? result.tempFiles[basename(path)] : undefined
}

export interface ReportFile {
  taskId: string
  status: string | null
  items: unknown[]
  verdict: { kind: string; passed: boolean; reason: string }
  comparisonRun?: {
    execId: string | null
    status: string | null
    state: Record<string, unknown> | null
    verdict: { kind: string; passed: boolean; reason: string }
    differenceCount: number | null
    stop: { sent: boolean; message: string } | null
    total?: number
    objects?: {
      progressId: string
      result: Record<string, unknown>
      correctSql: string | null
      unreadable?: string
    }[]
    totalTableCount?: number
    diffTableCount?: number
    tables?: {
      progressId: string
      result: Record<string, unknown>
      differences: number | null
      unreadable?: string
    }[]
  }
}

/** The report-file output's JSON. */
export function reportOf(result: ActionResult): ReportFile {
  const text = fileOf(result, 'report-file')
  if (text === undefined) throw new Error('no report file')
  return JSON.parse(text) as ReportFile
}

/** No comparison output is set. */
export function expectNoComparisonOutputs(result: ActionResult): void {
  for (const name of COMPARISON_OUTPUTS) expect(result.outputs[name]).toBeUndefined()
}

/** The annotations of one level that name a differing object or table ("Differs: ..."). */
export function differsTitles(result: ActionResult, level: 'error' | 'warning'): string[] {
  return result.annotations
    .filter(a => a.level === level && a.title?.startsWith('Differs: '))
    .map(a => a.title ?? '')
}

// Reports with a comparison run, for the pure report modules (summary, outputs, annotations).

/** A schema object as read: `correctSql` undefined means its SQL could not be read. */
export function schemaObject(
  progressId: string,
  objectName: string,
  correctSql: string | undefined,
  extra: Record<string, unknown> = {}
): SchemaObject {
  return {
    kind: 'object',
    progressId,
    raw: {
      progressId: Number(progressId),
      schemaName: 'shop',
      objectName,
      objectType: 'TABLE',
      ...extra
    },
    ...(correctSql === undefined
      ? { unreadable: 'NineData said "progressId does not belong to execId"' }
      : { correctSql })
  }
}

/** A data table as read, with its count of differing records. */
export function dataTable(
  progressId: string,
  tableName: string,
  differences: number | undefined,
  target: { schema?: string; table?: string } = {}
): DataTable {
  const names = {
    schemaName: 'shop',
    tableName,
    targetSchemaName: target.schema ?? 'shop',
    targetTableName: target.table ?? tableName
  }
  return {
    kind: 'table',
    progressId,
    ...names,
    raw: { progressId: Number(progressId), ...names },
    ...(differences !== undefined ? { differences } : {})
  }
}

/** A run status answer; `rows` makes it a data run's. */
export function runState(status: string, rows?: Partial<RowCounts>, errorMessage = ''): RunState {
  return {
    taskId: rows ? 'cd-1' : 'cc-1',
    execId: '46958',
    status,
    errorMessage,
    raw: { status, ...(errorMessage ? { errorMessage } : {}) },
    ...(rows
      ? {
          rows: {
            differenceRows: 0,
            onlySourceRows: 0,
            onlyTargetRows: 0,
            skippedTables: 0,
            ...rows
          }
        }
      : {})
  }
}

/** What a comparison phase learned; a finished schema run by default. */
export function runSeen(extra: Partial<ComparisonSeen> = {}): ComparisonSeen {
  return {
    kind: 'schema',
    ending: { how: 'finished' },
    execId: '46958',
    last: runState('success'),
    stage: 'results',
    timeoutMs: 900_000,
    endedAt: 1_000_000,
    ...extra
  }
}

/** The step's report after a passing precheck of two items and the given comparison run. */
export function comparisonReport(seen: ComparisonSeen, failOnDifference = true): Report {
  const precheckState = state('Success', [
    item('Success', 'Source Connection Check'),
    item('Success', 'Target Connection Check')
  ])
  const decided = afterComparison(afterPrecheck(end('finished', precheckState), true), seen)
  return {
    ...report('finished', precheckState, {
      comparison: seen.kind,
      taskId: seen.kind === 'data' ? 'cd-1' : 'cc-1',
      failOnDifference
    }),
    verdict: decided.step,
    run: {
      seen,
      verdict: decided.comparison ?? decided.step,
      differences: seen.results ? differencesOf(seen.results, seen.last) : undefined
    }
  }
}
