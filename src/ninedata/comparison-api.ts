import type { ApiError } from './api-errors.js'
import type { CallResult, NineDataClient } from './ninedata-client.js'
import { count, idText, integerText, isRecord, protocolError, text } from './answer-fields.js'
import type { ComparisonKind, DataTable, RowCounts, RunState, SchemaObject } from './api-types.js'

// The calls of a comparison run (execute, run status, results, correction SQL, stop) for both kinds,
// and strict reading of their answers. Reading never changes a character of server text.

const BASE: Record<ComparisonKind, string> = {
  schema: '/openapi/v1/compareschema',
  data: '/openapi/v1/comparedata'
}

/** NineData's largest page of results. */
export const PAGE_SIZE = 100

function runPaths(kind: ComparisonKind) {
  const base = BASE[kind]
  return {
    execute: `${base}/execute`,
    status: `${base}/queryTaskExecInfo`,
    stop: `${base}/stop`,
    schemaResults: `${base}/describeSchemaCompareTask`,
    correctionSql: `${base}/result/correctionSql`,
    tableSummary: `${base}/result/tableSummary`,
    diffDetails: `${base}/result/diffDetails`
  }
}

export interface StartedRun {
  execId: string
  call: CallResult
}

/** Starts a run. A schema task runs now (`runNow`); NineData documents that this enables a schedule. */
export async function executeRun(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string
): Promise<StartedRun> {
  const body = kind === 'schema' ? { taskId, runNow: true } : { taskId }
  const call = await client.call('POST', runPaths(kind).execute, { body })
  const execId = integerText(call.data, 'data (the execId) of the execute call')
  if (execId === undefined) throw protocolError('the execute call returned no execId')
  return { execId, call }
}

export async function getRunState(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string,
  execId: string
): Promise<RunState> {
  const query: Record<string, string> = kind === 'schema' ? { taskId, execId } : { execId }
  const call = await client.call('GET', runPaths(kind).status, { query })
  return parseRunState(call.data, kind, taskId, execId)
}

/** Asks NineData to stop the task's run. */
export async function stopRun(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string
): Promise<CallResult> {
  return client.call('POST', runPaths(kind).stop, { body: { taskId } })
}

export function parseRunState(
  data: unknown,
  kind: ComparisonKind,
  taskId: string,
  execId: string
): RunState {
  if (!isRecord(data)) throw protocolError('the run status call returned no data object')
  const status = text(data, 'status', 'data')
  if (status.trim() === '') throw protocolError('data.status of the run is missing')
  const answeredTask = idText(data, 'taskId', 'data')
  if (answeredTask !== '' && answeredTask !== taskId) {
    throw protocolError(`asked about a run of task ${taskId}, got an answer about ${answeredTask}`)
  }
  // Schema answers name the run `execId`; data answers `id`.
  const idKey = kind === 'schema' ? 'execId' : 'id'
  const answeredExec = integerText(data[idKey], `data.${idKey}`)
  if (answeredExec !== undefined && answeredExec !== execId) {
    throw protocolError(`asked about run ${execId}, got an answer about run ${answeredExec}`)
  }
  const state: RunState = {
    taskId,
    execId,
    status,
    errorMessage: text(data, 'errorMessage', 'data'),
    raw: data
  }
  if (kind === 'data') state.rows = rowCounts(data)
  return state
}

function rowCounts(data: Record<string, unknown>): RowCounts {
  return {
    differenceRows: count(data['differenceRows'], 'data.differenceRows'),
    onlySourceRows: count(data['onlySourceRows'], 'data.onlySourceRows'),
    onlyTargetRows: count(data['onlyTargetRows'], 'data.onlyTargetRows'),
    skippedTables: count(data['skipTableCount'], 'data.skipTableCount')
  }
}

