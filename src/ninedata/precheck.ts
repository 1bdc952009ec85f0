import type { NineDataClient } from './client.js'
import { ApiError } from './errors.js'
import type { ApiAnswer, PrecheckItem, PrecheckState, StartedPrecheck } from './types.js'

// The two calls of the schema-comparison precheck, and strict reading of their answers.

export const START_PATH = '/openapi/v1/compareschema/precheck/start'
export const STATUS_PATH = '/openapi/v1/compareschema/precheck/status'

export async function startPrecheck(
  client: NineDataClient,
  taskId: string
): Promise<ApiAnswer<StartedPrecheck>> {
  const answer = await client.call('POST', START_PATH, { body: { taskId } })
  return { ...answer, data: parseStarted(answer.data, taskId) }
}

export async function getPrecheckStatus(
  client: NineDataClient,
  taskId: string,
  precheckTaskId: string
): Promise<ApiAnswer<PrecheckState>> {
  const answer = await client.call('GET', STATUS_PATH, { query: { taskId, precheckTaskId } })
  return { ...answer, data: parseStatus(answer.data, taskId, precheckTaskId) }
}

function protocolError(what: string): ApiError {
  return new ApiError('protocol', `NineData's answer does not have the documented shape: ${what}`)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A string field, or '' when absent/null; anything else is a shape error. */
function text(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key]
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw protocolError(
    `${where}.${key} is ${Array.isArray(value) ? 'an array' : typeof value}, not a string`
  )
}

export function parseStarted(data: unknown, taskId: string): StartedPrecheck {
  // Tolerate a bare precheck ID string as `data`; otherwise the documented object.
  if (typeof data === 'string' && data.trim()) return { taskId, precheckTaskId: data.trim() }
  if (!isRecord(data)) throw protocolError('the start call returned no data object')
  const precheckTaskId = text(data, 'precheckTaskId', 'data').trim()
  if (!precheckTaskId) throw protocolError('the start call returned no data.precheckTaskId')
  return { taskId: text(data, 'taskId', 'data') || taskId, precheckTaskId }
}

export function parseStatus(data: unknown, taskId: string, precheckTaskId: string): PrecheckState {
  if (!isRecord(data)) throw protocolError('the status call returned no data object')
  const status = text(data, 'status', 'data').trim()
  if (!status) throw protocolError('data.status is missing')
  const answeredTask = text(data, 'taskId', 'data')
  const answeredPrecheck = text(data, 'precheckTaskId', 'data')
  // An answer about another precheck must never decide this one.
  if (answeredPrecheck && answeredPrecheck !== precheckTaskId) {
    throw protocolError(
      `asked about precheck ${precheckTaskId}, got an answer about ${answeredPrecheck}`
    )
  }
  if (answeredTask && answeredTask !== taskId) {
    throw protocolError(`asked about task ${taskId}, got an answer about ${answeredTask}`)
  }
  const rawItems = data['precheckItems']
  if (rawItems !== undefined && rawItems !== null && !Array.isArray(rawItems)) {
    throw protocolError('data.precheckItems is not an array')
  }
  const precheckItems = (rawItems ?? []).map((item: unknown, index: number): PrecheckItem => {
    const where = `data.precheckItems[${index}]`
    if (!isRecord(item)) throw protocolError(`${where} is not an object`)
    return {
      precheckItem: text(item, 'precheckItem', where),
      itemName: text(item, 'itemName', where),
      itemDescription: text(item, 'itemDescription', where),
      status: text(item, 'status', where).trim(),
      errorMessage: text(item, 'errorMessage', where),
      raw: item
    }
  })
  return {
    taskId: answeredTask || taskId,
    precheckTaskId: answeredPrecheck || precheckTaskId,
    status,
    precheckItems
  }
}
