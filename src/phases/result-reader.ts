import { setMaxListeners } from 'node:events'
import { ApiError, StopError } from '../ninedata/api-errors.js'
import {
  type Answered,
  getCorrectionSql,
  getSchemaResultsPage,
  getTableDifferenceCount,
  getTableSummaryPage
} from '../ninedata/comparison-api.js'
import type {
  ComparisonResults,
  DataResults,
  ResultEntry,
  SchemaObject,
  SchemaResults
} from '../ninedata/api-types.js'
import { detachedCopy } from '../text/string-copy.js'
import { LIMITS, formatDuration, plural } from '../text/wording.js'
import type { CorrectionSqlFile, CorrectionSqlSink, MissingObjects } from './correction-sql-sink.js'
import type { PhaseContext } from './phase-context.js'
import { readPages, type Runner } from './result-pages.js'
import {
  MAX_IN_FLIGHT,
  newRequestWindow,
  runInWindow,
  type RequestWindow
} from './request-window.js'

// Reading a finished run's results: every page, then one documented signal per object (schema: its
// correction SQL) or per table (data: its count of differing records, when the run reports any),
// through one adaptive window of calls. The results object is filled in place, so a timeout still
// reports what was read. Schema SQL goes to the correction SQL file as it is read, in NineData's
// order; memory keeps only what the summary, the comment and the report show.

/** No object is read more than this far past the first one still unanswered (bounds the buffer). */
const MAX_AHEAD = 256
/** A long read says how far it got at most this often. */
const PROGRESS_EVERY_MS = 5000
/**
 * Differing objects whose SQL stays whole in memory (each up to the summary's cap), while together
 * they stay within the summary's 1 MiB: more could never be shown. The rest keep a start.
 */
const WHOLE_SQL_OBJECTS = LIMITS.differenceRows
const WHOLE_SQL_CHARS = 1024 * 1024
const SQL_START_CHARS = 200

/** What the reading left besides the results. */
export interface ReadOutcome {
  correctionSqlFile?: CorrectionSqlFile | undefined
}

export function emptyResults(kind: 'schema' | 'data'): ComparisonResults {
  return kind === 'schema'
    ? { kind, total: 0, objects: [] }
    : { kind, totalTableCount: 0, diffTableCount: 0, tables: [] }
}

export async function fillResults(
  ctx: PhaseContext,
  execId: string,
  results: ComparisonResults,
  anyDifference: boolean,
  outcome: ReadOutcome = {}
): Promise<void> {
  // Every call in flight listens to the step's cancel signal; that many listeners is no leak.
  setMaxListeners(4 * MAX_IN_FLIGHT, ctx.signal)
  const now = (): number => ctx.time.now()
  const window = newRequestWindow(now)
  const run: Runner = (count, work) =>
    runInWindow(window, count, work, {
      wait: async ms => {
        await ctx.client.sleep(ms)
        // A Retry-After longer than the time left ends the reading at the deadline.
        if (ctx.time.now() >= ctx.deadline) throw new StopError('timeout')
      },
      now,
      maxAhead: MAX_AHEAD
    })
  if (results.kind === 'schema') await fillSchema(ctx, execId, results, { window, run, outcome })
  else await fillData(ctx, execId, results, anyDifference, { window, run })
}

interface Reading {
  window: RequestWindow
  run: Runner
}

async function fillSchema(
  ctx: PhaseContext,
  execId: string,
  results: SchemaResults,
  { window, run, outcome }: Reading & { outcome: ReadOutcome }
) {
  const asked = { taskId: ctx.inputs.taskId, execId }
  const first = await readPages(
    pageNumber =>
      window
        .track(f => getSchemaResultsPage(ctx.client, { ...asked, pageNumber }, f))
        .then(answer => answer.value),
    run,
    entries => results.objects.push(...entries)
  )
  results.total = first.total
  const objects = results.objects
  announce(ctx, `Reading the correction SQL of ${plural(objects.length, 'object')}`, execId)
  const order = new InOrder(objects, ctx.correctionSql?.(execId))
  try {
    await readEach(ctx, { window, run }, objects, 'objects', {
      ask: (object, f) =>
        getCorrectionSql(ctx.client, { ...asked, progressId: object.progressId }, f),
      keep: (object, sql) => (object.correctSql = sql),
      done: index => order.done(index)
    })
  } catch (error) {
    order.stopped(error)
    throw error
  } finally {
    outcome.correctionSqlFile = order.finish()
  }
}

async function fillData(
  ctx: PhaseContext,
  execId: string,
  results: DataResults,
  anyDifference: boolean,
  { window, run }: Reading
) {
  const asked = { taskId: ctx.inputs.taskId, execId }
  const first = await readPages(
    pageNumber =>
      window
        .track(f => getTableSummaryPage(ctx.client, { ...asked, pageNumber }, f))
        .then(answer => answer.value),
    run,
    entries => results.tables.push(...entries)
  )
  results.totalTableCount = first.total
  results.diffTableCount = first.diffTableCount
  if (!anyDifference && results.diffTableCount === 0) return
  const tables = results.tables
  announce(ctx, `Counting the differing records of ${plural(tables.length, 'table')}`, execId)
  await readEach(ctx, { window, run }, tables, 'tables', {
    ask: (table, f) =>
      getTableDifferenceCount(ctx.client, { ...asked, progressId: table.progressId }, f),
    keep: (table, count) => (table.differences = count),
    done: () => undefined
  })
}

