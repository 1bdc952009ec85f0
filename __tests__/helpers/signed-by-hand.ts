import { createHash } from 'node:crypto'
import type { Simulator } from '../../simulator/server.js'

// Talking to the simulator by hand in its own tests: plain fetch, and signatures computed here
// from the documented recipe (not with the simulator's code), so a wrong recipe cannot agree with
// itself.

export const KEY_ID = 'demo-key'
export const SECRET = 'demo-secret'

/** NineData's timestamp format: UTC to the second, `Z`. */
export function timestampOf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function signedHeaders(
  path: string,
  options: { secret?: string; keyId?: string; at?: Date } = {}
): Record<string, string> {
  const timestamp = timestampOf(options.at ?? new Date())
  return {
    'access-key-id': options.keyId ?? KEY_ID,
    timestamp,
    signature: createHash('sha256')
      .update(`${path}/${options.secret ?? SECRET}&${timestamp}`)
      .digest('hex'),
    'content-type': 'application/json'
  }
}

export interface Answer {
  http: number
  contentType: string
  text: string
  /** The body as JSON (undefined when it is not JSON). */
  json: Record<string, unknown> | undefined
}

export interface CallOptions {
  query?: Record<string, string | number>
  body?: unknown
  /** Headers to send instead of a valid signature. */
  headers?: Record<string, string>
}

/** One request to the simulator, signed on its clock (as a client that corrects its offset), unless `headers` are given. */
export async function call(
  sim: Simulator,
  method: 'GET' | 'POST',
  path: string,
  options: CallOptions = {}
): Promise<Answer> {
  const query = new URLSearchParams(
    Object.entries(options.query ?? {}).map(([k, v]): [string, string] => [k, String(v)])
  ).toString()
  const res = await fetch(`${sim.url}${path}${query ? `?${query}` : ''}`, {
    method,
    headers:
      options.headers ??
      signedHeaders(path, { at: new Date(Date.now() + (sim.scenario.clockSkewMs ?? 0)) }),
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {})
  })
  const text = await res.text()
  let json: Record<string, unknown> | undefined
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = undefined
  }
  return { http: res.status, contentType: res.headers.get('content-type') ?? '', text, json }
}

export type Kind = 'schema' | 'data'
const base = (kind: Kind): string => `/openapi/v1/compare${kind}`

export const startPrecheck = (sim: Simulator, kind: Kind, taskId: string) =>
  call(sim, 'POST', `${base(kind)}/precheck/start`, { body: { taskId } })

export const precheckStatus = (
  sim: Simulator,
  kind: Kind,
  taskId: string,
  precheckTaskId: string
) => call(sim, 'GET', `${base(kind)}/precheck/status`, { query: { taskId, precheckTaskId } })

/** `data` of a successful answer (fails the test with the answer when it was not one). */
export function dataOf(answer: Answer): unknown {
  if (answer.json?.['success'] !== true) throw new Error(`not a success: ${answer.text}`)
  return answer.json['data']
}

/** The comparison run's calls, by the documented paths. */
export const run = {
  execute: (sim: Simulator, kind: Kind, body: Record<string, unknown>) =>
    call(sim, 'POST', `${base(kind)}/execute`, { body }),
  status: (sim: Simulator, kind: Kind, query: Record<string, string | number>) =>
    call(sim, 'GET', `${base(kind)}/queryTaskExecInfo`, { query }),
  stop: (sim: Simulator, kind: Kind, taskId: string) =>
    call(sim, 'POST', `${base(kind)}/stop`, { body: { taskId } }),
  results: (sim: Simulator, query: Record<string, string | number>) =>
    call(sim, 'GET', '/openapi/v1/compareschema/describeSchemaCompareTask', { query }),
  correctionSql: (sim: Simulator, query: Record<string, string | number>) =>
    call(sim, 'GET', '/openapi/v1/compareschema/result/correctionSql', { query }),
  tableSummary: (sim: Simulator, query: Record<string, string | number>) =>
    call(sim, 'GET', '/openapi/v1/comparedata/result/tableSummary', { query })
}
