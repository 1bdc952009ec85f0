import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { Exchange } from './exchange.js'
import { createReply } from './reply.js'
import type { ComparisonRun } from './run-model.js'
import { findRoute, handle } from './routes.js'
import { DEFAULT_SCENARIO, SCENARIOS } from './scenarios.js'
import { addPrecheck, createState, newId, type SimState } from './state.js'
import type { Comparison, ConsoleTask, RecordedRequest, RequestKind, Scenario } from './types.js'

// A NineData OpenAPI simulator: a real HTTP server on 127.0.0.1 that checks every request's
// signature and timestamp as the docs describe and plays a scripted precheck and comparison run. Independent of the
// action's code on purpose: it re-derives the signing rules from the docs. This module starts and
// stops the server; routes.ts says which handler answers what, state.ts holds what it remembers.

export { comparisonOfTask, DEFAULT_TASKS } from './tasks.js'
export { precheckAnswer } from './precheck-model.js'
export type { ComparisonRun } from './run-model.js'
export type { PrecheckRun } from './state.js'
export type { ConsoleTask, RecordedRequest } from './types.js'

export const DEMO_ACCESS_KEY_ID = 'demo-key'
export const DEMO_ACCESS_KEY_SECRET = 'demo-secret'

export interface SimulatorOptions {
  scenario?: string | Scenario
  accessKeyId?: string
  accessKeySecret?: string
  port?: number
  host?: string
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string }
  /** Task IDs the simulator knows besides DEFAULT_TASKS and the scenario's (others: "task not found"). */
  tasks?: string[]
  /**
   * The clock the scenario's prechecks and runs progress on (default Date.now): tests pass a fake
   * clock's, so a scripted 2 s run takes 2 s of fake time. Signatures and Date headers stay real.
   */
  now?: () => number
}

export interface Simulator {
  url: string
  port: number
  scenario: Scenario
  requests: RecordedRequest[]
  /** Requests per endpoint kind, over both comparisons, or of one comparison only. */
  count(kind: RequestKind, comparison?: Comparison): number
  /** Adds a precheck that already exists (for precheck-task-id runs; its task becomes known); returns its ID. */
  addPrecheck(taskId: string, startedMsAgo?: number): string
  /** Makes a task ID known (NineData would find it). */
  addTask(taskId: string): void
  /** The task IDs the simulator knows now. */
  tasks: ReadonlySet<string>
  /** The console's schema comparison tasks, oldest first; a test may add its own. */
  consoleTasks: ConsoleTask[]
  /** The comparison runs started so far, oldest first (stoppedAt set when a stop reached one). */
  runs: readonly ComparisonRun[]
  close(): Promise<void>
}

function findScenario(scenario: SimulatorOptions['scenario']): Scenario {
  const found = typeof scenario === 'object' ? scenario : SCENARIOS[scenario ?? DEFAULT_SCENARIO]
  if (!found)
    throw new Error(
      `unknown scenario "${String(scenario)}"; known: ${Object.keys(SCENARIOS).join(', ')}`
    )
  return found
}

/** Records each request once its body has arrived, then answers it. */
function listenerFor(state: SimState) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://simulator')
      const found = findRoute(url.pathname)
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        atMs: Date.now() - state.bootedAt,
        answer: '',
        kind: found?.route.kind,
        comparison: found?.comparison
      }
      state.requests.push(record)
      const ex: Exchange = {
        state,
        req,
        res,
        path: url.pathname,
        query: url.searchParams,
        body,
        record,
        reply: createReply(res, newId('sim-', 12)),
        kind: found?.route.kind,
        comparison: found?.comparison
      }
      handle(ex, found?.route).then(
        answer => (record.answer = answer),
        error => {
          record.answer = 'error'
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
          res.end(String(error))
        }
      )
    })
  }
}

async function listen(server: Server, options: SimulatorOptions): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  return (server.address() as AddressInfo).port
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const scenario = findScenario(options.scenario)
  const state = createState(
    scenario,
    {
      accessKeyId: options.accessKeyId ?? DEMO_ACCESS_KEY_ID,
      secret: options.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET
    },
    options.tasks,
    options.now
  )
  const listener = listenerFor(state)
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener)
  server.keepAliveTimeout = 5000
  const sockets = new Set<Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const port = await listen(server, options)
  const host = options.host ?? '127.0.0.1'
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    scenario,
    requests: state.requests,
    count: (kind, comparison) =>
      comparison === undefined
        ? state.counters[kind]
        : state.requests.filter(r => r.kind === kind && r.comparison === comparison).length,
    addPrecheck: (taskId, startedMsAgo) => addPrecheck(state, taskId, startedMsAgo),
    addTask: taskId => void state.tasks.add(taskId),
    tasks: state.tasks,
    runs: state.runs,
    consoleTasks: state.consoleTasks,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
