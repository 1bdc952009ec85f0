import type { Exchange } from '../exchange.js'
import { diffDetailsPage, schemaResultsPage, tableSummaryPage } from '../run-model.js'
import { idParam, paging, taskRefusal } from './common.js'
import type { RunScript } from '../types.js'
import { answerRun, findRun, scriptOf, type Outcome } from './run-common.js'

// A finished run's results: GET compareschema/describeSchemaCompareTask (objects, a page at a time),
// GET compareschema/result/correctionSql (one object's SQL), GET comparedata/result/tableSummary
// (tables, a page at a time), GET comparedata/result/diffDetails (one table's differing records).
// Served whatever the run's status: the docs do not say otherwise. The run script may add latency to
// these answers, or throttle them (429 while too many are in flight), as a NineData across a network
// or behind a rate limit would.

/** Result calls in flight, per simulator. */
const inFlight = new WeakMap<object, number>()

/** Answers a result call with the script's latency, or 429 when the script throttles and it is one too many. */
async function paced(ex: Exchange, answer: () => Promise<string>): Promise<string> {
  const script = scriptOf(ex)
  const now = (inFlight.get(ex.state) ?? 0) + 1
  inFlight.set(ex.state, now)
  ex.record.inFlight = now
  try {
    if (script.throttleAbove !== undefined && now > script.throttleAbove)
      return throttled(ex, script)
    if (script.resultLatencyMs)
      await new Promise(resolve => setTimeout(resolve, script.resultLatencyMs))
    return await answer()
  } finally {
    inFlight.set(ex.state, (inFlight.get(ex.state) ?? 1) - 1)
  }
}

function throttled(ex: Exchange, script: RunScript): string {
  const after = script.throttleRetryAfterSeconds
  return ex.reply.raw({
    status: 429,
    body: JSON.stringify({ success: false, message: 'Too Many Requests' }),
    headers: after === undefined ? {} : { 'retry-after': String(after) }
  })
}

/** The task and run the query names, or the refusal (task first, as NineData checks it). */
function askedRun(ex: Exchange) {
  const taskId = ex.query.get('taskId') ?? ''
  const taskProblem = taskRefusal(ex, taskId)
  const id = idParam(ex.query, 'execId', 'exec not found')
  const execId = 'id' in id ? id.id : undefined
  const run = execId === undefined ? undefined : findRun(ex, execId, taskId)
  const refusal = 'refusal' in id ? id.refusal : run ? undefined : 'exec not found'
  return { taskId, execId, run, taskProblem, refusal }
}

export function schemaResults(ex: Exchange): Promise<string> {
  return paced(ex, () => schemaResultsAnswer(ex))
}

async function schemaResultsAnswer(ex: Exchange): Promise<string> {
  const { taskId, execId, run, taskProblem, refusal } = askedRun(ex)
  if (taskProblem) return ex.reply.refuse(taskProblem)
  const pages = paging(ex.query)
  const outcome: Outcome =
    refusal || !run
      ? { refusal: refusal ?? 'exec not found' }
      : 'refusal' in pages
        ? pages
        : { data: schemaResultsPage(run, pages.pageSize, pages.pageNumber) }
  return answerRun(ex, ex.state.scenario.resultsAnswer, { taskId, execId }, outcome)
}

export function correctionSql(ex: Exchange): Promise<string> {
  return paced(ex, () => correctionSqlAnswer(ex))
}

async function correctionSqlAnswer(ex: Exchange): Promise<string> {
  const { taskId, execId, run, taskProblem, refusal } = askedRun(ex)
  if (taskProblem) return ex.reply.refuse(taskProblem)
  const progress = idParam(ex.query, 'progressId', 'progressId does not belong to execId')
  const progressId = 'id' in progress ? progress.id : undefined
  const object = run?.objects.find(o => o.progressId === progressId)
  const outcome: Outcome =
    refusal || !run
      ? { refusal: refusal ?? 'exec not found' }
      : 'refusal' in progress
        ? progress
        : object
          ? { data: { correctSql: object.correctSql } }
          : { refusal: 'progressId does not belong to execId' }
  const asked = { taskId, execId, ...(progressId !== undefined ? { progressId } : {}) }
  return answerRun(ex, ex.state.scenario.correctionSqlAnswer, asked, outcome)
}

export function tableSummary(ex: Exchange): Promise<string> {
  return paced(ex, () => tableSummaryAnswer(ex))
}

async function tableSummaryAnswer(ex: Exchange): Promise<string> {
  const { taskId, execId, run, taskProblem, refusal } = askedRun(ex)
  if (taskProblem) return ex.reply.refuse(taskProblem)
  const pages = paging(ex.query)
  const filter = {
    schemaName: ex.query.get('schemaName') ?? undefined,
    tableNameLike: ex.query.get('tableNameLike') ?? undefined
  }
  const outcome: Outcome =
    refusal || !run
      ? { refusal: refusal ?? 'exec not found' }
      : 'refusal' in pages
        ? pages
        : { data: tableSummaryPage(scriptOf(ex), run, filter, pages) }
  return answerRun(ex, ex.state.scenario.tableSummaryAnswer, { taskId, execId }, outcome)
}

export function diffDetails(ex: Exchange): Promise<string> {
  return paced(ex, () => diffDetailsAnswer(ex))
}

async function diffDetailsAnswer(ex: Exchange): Promise<string> {
  const { taskId, execId, run, taskProblem, refusal } = askedRun(ex)
  if (taskProblem) return ex.reply.refuse(taskProblem)
  const pages = paging(ex.query)
  const progress = idParam(ex.query, 'progressId', 'progressId does not belong to execId')
  const progressId = 'id' in progress ? progress.id : undefined
  const table = run?.tables.find(t => t.progressId === progressId)
  const filter = ex.query.get('filter') ?? undefined
  const outcome: Outcome =
    refusal || !run
      ? { refusal: refusal ?? 'exec not found' }
      : 'refusal' in progress
        ? progress
        : 'refusal' in pages
          ? pages
          : table
            ? { data: diffDetailsPage(table, filter, pages) }
            : { refusal: 'progressId does not belong to execId' }
  const asked = { taskId, execId, ...(progressId !== undefined ? { progressId } : {}) }
  return answerRun(ex, ex.state.scenario.diffDetailsAnswer, asked, outcome)
}
