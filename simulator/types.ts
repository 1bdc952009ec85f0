// The simulator's vocabulary: what a scenario scripts, what a hook is told and may answer, and the
// faults it can inject. Types only; scenarios.ts re-exports them for tests and scripts.

export interface SimItem {
  precheckItem: string
  itemName: string
  itemDescription: string
  /** The status the item ends with. */
  finalStatus: string
  errorMessage?: string
  /** ms after the start when the item is done (Running before that, Unstarted before startAfterMs). */
  doneAfterMs: number
  startAfterMs?: number
}

/** The two kinds of comparison NineData runs a precheck for. */
export type Comparison = 'schema' | 'data'

/**
 * The API endpoints the simulator serves, as recorded requests and counters name them: the clock,
 * the precheck (start, status) and the comparison run (execute, execStatus: queryTaskExecInfo,
 * results: describeSchemaCompareTask, correctionSql, tableSummary, diffDetails, stop).
 */
export type RequestKind =
  | 'start'
  | 'status'
  | 'now'
  | 'execute'
  | 'execStatus'
  | 'results'
  | 'correctionSql'
  | 'tableSummary'
  | 'diffDetails'
  | 'stop'
  | 'taskList'
  | 'createTask'
  | 'taskDetail'

/** What a fault does to one request. */
export type FaultKind =
  | { type: 'reset' }
  | { type: 'hang' }
  | {
      type: 'http'
      status: number
      body?: string
      headers?: Record<string, string>
      contentType?: string
    }
  | { type: 'cut' }
  | { type: 'delay'; ms: number }

/** One injected fault: applies to matching requests number `from` (1-based) up to `from + times - 1`. */
export interface Fault {
  /** The endpoint kind it hits; 'any': every kind, each counted on its own. */
  on: RequestKind | 'any'
  from?: number
  times?: number
  kind: FaultKind
}

/** The documented shape of a status answer's `data` (as the simulator would send it). */
export interface StatusData {
  taskId: string
  precheckTaskId: string
  status: string
  precheckItems: {
    precheckItem: string
    itemName: string
    itemDescription: string
    status: string
    errorMessage?: string
  }[]
}

/** What a hook is told about the request it answers. */
export interface AnswerContext {
  /** 1-based number of this request among the requests of its kind (start or status), both comparisons. */
  n: number
  /** The comparison the request's path is for. */
  comparison: Comparison
  /** The task ID asked for (start: from the body; status: from the query). */
  taskId: string
  /** Start: the precheck the simulator just created (already registered); status: the one asked for. */
  precheckTaskId: string
  /** The requestId the simulator would put in the envelope. */
  requestId: string
  /** The access-key-secret the simulator checks signatures with (for answers that echo it). */
  secret: string
  /** ms since the first API request (other than /openapi/now) this simulator received. */
  sinceFirstMs: number
  /** The `data` the simulator would answer (status: undefined when the precheck is unknown). */
  natural: StatusData | { taskId: string; precheckTaskId: string } | undefined
}

/**
 * What a hook answers instead of the simulator (undefined: answer as usual). One of:
 * - `{ data }`: HTTP 200 envelope `{success: true, requestId, data}`; `success`, `message`, `requestId`
 *   override the envelope's fields (requestId may be any JSON value).
 * - `{ json }`: HTTP 200 with JSON.stringify(json) as the whole body.
 * - `{ body }`: the raw body as given (string or bytes), with `status` (200), `contentType`
 *   (application/json) and extra `headers`.
 * - `{ fault }`: any fault kind (reset, hang, cut, http, delay; delay then answers as usual).
 * - `{ huge }`: a syntactically valid JSON envelope of about `bytes` bytes, streamed in 1 MiB chunks,
 *   with a content-length header unless `chunked`.
 */
export type HookAnswer =
  | { data: unknown; success?: boolean; message?: string; requestId?: unknown }
  | { json: unknown }
  | {
      body: string | Buffer
      status?: number
      contentType?: string
      headers?: Record<string, string>
    }
  | { fault: FaultKind }
  | { huge: { bytes: number; chunked?: boolean } }

export type AnswerHook = (context: AnswerContext) => HookAnswer | undefined

/** What a comparison run's hook is told about the request it answers. */
export interface RunAnswerContext {
  /** 1-based number of this request among the requests of its kind, both comparisons. */
  n: number
  comparison: Comparison
  /** The task ID asked for; for the data run status (asked by execId alone), the run's task or ''. */
  taskId: string
  /** Execute: the run just created (undefined: none, a schedule enabled); else the execId asked for. */
  execId: number | undefined
  /** correctionSql: the progressId asked for. */
  progressId?: number
  /** The query string as received. */
  query: Record<string, string>
  requestId: string
  secret: string
  sinceFirstMs: number
  /** The `data` the simulator would answer (undefined when it would refuse, or answers no data). */
  natural: unknown
  /** The `success: false` message the simulator would answer (undefined when it would not refuse). */
  refusal: string | undefined
}

export type RunAnswerHook = (context: RunAnswerContext) => HookAnswer | undefined

/** One schema object a scripted schema comparison run compares, in NineData's order. */
export interface SchemaObject {
  schemaName: string
  objectName: string
  /** TABLE, VIEW, PROCEDURE, ... */
  objectType: string
  /** The object's DDL in the source ('' when the source has none). */
  sourceDdl: string
  /** The object's DDL in the target ('' when the target has none). */
  targetDdl: string
  /** The SQL that makes the target match the source; '' when the object is consistent. */
  correctSql: string
}

/** One table a scripted data comparison run compares. */
export interface DataTable {
  schemaName: string
  tableName: string
  /** Default: schemaName. */
  targetSchemaName?: string
  /** Default: tableName. */
  targetTableName?: string
  differenceRows?: number
  onlySourceRows?: number
  onlyTargetRows?: number
  /** The run skipped the table (counted in skipTableCount; no row counts). */
  skipped?: boolean
}

