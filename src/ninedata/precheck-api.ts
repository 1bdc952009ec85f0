import type { CallResult, NineDataClient } from './ninedata-client.js'
import { idText, isRecord, protocolError, text } from './answer-fields.js'
import type { ComparisonKind, PrecheckItem, PrecheckState, StartedPrecheck } from './api-types.js'

// The two precheck calls of a comparison task (schema or data: same calls, same shapes), and strict
// reading of their answers. Reading never changes a character of server text.

const BASE: Record<ComparisonKind, string> = {
  schema: '/openapi/v1/compareschema/precheck',
  data: '/openapi/v1/comparedata/precheck'
}

function precheckPaths(kind: ComparisonKind): { start: string; status: string } {
  return { start: `${BASE[kind]}/start`, status: `${BASE[kind]}/status` }
}

/** Longest precheck ID followed; NineData's look like `pcte-` and a few dozen characters. */
const MAX_ID_LENGTH = 128
// Whitespace, controls, and invisible format characters: never part of an ID to follow.
const ID_PROBLEM = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** Why `id` cannot be an ID to follow, or undefined when it can. */
export function idProblem(id: string): string | undefined {
  if (id === '') return 'it is empty'
  if (id.length > MAX_ID_LENGTH)
    return `it is ${id.length} characters long (at most ${MAX_ID_LENGTH})`
  if (ID_PROBLEM.test(id)) return 'it contains whitespace, control or invisible characters'
  return undefined
}

export interface Started extends StartedPrecheck {
  call: CallResult
}

export async function startPrecheck(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string
): Promise<Started> {
  const call = await client.call('POST', precheckPaths(kind).start, { body: { taskId } })
  return { ...parseStarted(call.data, taskId), call }
}

export async function getPrecheckStatus(
  client: NineDataClient,
  kind: ComparisonKind,
  taskId: string,
  precheckTaskId: string
): Promise<PrecheckState> {
  const call = await client.call('GET', precheckPaths(kind).status, {
    query: { taskId, precheckTaskId }
  })
  return parseStatus(call.data, taskId, precheckTaskId)
}

function parseStarted(data: unknown, taskId: string): StartedPrecheck {
  // Tolerated: a bare precheck ID as `data`, checked like the documented field.
  if (typeof data === 'string') data = { precheckTaskId: data }
  if (!isRecord(data)) throw protocolError('the start call returned no data object')
  const answeredTask = idText(data, 'taskId', 'data')
  if (answeredTask !== '' && answeredTask !== taskId) {
    throw protocolError(
      `asked to start a precheck of task ${taskId}, got an answer about task ${answeredTask}`
    )
  }
  const precheckTaskId = idText(data, 'precheckTaskId', 'data')
  const problem = idProblem(precheckTaskId)
  if (problem)
    throw protocolError(`data.precheckTaskId of the start call is not an ID to follow: ${problem}`)
  return { taskId, precheckTaskId }
}

function parseStatus(data: unknown, taskId: string, precheckTaskId: string): PrecheckState {
  if (!isRecord(data)) throw protocolError('the status call returned no data object')
  const status = text(data, 'status', 'data')
  if (status.trim() === '') throw protocolError('data.status is missing')
  const answeredTask = idText(data, 'taskId', 'data')
  const answeredPrecheck = idText(data, 'precheckTaskId', 'data')
  // An answer about another precheck must never decide this one.
  if (answeredPrecheck !== '' && answeredPrecheck !== precheckTaskId) {
    throw protocolError(
      `asked about precheck ${precheckTaskId}, got an answer about ${answeredPrecheck}`
    )
  }
  if (answeredTask !== '' && answeredTask !== taskId) {
    throw protocolError(`asked about task ${taskId}, got an answer about ${answeredTask}`)
  }
  const rawItems = data['precheckItems']
  if (rawItems !== undefined && rawItems !== null && !Array.isArray(rawItems)) {
    throw protocolError('data.precheckItems is not an array')
  }
  const precheckItems = ((rawItems as unknown[] | null | undefined) ?? []).map(
    (item, index): PrecheckItem => {
      const where = `data.precheckItems[${index}]`
      if (!isRecord(item)) throw protocolError(`${where} is not an object`)
      return {
        precheckItem: text(item, 'precheckItem', where),
        itemName: text(item, 'itemName', where),
        itemDescription: text(item, 'itemDescription', where),
        status: text(item, 'status', where),
        errorMessage: text(item, 'errorMessage', where),
        raw: item
      }
    }
  )
  const itemsMissing = rawItems === undefined || rawItems === null
  return {
    taskId,
    precheckTaskId,
    status,
    precheckItems,
    ...(itemsMissing ? { itemsMissing } : {})
  }
}
