import { sameObjects, sameTables } from './compare-objects.js'
import type {
  Comparison,
  DataTable,
  RunCounts,
  RunScript,
  Scenario,
  SchemaObject
} from './types.js'

// A scripted comparison run at a point in time: `starting`, `running`, then its final status (or
// stopped by the user), and its results: schema objects or data tables, each with a progressId.

export interface ResultObject extends SchemaObject {
  progressId: number
}

export interface ResultTable extends DataTable {
  progressId: number
}

/** One run of a comparison task (what NineData calls a subtask, named by its execId). */
export interface ComparisonRun {
  execId: number
  taskId: string
  comparison: Comparison
  /** The scenario clock at execute (SimState.now). */
  startedAt: number
  /** The scenario clock when a stop reached it while it was under way. */
  stoppedAt?: number
  /** Whether it keeps its task busy until it ends (the client heard that it started). */
  holdsTask: boolean
  /** The data execute's compareOption, as received. */
  compareOption?: unknown
  /** Schema runs: the objects compared. */
  objects: ResultObject[]
  /** Data runs: the tables compared. */
  tables: ResultTable[]
}

const DEFAULT_STARTING_MS = 200
const DEFAULT_DURATION_MS = 800
export const STOPPED_MESSAGE = 'stopped by user'

/** The run's status and errorMessage at `now` (ms, the scenario clock). */
export function runStatus(
  script: RunScript,
  run: ComparisonRun,
  now: number
): { status: string; errorMessage: string } {
  if (run.stoppedAt !== undefined)
    return {
      status: run.comparison === 'data' ? 'stopped' : 'failed',
      errorMessage: STOPPED_MESSAGE
    }
  const elapsed = now - run.startedAt
  if (elapsed < (script.startingMs ?? DEFAULT_STARTING_MS))
    return { status: 'starting', errorMessage: '' }
  if (elapsed < (script.durationMs ?? DEFAULT_DURATION_MS))
    return { status: 'running', errorMessage: '' }
  const status = script.finalStatus ?? 'success'
  return { status, errorMessage: status === 'success' ? '' : (script.errorMessage ?? '') }
}

/** Whether the run is still under way (starting or running) at `now`. */
export function runActive(script: RunScript, run: ComparisonRun, now: number): boolean {
  const { status } = runStatus(script, run, now)
  return status === 'starting' || status === 'running'
}

/** When the run stopped changing: stopped, finished, or undefined while under way. */
function endedAt(script: RunScript, run: ComparisonRun, now: number): number | undefined {
  if (run.stoppedAt !== undefined) return run.stoppedAt
  if (runActive(script, run, now)) return undefined
  return run.startedAt + (script.durationMs ?? DEFAULT_DURATION_MS)
}

/** A new run's results, numbered from `nextProgressId`. */
export function scriptedResults(
  scenario: Scenario,
  comparison: Comparison,
  secret: string,
  nextProgressId: () => number
): Pick<ComparisonRun, 'objects' | 'tables'> {
  const script = scenario.run ?? {}
  if (comparison === 'schema') {
    const objects = script.objects?.(secret) ?? sameObjects()
    return { objects: objects.map(o => ({ ...o, progressId: nextProgressId() })), tables: [] }
  }
  const tables = script.tables?.(secret) ?? sameTables()
  return { objects: [], tables: tables.map(t => ({ ...t, progressId: nextProgressId() })) }
}

const differs = (t: DataTable): boolean =>
  !t.skipped && (t.differenceRows ?? 0) + (t.onlySourceRows ?? 0) + (t.onlyTargetRows ?? 0) > 0

/** A data run's counts: what its tables add up to, with the script's replacements. */
export function dataCounts(script: RunScript, tables: DataTable[]): Required<RunCounts> {
  const sum = (key: 'differenceRows' | 'onlySourceRows' | 'onlyTargetRows'): number =>
    tables.reduce((total, t) => total + (t.skipped ? 0 : (t[key] ?? 0)), 0)
  return {
    differenceRows: sum('differenceRows'),
    onlySourceRows: sum('onlySourceRows'),
    onlyTargetRows: sum('onlyTargetRows'),
    skipTableCount: tables.filter(t => t.skipped).length,
    diffTableCount: tables.filter(differs).length,
    totalTableCount: tables.length,
    ...script.counts
  }
}

/** GET compareschema/queryTaskExecInfo's data (errorMessage only when there is one). */
export function schemaExecInfo(script: RunScript, run: ComparisonRun, now: number) {
  const { status, errorMessage } = runStatus(script, run, now)
  return {
    taskId: run.taskId,
    execId: run.execId,
    status,
    ...(errorMessage ? { errorMessage } : {})
  }
}

