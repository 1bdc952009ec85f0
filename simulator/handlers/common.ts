import type { Exchange } from '../exchange.js'
import { taskBusy } from '../state.js'
import { comparisonOfTask } from '../tasks.js'

// Checks every API family makes the same way: the JSON body of a POST, whether a task ID may be
// used on this path, and whether a task may start something now.

export type BodyRead = { fields: Record<string, unknown> } | { refusal: string }

/** A POST's JSON body as an object (anything but an object reads as `{}`), or why it is refused. */
export function readJsonBody(ex: Exchange): BodyRead {
  let parsed: unknown
  try {
    parsed = JSON.parse(ex.body)
  } catch {
    return { refusal: 'request body is not JSON' }
  }
  if (!String(ex.req.headers['content-type'] ?? '').startsWith('application/json'))
    return { refusal: 'Content-Type must be application/json' }
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
  return { fields: isObject ? (parsed as Record<string, unknown>) : {} }
}

/** The body's `taskId`, or why the request is refused (body unreadable, or no task ID). */
export function bodyTaskId(ex: Exchange): { taskId: string } | { refusal: string } {
  const read = readJsonBody(ex)
  if ('refusal' in read) return read
  const taskId = read.fields['taskId']
  return typeof taskId === 'string' && taskId ? { taskId } : { refusal: 'taskId is required' }
}

/**
 * Why NineData would refuse `taskId` on this path, or undefined when it may be used: a task the
 * simulator does not know, or one of the other comparison, is "task not found".
 */
export function taskRefusal(ex: Exchange, taskId: string): string | undefined {
  const own = comparisonOfTask(taskId)
  if (ex.comparison !== undefined && own !== undefined && own !== ex.comparison) {
    ex.record.wrongKind = true
    return 'task not found'
  }
  if (!ex.state.tasks.has(taskId)) {
    ex.record.unknownTask = true
    return 'task not found'
  }
  return undefined
}

/** As taskRefusal, and "task status invalid" while a precheck or run of the task is under way. */
export function startRefusal(ex: Exchange, taskId: string): string | undefined {
  const refusal = taskRefusal(ex, taskId)
  if (refusal) return refusal
  if (taskBusy(ex.state, taskId, ex.state.now())) {
    ex.record.busy = true
    return 'task status invalid'
  }
  return undefined
}

/** A query parameter that must be a whole number: absent, malformed or in range. */
export function intParam(
  query: URLSearchParams,
  name: string
): { value: number } | { missing: true } | { malformed: true } {
  const text = query.get(name)
  if (text === null || text === '') return { missing: true }
  return /^\d{1,15}$/.test(text) ? { value: Number(text) } : { malformed: true }
}

/** `execId` or `progressId` from the query, or why NineData would refuse it. */
export function idParam(
  query: URLSearchParams,
  name: 'execId' | 'progressId',
  notFound: string
): { id: number } | { refusal: string } {
  const read = intParam(query, name)
  if ('value' in read) return { id: read.value }
  return { refusal: 'missing' in read ? `${name} is required` : notFound }
}

/** pageSize (default 30, at most 100) and pageNumber (default 1), or the refusal. */
export function paging(
  query: URLSearchParams
): { pageSize: number; pageNumber: number } | { refusal: string } {
  const size = intParam(query, 'pageSize')
  const number = intParam(query, 'pageNumber')
  const pageSize = 'value' in size ? size.value : 'missing' in size ? 30 : 0
  const pageNumber = 'value' in number ? number.value : 'missing' in number ? 1 : 0
  if (pageSize < 1 || pageSize > 100) return { refusal: 'invalid pageSize' }
  if (pageNumber < 1) return { refusal: 'invalid pageNumber' }
  return { pageSize, pageNumber }
}