/** A page of results: what it holds, the total NineData reports, and the page it says it is. */
export interface Page<T> {
  entries: T[]
  total: number
  /** pageNum / pageNumber as answered; undefined when the answer names no page. */
  pageNumber: number | undefined
}

/** A result call's answer, with how the call went (the reader paces its calls by it). */
export interface Answered<T> {
  value: T
  call: CallResult
}

type AttemptListener = ((error: ApiError) => void) | undefined

/** A progressId as digits without leading zeros: 7, "7" and "007" name one object. */
export function canonicalId(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '')
}

function idOf(value: unknown, where: string): string | undefined {
  const digits = integerText(value, where)
  return digits === undefined ? undefined : canonicalId(digits)
}

export async function getSchemaResultsPage(
  client: NineDataClient,
  asked: { taskId: string; execId: string; pageNumber: number },
  onFailedAttempt?: AttemptListener
): Promise<Answered<Page<SchemaObject>>> {
  const { taskId, execId, pageNumber } = asked
  const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) }
  const call = await client.call('GET', runPaths('schema').schemaResults, {
    query,
    onFailedAttempt
  })
  return { value: parseSchemaResultsPage(call.data, taskId, execId), call }
}

export function parseSchemaResultsPage(
  data: unknown,
  taskId: string,
  execId: string
): Page<SchemaObject> {
  if (!isRecord(data)) throw protocolError('the results call returned no data object')
  checkAbout(data, { taskId, execId })
  const total = count(data['total'], 'data.total')
  if (total === undefined) throw protocolError('data.total of the results is missing')
  const list = data['compareResults']
  if (!Array.isArray(list)) throw protocolError('data.compareResults is not an array')
  const entries = list.map((entry: unknown, index): SchemaObject => {
    const where = `data.compareResults[${index}]`
    if (!isRecord(entry)) throw protocolError(`${where} is not an object`)
    const progressId = idOf(entry['progressId'], `${where}.progressId`)
    if (progressId === undefined) throw protocolError(`${where}.progressId is missing`)
    return { kind: 'object', progressId, raw: entry }
  })
  return { entries, total, pageNumber: answeredPage(data) }
}

/**
 * The page number an answer says it is: the schema results document `pageNum`, the table summary
 * `pageNumber`; either is read, and two that disagree are not an answer.
 */
function answeredPage(data: Record<string, unknown>): number | undefined {
  const num = count(data['pageNum'], 'data.pageNum')
  const number = count(data['pageNumber'], 'data.pageNumber')
  if (num !== undefined && number !== undefined && num !== number) {
    throw protocolError(`the page says it is page ${num} (pageNum) and ${number} (pageNumber)`)
  }
  return num ?? number
}

/** The correction SQL of one object: '' when it has none (consistent), else the SQL as received. */
export async function getCorrectionSql(
  client: NineDataClient,
  asked: { taskId: string; execId: string; progressId: string },
  onFailedAttempt?: AttemptListener
): Promise<Answered<string>> {
  const call = await client.call('GET', runPaths('schema').correctionSql, {
    query: asked,
    onFailedAttempt
  })
  return { value: parseCorrectionSql(call.data, asked), call }
}

export function parseCorrectionSql(
  data: unknown,
  asked: { taskId: string; execId: string; progressId: string }
): string {
  if (!isRecord(data)) throw protocolError('the correction SQL call returned no data object')
  checkAbout(data, asked)
  if (!('correctSql' in data)) throw protocolError('data.correctSql is missing')
  const sql = data['correctSql']
  if (sql === null) return ''
  if (typeof sql !== 'string') throw protocolError('data.correctSql is not a string')
  return sql
}

export interface TablePage extends Page<DataTable> {
  diffTableCount: number
}

export async function getTableSummaryPage(
  client: NineDataClient,
  asked: { taskId: string; execId: string; pageNumber: number },
  onFailedAttempt?: AttemptListener
): Promise<Answered<TablePage>> {
  const { taskId, execId, pageNumber } = asked
  const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) }
  const call = await client.call('GET', runPaths('data').tableSummary, { query, onFailedAttempt })
  return { value: parseTableSummaryPage(call.data, taskId, execId), call }
}

