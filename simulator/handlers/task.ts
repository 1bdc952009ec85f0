import type { Exchange } from '../exchange.js'
import { runActive } from '../run-model.js'
import { newId, taskBusy } from '../state.js'
import { consoleTime } from '../tasks.js'
import type { ConsoleTask } from '../types.js'
import { paging, readJsonBody, taskRefusal } from './common.js'

// The comparison task itself: List Schema Comparison Tasks (pages, newest first, no name filter),
// Create Schema Comparison Task, and Query Main Task Details of either comparison.

export function listTasks(ex: Exchange): string {
  const { state } = ex
  if (state.scenario.listError) return ex.reply.refuse(state.scenario.listError)
  const page = paging(ex.query)
  if ('refusal' in page) return ex.reply.refuse(page.refusal)
  const asked = ex.query.get('taskId')
  const newestFirst = [...state.consoleTasks].reverse()
  const matching = asked ? newestFirst.filter(t => t.taskId === asked) : newestFirst
  const from = (page.pageNumber - 1) * page.pageSize
  return ex.reply.ok({
    pageNumber: page.pageNumber,
    pageSize: page.pageSize,
    total: matching.length,
    schemaComparisons: matching.slice(from, from + page.pageSize).map(listed)
  })
}

function listed(task: ConsoleTask): Record<string, unknown> {
  return {
    taskId: task.taskId,
    taskName: task.taskName,
    status: 'notStarted',
    periodic: task.periodic,
    lastExecId: null,
    createTime: task.createTime,
    sourceDsId: task.sourceDsId,
    sourceDsName: `${task.sourceDsId}-name`,
    sourceDsType: 'mysql',
    targetDsId: task.targetDsId,
    targetDsName: `${task.targetDsId}-name`,
    targetDsType: 'mysql'
  }
}

const DATASOURCE = /^ds-[A-Za-z0-9_-]+$/

/** Why NineData would refuse this create body (as far as the docs say what it takes). */
function createRefusal(fields: Record<string, unknown>): string | undefined {
  const { taskName, sourceDsId, targetDsId, objectConfig, taskType } = fields
  if (typeof taskName !== 'string' || taskName.trim() === '') return 'taskName is required'
  if ([...taskName].length > 64) return 'taskName is too long'
  for (const [name, id] of [
    ['sourceDsId', sourceDsId],
    ['targetDsId', targetDsId]
  ] as const)
    if (typeof id !== 'string' || !DATASOURCE.test(id)) return `${name} is invalid`
  if (objectConfig === null || typeof objectConfig !== 'object') return 'objectConfig is required'
  if (taskType !== undefined && taskType !== 'ONETIME' && taskType !== 'PERIODIC')
    return 'taskType is invalid'
  return undefined
}

export function createTask(ex: Exchange): string {
  const { state } = ex
  const read = readJsonBody(ex)
  if ('refusal' in read) return ex.reply.refuse(read.refusal)
  const refusal = state.scenario.createError ?? createRefusal(read.fields)
  if (refusal) return ex.reply.refuse(refusal)
  const { taskName, sourceDsId, targetDsId, objectConfig, taskType } = read.fields
  const task: ConsoleTask = {
    taskId: newId('cc-', 5),
    taskName: taskName as string,
    sourceDsId: sourceDsId as string,
    targetDsId: targetDsId as string,
    periodic: taskType === 'PERIODIC' ? 'PERIODIC' : 'ONETIME',
    createTime: consoleTime(state.now()),
    objectConfig
  }
  state.consoleTasks.push(task)
  state.tasks.add(task.taskId)
  return ex.reply.ok({ taskId: task.taskId })
}

export function taskDetail(ex: Exchange): string {
  const { state } = ex
  const taskId = ex.query.get('taskId') ?? ''
  const refusal = taskRefusal(ex, taskId)
  if (refusal) return ex.reply.refuse(refusal)
  const now = state.now()
  const runs = state.runs.filter(run => run.taskId === taskId)
  const last = runs.at(-1)
  const status = !taskBusy(state, taskId, now)
    ? last
      ? 'success'
      : 'notStarted'
    : runHolds(ex, taskId, now)
      ? 'running'
      : 'prechecking'
  const name = state.consoleTasks.find(t => t.taskId === taskId)?.taskName ?? taskId
  const common = { lastExecId: last?.execId ?? null, status, name, isDeleted: false, errMsg: '' }
  return ex.reply.ok(ex.comparison === 'data' ? { id: taskId, ...common } : { taskId, ...common })
}

/** Whether what holds the task is a comparison run (else a precheck: a started or an outside one). */
function runHolds(ex: Exchange, taskId: string, now: number): boolean {
  const script = ex.state.scenario.run ?? {}
  return ex.state.runs.some(r => r.taskId === taskId && r.holdsTask && runActive(script, r, now))
}
