import { authProblem } from './auth.js'
import type { Exchange } from './exchange.js'
import { faultFor, applyFault } from './faults.js'
import { answerNow } from './handlers/clock.js'
import { precheckStatus, startPrecheck } from './handlers/precheck.js'
import { correctionSql, diffDetails, schemaResults, tableSummary } from './handlers/results.js'
import { execStatus, execute, stop } from './handlers/run.js'
import { createTask, listTasks, taskDetail } from './handlers/task.js'
import { envelope } from './reply.js'
import { serverNow } from './state.js'
import type { Comparison, RequestKind } from './types.js'

// Which handler answers which path, and what every request goes through first: the Date header,
// the kind's counter and scripted faults, then the signature check. Paths outside /openapi get a
// web server's HTML 404 page; unknown paths inside it a JSON 404 once signed.

export interface Route {
  /** Matches the path; a first capture group of `schema` or `data` names the comparison. */
  pattern: RegExp
  kind: RequestKind
  /** The method the endpoint takes (undefined: any). */
  method?: 'GET' | 'POST'
  /** Whether the signature headers are checked (every endpoint but the clock). */
  signed: boolean
  handle: (ex: Exchange) => Promise<string>
}

const COMPARE = 'compare(schema|data)'

/** A signed endpoint: `path` is a pattern after /openapi/v1/ (its first group the comparison). */
const api = (
  method: 'GET' | 'POST',
  path: string,
  kind: RequestKind,
  handle: Route['handle']
): Route => ({ pattern: new RegExp(`^/openapi/v1/${path}$`), kind, method, signed: true, handle })

export const ROUTES: Route[] = [
  { pattern: /^\/openapi\/now$/, kind: 'now', signed: false, handle: answerNow },
  api('POST', `${COMPARE}/precheck/start`, 'start', startPrecheck),
  api('GET', `${COMPARE}/precheck/status`, 'status', precheckStatus),
  api('POST', `${COMPARE}/execute`, 'execute', execute),
  api('GET', `${COMPARE}/queryTaskExecInfo`, 'execStatus', execStatus),
  api('POST', `${COMPARE}/stop`, 'stop', stop),
  api('GET', 'compare(schema)/describeSchemaCompareTask', 'results', schemaResults),
  api('GET', 'compare(schema)/result/correctionSql', 'correctionSql', correctionSql),
  api('GET', 'compare(data)/result/tableSummary', 'tableSummary', tableSummary),
  api('GET', 'compare(data)/result/diffDetails', 'diffDetails', diffDetails),
  api('GET', 'compare(schema)/queryTaskList', 'taskList', async ex => listTasks(ex)),
  api('POST', 'compare(schema)/create', 'createTask', async ex => createTask(ex)),
  api('GET', `${COMPARE}/queryTaskById`, 'taskDetail', async ex => taskDetail(ex))
]

export function findRoute(path: string): { route: Route; comparison?: Comparison } | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path)
    if (match) return { route, comparison: (match[1] || undefined) as Comparison | undefined }
  }
  return undefined
}

/** Whether the path is under /openapi, where NineData's API answers (in JSON). */
function isOpenApiPath(path: string): boolean {
  return path === '/openapi' || path.startsWith('/openapi/')
}

/** What a web server in front of NineData answers outside /openapi: an HTML 404 page, unsigned. */
function notFoundPage(ex: Exchange): string {
  const path = ex.path.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  return ex.reply.send(
    404,
    `<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>\n<h1>Not Found</h1>\n` +
      `<p>The requested URL ${path} was not found on this server.</p>\n</body></html>\n`,
    'text/html'
  )
}

/** Counts the request and applies the scenario's fault for it; what was sent, if anything. */
async function countAndFault(ex: Exchange, kind: RequestKind): Promise<string | undefined> {
  const { state } = ex
  const n = ++state.counters[kind]
  if (kind !== 'now') state.firstApiRequestAt ??= state.now()
  const fault = faultFor(state.scenario, kind, n)
  return fault ? applyFault(ex, fault.kind) : undefined
}

/** Answers one request; returns what the request record's `answer` says. */
export async function handle(ex: Exchange, route: Route | undefined): Promise<string> {
  const { state, res } = ex
  if (state.scenario.noDateHeader) res.sendDate = false
  else res.setHeader('date', new Date(serverNow(state)).toUTCString())
  if (route) {
    const faulted = await countAndFault(ex, route.kind)
    if (faulted !== undefined) return faulted
  }
  if (route && !route.signed) return route.handle(ex)
  if (!isOpenApiPath(ex.path)) return notFoundPage(ex)
  const problem = authProblem(ex.req.headers, ex.path, state, serverNow(state))
  if (problem)
    return ex.reply.refuse(problem, state.scenario.authFailure === 'envelope200' ? 200 : 401)
  if (route && (route.method === undefined || route.method === ex.req.method))
    return route.handle(ex)
  return ex.reply.send(
    404,
    envelope(ex.reply.requestId, {
      success: false,
      message: `no such API: ${ex.req.method} ${ex.path}`
    })
  )
}