/** A data run's counts; each one given here replaces the one the tables add up to. */
export interface RunCounts {
  differenceRows?: number
  onlySourceRows?: number
  onlyTargetRows?: number
  skipTableCount?: number
  diffTableCount?: number
  totalTableCount?: number
}

/** How a scenario's comparison run (execute, status, results, stop) plays; every field optional. */
export interface RunScript {
  /** ms after execute while the status is `starting` (default 200). */
  startingMs?: number
  /** ms after execute until the final status (default 800); Infinity: `running` forever. */
  durationMs?: number
  /** The final status (default `success`); any text, to test undocumented values. */
  finalStatus?: string
  /** The final status's errorMessage (a failed run's reason). */
  errorMessage?: string
  /** `success: false` message for execute (e.g. `task status invalid`). */
  executeError?: string
  /**
   * The schema task runs once on execute. Default false: a scheduled task, for which execute without
   * `runNow: true` only enables the schedule and answers no execId (`data: null`), as documented.
   */
  oneTime?: boolean
  /** The schema objects compared (default: a dozen consistent tables). */
  objects?: (secret: string) => SchemaObject[]
  /** The data tables compared (default: five tables without differences). */
  tables?: (secret: string) => DataTable[]
  /** Data run counts that replace what the tables add up to (for contradicting answers). */
  counts?: RunCounts
  /** ms added to every answer of the result endpoints (pages, correctionSql, tableSummary, diffDetails). */
  resultLatencyMs?: number
  /** A throttling NineData: result calls get HTTP 429 while more than this many are in flight. */
  throttleAbove?: number
  /** The throttled answer's Retry-After, in seconds (none when unset). */
  throttleRetryAfterSeconds?: number
}

export interface Scenario {
  name: string
  description: string
  items: (secret: string) => SimItem[]
  /** Overall status after all items are done; default Failed if any item failed, else Success. */
  finalStatus?: string
  /** Overall status forever (never terminal). */
  stuckStatus?: string
  /** ms until the overall status is terminal; default: when the last item is done. */
  durationMs?: number
  /** `success: false` message for the start call. */
  startError?: string
  faults?: Fault[]
  /** NineData's clock minus the real one, in ms. */
  clockSkewMs?: number
  /** Leave out the Date header (so clients must ask /openapi/now). */
  noDateHeader?: boolean
  /** How a rejected signature or timestamp is answered. */
  authFailure?: 'http401' | 'envelope200'
  /** Task IDs the simulator knows besides its default set (others are "task not found"). */
  tasks?: string[]
  /** The comparison kind the scenario's items are written for (scripts pick a cc- or cd- task ID). */
  comparison?: Comparison
  /** Answers the start call instead of the simulator (after signature and kind checks). */
  startAnswer?: AnswerHook
  /** Answers the status query instead of the simulator (after signature and kind checks). */
  statusAnswer?: AnswerHook
  /** The comparison run started by execute (default: a short run without differences). */
  run?: RunScript
  /** Hooks for the run's endpoints, asked after the signature and task checks. */
  executeAnswer?: RunAnswerHook
  execStatusAnswer?: RunAnswerHook
  resultsAnswer?: RunAnswerHook
  correctionSqlAnswer?: RunAnswerHook
  tableSummaryAnswer?: RunAnswerHook
  diffDetailsAnswer?: RunAnswerHook
  stopAnswer?: RunAnswerHook
  /** The console's schema comparison tasks before any is created (default: three unrelated ones). */
  consoleTasks?: ConsoleTaskSeed
  /** `success: false` message for Create Schema Comparison Task (e.g. a permission refusal). */
  createError?: string
  /** `success: false` message for List Schema Comparison Tasks. */
  listError?: string
  /**
   * Another precheck holds every task (starts and executes are "task status invalid") until the
   * simulator has answered this many task detail queries; Infinity: it never frees.
   */
  busyForDetailPolls?: number
  /** Inputs that name the task instead of task-id (source-datasource, ...), for the demo. */
  definition?: Readonly<Record<string, string>>
}

/** How many tasks the console has, and lookalikes of one name (other users' tasks with similar names). */
export interface ConsoleTaskSeed {
  count: number
  /** Tasks named like this one but not it: same name with other datasources, names that differ slightly. */
  lookalikesOf?: { taskName: string; sourceDsId: string; targetDsId: string }
}

/** A schema comparison task in the simulated console. */
export interface ConsoleTask {
  taskId: string
  taskName: string
  sourceDsId: string
  targetDsId: string
  periodic: 'ONETIME' | 'PERIODIC'
  createTime: string
  /** The objectConfig it was created with (seeded tasks: none). */
  objectConfig?: unknown
}

/** One request as the simulator received it, and how it was answered. */
export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: string
  /** When it arrived, ms since the simulator started. */
  atMs: number
  /** HTTP status answered, or the fault applied. */
  answer: string
  /** Which endpoint kind the path is (undefined: not an API endpoint the simulator knows). */
  kind?: RequestKind
  /** Which comparison's endpoint the path is (compareschema or comparedata). */
  comparison?: Comparison
  /** Set when the request was refused because its task ID belongs to the other comparison. */
  wrongKind?: boolean
  /** Set when the request was refused because the simulator does not know its task ID. */
  unknownTask?: boolean
  /** Set when a start or execute was refused because a precheck or run of the task was under way. */
  busy?: boolean
  /** Set when a scenario hook (startAnswer, statusAnswer, executeAnswer, ...) made the answer. */
  hooked?: boolean
  /** Result endpoints: how many result calls were in flight when this one arrived (itself included). */
  inFlight?: number
}
