import type { CallResult, NineDataClient } from './ninedata-client.js'
import { count, idText, isRecord, protocolError, text } from './answer-fields.js'
import type { ComparisonKind } from './api-types.js'
import { idProblem } from './precheck-api.js'

// The schema comparison task itself: list the tasks, create one, read one task's details. Strict
// reading, as for the other calls: IDs must be strings, pages must be the page asked for, and an
// answer about another task never counts.

const BASE = '/openapi/v1/compareschema'
export const TASK_PATHS = {
  list: `${BASE}/queryTaskList`,
  create: `${BASE}/create`
} as const

const DETAIL_PATH: Record<ComparisonKind, string> = {
  schema: '/openapi/v1/compareschema/queryTaskById',
  data: '/openapi/v1/comparedata/queryTaskById'
}

/** NineData's largest page of the task list. */
export const TASK_PAGE_SIZE = 100

/** One task of the list, as far as finding it needs. */
export interface ListedTask {
  taskId: string
  taskName: string
  sourceDsId: string
  targetDsId: string
  /** ONETIME or PERIODIC as sent ('' when absent). */
  periodic: string
  createTime: string
}

export interface TaskPage {
  tasks: ListedTask[]
  total: number
  requestId: string
}

export async function listTasksPage(client: NineDataClient, pageNumber: number): Promise<TaskPage> {
  const query = { pageSize: String(TASK_PAGE_SIZE), pageNumber: String(pageNumber) }
  const call = await client.call('GET', TASK_PATHS.list, { query })
  return { ...parseTaskPage(call.data, pageNumber), requestId: call.requestId }
}

export function parseTaskPage(data: unknown, pageNumber: number): Omit<TaskPage, 'requestId'> {
  if (!isRecord(data)) throw protocolError('the task list returned no data object')
  const answeredPage = count(data['pageNumber'], 'data.pageNumber')
  if (answeredPage !== undefined && answeredPage !== pageNumber)
    throw protocolError(`asked for page ${pageNumber} of the task list, got page ${answeredPage}`)
  const total = count(data['total'], 'data.total')
  if (total === undefined) throw protocolError('data.total of the task list is missing')
  const list = data['schemaComparisons']
  if (list === null || list === undefined) return { tasks: [], total }
  if (!Array.isArray(list)) throw protocolError('data.schemaComparisons is not an array')
  if (list.length > TASK_PAGE_SIZE)
    throw protocolError(
      `a page of the task list holds ${list.length} tasks, more than the ${TASK_PAGE_SIZE} asked for`
    )
  return { tasks: list.map(listedTask), total }
}

function listedTask(entry: unknown, index: number): ListedTask {
  const where = `data.schemaComparisons[${index}]`
  if (!isRecord(entry)) throw protocolError(`${where} is not an object`)
  const taskId = idText(entry, 'taskId', where)
  if (taskId === '') throw protocolError(`${where}.taskId is missing`)
  return {
    taskId,
    taskName: text(entry, 'taskName', where),
    sourceDsId: idText(entry, 'sourceDsId', where),
    targetDsId: idText(entry, 'targetDsId', where),
    periodic: text(entry, 'periodic', where),
    createTime: text(entry, 'createTime', where)
  }
}

export interface CreateTask {
  taskName: string
  sourceDsId: string
  targetDsId: string
  objectConfig: Record<string, unknown>
}

export interface CreatedTask {
  taskId: string
  call: CallResult
}

/** Creates a one-time schema comparison task; NineData answers its ID. */
export async function createTask(client: NineDataClient, task: CreateTask): Promise<CreatedTask> {
  const body = { ...task, taskType: 'ONETIME' }
  const call = await client.call('POST', TASK_PATHS.create, { body })
  return { taskId: parseCreated(call.data), call }
}

/** The created task's ID: documented as data.taskId; a bare ID as `data` is read the same way. */
export function parseCreated(answer: unknown): string {
  const data = typeof answer === 'string' ? { taskId: answer } : answer
  if (!isRecord(data)) throw protocolError('the create call returned no data object')
  const taskId = idText(data, 'taskId', 'data')
  const problem = idProblem(taskId)
  if (problem) throw protocolError(`data.taskId of the create call is not a task ID: ${problem}`)
  return taskId
}

/** What Query Schema Comparison Main Task Details says about the task. */
export interface TaskDetail {
  taskId: string
  /** As sent: documented values include success, failed, starting, running. */
  status: string
  isDeleted: boolean
}

export async function getTaskDetail(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string
): Promise<TaskDetail> {
  const call = await client.call('GET', DETAIL_PATH[kind], { query: { taskId } })
  return parseTaskDetail(call.data, kind, taskId)
}

export function parseTaskDetail(data: unknown, kind: ComparisonKind, taskId: string): TaskDetail {
  if (!isRecord(data)) throw protocolError('the task details call returned no data object')
  // Schema answers name the task `taskId`, data answers `id`.
  const answered = idText(data, kind === 'schema' ? 'taskId' : 'id', 'data')
  if (answered !== '' && answered !== taskId)
    throw protocolError(`asked about task ${taskId}, got details of ${answered}`)
  const deleted = data['isDeleted']
  if (deleted !== undefined && deleted !== null && typeof deleted !== 'boolean')
    throw protocolError('data.isDeleted is not true or false')
  return { taskId, status: text(data, 'status', 'data'), isDeleted: deleted === true }
}
