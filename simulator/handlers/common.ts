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
  if (taskBusy(ex.state, taskId, Date.now())) {
    ex.record.busy = true
    return 'task status invalid'
  }
  return undefined
}