/** NineData's time format in these answers: `yyyy-MM-dd HH:mm:ss`, UTC. */
function timeText(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')
}

/** GET comparedata/queryTaskExecInfo's data; the counts are the run's once it has ended, 0 before. */
export function dataExecInfo(script: RunScript, run: ComparisonRun, now: number, skewMs: number) {
  const { status, errorMessage } = runStatus(script, run, now)
  const ended = endedAt(script, run, now)
  const counts = ended === undefined ? undefined : dataCounts(script, run.tables)
  return {
    id: run.execId,
    taskId: run.taskId,
    status,
    createTime: timeText(run.startedAt + skewMs),
    updateTime: timeText((ended ?? now) + skewMs),
    differenceRows: counts?.differenceRows ?? 0,
    onlySourceRows: counts?.onlySourceRows ?? 0,
    onlyTargetRows: counts?.onlyTargetRows ?? 0,
    skipTableCount: counts?.skipTableCount ?? 0,
    ...(errorMessage ? { errorMessage } : {})
  }
}

/** The `pageNumber`th page (from 1) of `pageSize` entries. */
export function pageOf<T>(list: T[], pageSize: number, pageNumber: number): T[] {
  return list.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
}

/** describeSchemaCompareTask's data for one page. */
export function schemaResultsPage(run: ComparisonRun, pageSize: number, pageNumber: number) {
  return {
    taskId: run.taskId,
    execId: run.execId,
    pageNum: pageNumber,
    pageSize,
    total: run.objects.length,
    compareResults: pageOf(run.objects, pageSize, pageNumber).map(o => ({
      progressId: o.progressId,
      schemaName: o.schemaName,
      objectName: o.objectName,
      objectType: o.objectType,
      sourceDdl: o.sourceDdl,
      targetDdl: o.targetDdl
    }))
  }
}

export interface TableFilter {
  schemaName?: string
  tableNameLike?: string
}

/** result/tableSummary's data for one page of the tables the filter lets through. */
export function tableSummaryPage(
  script: RunScript,
  run: ComparisonRun,
  filter: TableFilter,
  paging: { pageSize: number; pageNumber: number }
) {
  const like = filter.tableNameLike?.toLowerCase()
  const tables = run.tables.filter(
    t =>
      (!filter.schemaName || t.schemaName === filter.schemaName) &&
      (!like || t.tableName.toLowerCase().includes(like))
  )
  const counts = dataCounts(script, tables)
  return {
    taskId: run.taskId,
    execId: run.execId,
    totalTableCount: counts.totalTableCount,
    diffTableCount: counts.diffTableCount,
    pageNumber: paging.pageNumber,
    pageSize: paging.pageSize,
    tableSummaries: pageOf(tables, paging.pageSize, paging.pageNumber).map(tableSummary)
  }
}

function tableSummary(t: ResultTable) {
  return {
    progressId: t.progressId,
    schemaName: t.schemaName,
    tableName: t.tableName,
    targetSchemaName: t.targetSchemaName ?? t.schemaName,
    targetTableName: t.targetTableName ?? t.tableName,
    ...(t.skipped
      ? {}
      : {
          differenceRows: t.differenceRows ?? 0,
          onlySourceRows: t.onlySourceRows ?? 0,
          onlyTargetRows: t.onlyTargetRows ?? 0
        })
  }
}

/** result/diffDetails' data: one table's differing records (one made-up record per page slot). */
export function diffDetailsPage(
  table: ResultTable,
  filter: string | undefined,
  paging: { pageSize: number; pageNumber: number }
) {
  const kinds: [string, number][] = [
    ['0', table.differenceRows ?? 0],
    ['-1', table.onlySourceRows ?? 0],
    ['1', table.onlyTargetRows ?? 0]
  ]
  const totalCount = kinds.reduce(
    (sum, [code, n]) => (filter === undefined || filter === code ? sum + n : sum),
    0
  )
  const shown = Math.max(
    0,
    Math.min(paging.pageSize, totalCount - (paging.pageNumber - 1) * paging.pageSize)
  )
  return {
    totalCount,
    pageNumber: paging.pageNumber,
    pageSize: paging.pageSize,
    primaryKeyColumns: ['id'],
    diffRecords: Array.from({ length: shown }, (_, i) => ({
      diffType: 'MISMATCH',
      primaryKeyValues: [String((paging.pageNumber - 1) * paging.pageSize + i + 1)]
    }))
  }
}
