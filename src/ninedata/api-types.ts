// The shapes of NineData's OpenAPI as this action uses them (docs/ninedata-api.md). Types only.

/** Every answer is wrapped in this envelope; `success: true` only means the call was accepted. */
export interface Envelope<T = unknown> {
  success: boolean
  requestId?: string
  message?: string
  data?: T
}

/** Which comparison the precheck belongs to; both have the same precheck calls and shapes. */
export type ComparisonKind = 'schema' | 'data'

/** The documented status values, overall and per item. Failed and Success are terminal. */
export const PRECHECK_STATUSES = ['Unstarted', 'Running', 'Failed', 'Success'] as const
export type PrecheckStatus = (typeof PRECHECK_STATUSES)[number]

/** One check item as the status call returns it, read without changing a character. */
export interface PrecheckItem {
  precheckItem: string
  itemName: string
  itemDescription: string
  /** The status exactly as the server sent it ('' when absent; numbers and booleans as text). */
  status: string
  errorMessage: string
  /** The item object exactly as the API returned it, for the outputs and the report file. */
  raw: Record<string, unknown>
}

/** `data` of GET /openapi/v1/compare{schema,data}/precheck/status. */
export interface PrecheckState {
  taskId: string
  precheckTaskId: string
  /** The overall status exactly as the server sent it. */
  status: string
  precheckItems: PrecheckItem[]
  /** True when the answer had no `precheckItems` list at all (absent or null), not an empty one. */
  itemsMissing?: boolean
}

/** `data` of POST /openapi/v1/compare{schema,data}/precheck/start. */
export interface StartedPrecheck {
  taskId: string
  precheckTaskId: string
}

/** The documented run statuses of a comparison run (`stopped`: data comparisons). */
export const RUN_STATUSES = ['starting', 'running', 'success', 'failed', 'stopped'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** Row counts of a data comparison run, from its run status. Undefined: not sent. */
export interface RowCounts {
  differenceRows: number | undefined
  onlySourceRows: number | undefined
  onlyTargetRows: number | undefined
  skippedTables: number | undefined
}

/** `data` of GET /openapi/v1/compare{schema,data}/queryTaskExecInfo. */
export interface RunState {
  taskId: string
  /** The run's execId, as digits. */
  execId: string
  /** The status exactly as the server sent it. */
  status: string
  errorMessage: string
  /** Data comparisons only. */
  rows?: RowCounts
  raw: Record<string, unknown>
}

/** One object of a schema comparison's results, with its correction SQL once read. */
export interface SchemaObject {
  kind: 'object'
  /** The object's progressId, as digits without leading zeros (7 and "7" are one object). */
  progressId: string
  /** The result exactly as received (its name fields are not documented). */
  raw: Record<string, unknown>
  /**
   * The correction SQL as received ('' for none; undefined when it could not be read). For a long run
   * only its start is kept in memory (correctSqlLength says how long it was); the correction SQL
   * file has it whole.
   */
  correctSql?: string
  /** Set when correctSql holds only the start of the SQL: its whole length, in characters. */
  correctSqlLength?: number
  /** Why the correction SQL could not be read (the object is then not verified). */
  unreadable?: string
}

/** One table of a data comparison's table summary, with its count of differing records once read. */
export interface DataTable {
  kind: 'table'
  progressId: string
  schemaName: string
  tableName: string
  targetSchemaName: string
  targetTableName: string
  raw: Record<string, unknown>
  /** diffDetails' totalCount for the table; undefined when not asked or not readable. */
  differences?: number
  unreadable?: string
}

/** One entry of a run's results: a schema object or a data table, told apart by `kind`. */
export type ResultEntry = SchemaObject | DataTable

export interface SchemaResults {
  kind: 'schema'
  /** `total` as NineData reported it. */
  total: number
  objects: SchemaObject[]
}

export interface DataResults {
  kind: 'data'
  totalTableCount: number
  diffTableCount: number
  tables: DataTable[]
}

export type ComparisonResults = SchemaResults | DataResults