export function parseTableSummaryPage(data: unknown, taskId: string, execId: string): TablePage {
  if (!isRecord(data)) throw protocolError('the table summary call returned no data object')
  checkAbout(data, { taskId, execId })
  const total = count(data['totalTableCount'], 'data.totalTableCount')
  const diffTableCount = count(data['diffTableCount'], 'data.diffTableCount')
  if (total === undefined || diffTableCount === undefined) {
    throw protocolError(
      'data.totalTableCount or data.diffTableCount of the table summary is missing'
    )
  }
  const list = data['tableSummaries']
  if (!Array.isArray(list)) throw protocolError('data.tableSummaries is not an array')
  const entries = list.map((entry: unknown, index): DataTable => {
    const where = `data.tableSummaries[${index}]`
    if (!isRecord(entry)) throw protocolError(`${where} is not an object`)
    const progressId = idOf(entry['progressId'], `${where}.progressId`)
    if (progressId === undefined) throw protocolError(`${where}.progressId is missing`)
    return {
      kind: 'table',
      progressId,
      schemaName: text(entry, 'schemaName', where),
      tableName: text(entry, 'tableName', where),
      targetSchemaName: text(entry, 'targetSchemaName', where),
      targetTableName: text(entry, 'targetTableName', where),
      raw: entry
    }
  })
  return { entries, total, diffTableCount, pageNumber: answeredPage(data) }
}

/** How many records of one table differ (diffDetails' totalCount, all kinds of difference). */
export async function getTableDifferenceCount(
  client: NineDataClient,
  asked: { taskId: string; execId: string; progressId: string },
  onFailedAttempt?: AttemptListener
): Promise<Answered<number>> {
  const query = { ...asked, pageSize: '1', pageNumber: '1' }
  const call = await client.call('GET', runPaths('data').diffDetails, { query, onFailedAttempt })
  return { value: parseTableDifferenceCount(call.data, asked), call }
}

export function parseTableDifferenceCount(
  data: unknown,
  asked: { taskId: string; execId: string; progressId: string }
): number {
  if (!isRecord(data)) throw protocolError('the difference details call returned no data object')
  checkAbout(data, asked)
  // Page 1 was asked for: an answer that says it is another page is about other records.
  const page = count(data['pageNumber'], 'data.pageNumber')
  if (page !== undefined && page !== 1) {
    throw protocolError(`asked for page 1 of the difference details, got page ${page}`)
  }
  const total = count(data['totalCount'], 'data.totalCount')
  if (total === undefined)
    throw protocolError('data.totalCount of the difference details is missing')
  return total
}

/**
 * An answer about another task, run or object must never decide this one. The docs name these
 * fields on the page answers only; where any answer carries one, it must be the one asked about.
 */
function checkAbout(
  data: Record<string, unknown>,
  asked: { taskId: string; execId: string; progressId?: string }
): void {
  const answeredTask = idText(data, 'taskId', 'data')
  if (answeredTask !== '' && answeredTask !== asked.taskId) {
    throw protocolError(`asked about task ${asked.taskId}, got an answer about ${answeredTask}`)
  }
  const answeredExec = idOf(data['execId'], 'data.execId')
  if (answeredExec !== undefined && answeredExec !== canonicalId(asked.execId)) {
    throw protocolError(`asked about run ${asked.execId}, got an answer about run ${answeredExec}`)
  }
  if (asked.progressId === undefined) return
  const answeredObject = idOf(data['progressId'], 'data.progressId')
  if (answeredObject !== undefined && answeredObject !== canonicalId(asked.progressId)) {
    throw protocolError(
      `asked about progressId ${asked.progressId}, got an answer about progressId ${answeredObject}`
    )
  }
}