/**
 * One call per entry through the window; an entry whose answer cannot be read or understood is
 * marked unreadable (not verified). A stop (timeout, cancel) ends it all and is rethrown.
 */
async function readEach<E extends ResultEntry, V>(
  ctx: PhaseContext,
  { window, run }: Reading,
  entries: E[],
  what: string,
  calls: {
    ask: (entry: E, onFailedAttempt: (error: ApiError) => void) => Promise<Answered<V>>
    keep: (entry: E, value: V) => void
    done: (index: number) => void
  }
): Promise<void> {
  const progress = progressLine(ctx, window, entries.length, what)
  try {
    await run(entries.length, async index => {
      const entry = entries[index] as E
      try {
        calls.keep(entry, (await window.track(f => calls.ask(entry, f))).value)
      } catch (error) {
        entry.unreadable = unreadable(error)
      }
      calls.done(index)
      progress()
    })
  } finally {
    summarise(ctx, window, entries.length, what)
  }
}

function announce(ctx: PhaseContext, what: string, execId: string): void {
  ctx.log.info(
    `${what} of comparison run ${execId} (up to ${MAX_IN_FLIGHT} calls at a time, fewer when NineData pushes back).`
  )
}

/** At most one line every few seconds on a long read. Raw text: the log cleans it. */
function progressLine(ctx: PhaseContext, window: RequestWindow, total: number, what: string) {
  let read = 0
  let saidAt = ctx.time.now()
  return (): void => {
    read++
    const now = ctx.time.now()
    if (now - saidAt < PROGRESS_EVERY_MS || read === total) return
    saidAt = now
    ctx.log.info(
      `[${formatDuration(now - ctx.startedAt)}] Read ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${what}, ${window.inFlight} in flight.`
    )
  }
}

function summarise(ctx: PhaseContext, window: RequestWindow, total: number, what: string): void {
  const { calls, pushBacks, peakInFlight } = window.stats
  const pushed =
    pushBacks > 0
      ? `; NineData pushed back ${plural(pushBacks, 'time')}, and the reader slowed down`
      : ''
  ctx.log.info(
    `Read ${total.toLocaleString('en-US')} ${what} with ${calls.toLocaleString('en-US')} result calls, up to ${peakInFlight} in flight${pushed}.`
  )
}

/**
 * Hands each object to the SQL file in NineData's order as answers arrive in any order, holding only
 * the ones that wait for an earlier one; then trims what memory keeps of its SQL.
 */
class InOrder {
  private next = 0
  private readonly finished = new Set<number>()
  private kept = 0
  private keptChars = 0
  private stop: string | undefined

  constructor(
    private readonly objects: SchemaObject[],
    private readonly sink: CorrectionSqlSink | undefined
  ) {}

  done(index: number): void {
    this.finished.add(index)
    while (this.finished.delete(this.next)) this.emit(this.objects[this.next++] as SchemaObject)
  }

  stopped(error: unknown): void {
    this.stop =
      error instanceof StopError
        ? error.reason === 'cancelled'
          ? 'the step was cancelled'
          : 'timeout-seconds ran out'
        : 'the reading stopped'
  }

  finish(): CorrectionSqlFile | undefined {
    return this.sink?.finish(missingOf(this.objects, this.stop))
  }

  private emit(object: SchemaObject): void {
    const sql = object.correctSql
    if (sql === undefined || sql === '') return
    this.sink?.add(object, sql)
    const whole = this.kept < WHOLE_SQL_OBJECTS && this.keptChars < WHOLE_SQL_CHARS
    const room = whole ? LIMITS.sql : SQL_START_CHARS
    this.kept++
    if (sql.length > room) {
      object.correctSql = detachedCopy(sql.slice(0, room))
      object.correctSqlLength = sql.length
    }
    this.keptChars += Math.min(sql.length, room)
  }
}

/** The objects whose SQL was not read; undefined when every one was. */
function missingOf(objects: SchemaObject[], stop: string | undefined): MissingObjects | undefined {
  const missing = objects.filter(o => o.correctSql === undefined)
  if (missing.length === 0 && stop === undefined) return undefined
  const refused = missing.filter(o => o.unreadable !== undefined).length
  const reasons = [
    refused > 0 ? `${refused} could not be read` : '',
    missing.length > refused
      ? `${missing.length - refused} were not read before ${stop ?? 'the reading stopped'}`
      : ''
  ].filter(Boolean)
  return {
    count: missing.length,
    of: objects.length,
    progressIds: missing.slice(0, 20).map(o => o.progressId),
    why: reasons.join(', ') || (stop ?? 'the reading stopped')
  }
}

/** Why one object's result could not be read; a stop (timeout, cancel) is rethrown. */
function unreadable(error: unknown): string {
  if (error instanceof ApiError) {
    return error.requestId ? `${error.message} (requestId ${error.requestId})` : error.message
  }
  throw error
}
