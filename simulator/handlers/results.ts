import type { Exchange } from '../exchange.js'
import { diffDetailsPage, schemaResultsPage, tableSummaryPage } from '../run-model.js'
import { idParam, paging, taskRefusal } from './common.js'
import { answerRun, findRun, scriptOf, type Outcome } from './run-common.js'

// A finished run's results: GET compareschema/describeSchemaCompareTask (objects, a page at a time),
// GET compareschema/result/correctionSql (one object's SQL), GET comparedata/result/tableSummary
// (tables, a page at a time), GET comparedata/result/diffDetails (one table's differing records).
// Served whatever the run's status: the docs do not say otherwise.

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

export async function schemaResults(ex: Exchange): Promise<string> {
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

export async function correctionSql(ex: Exchange): Promise<string> {
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

export async function tableSummary(ex: Exchange): Promise<string> {
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

export async function diffDetails(ex: Exchange): Promise<string> {
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
