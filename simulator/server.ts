import { createHash, randomBytes } from 'node:crypto'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import {
  DEFAULT_SCENARIO,
  SCENARIOS,
  type AnswerContext,
  type AnswerHook,
  type Comparison,
  type Fault,
  type FaultKind,
  type HookAnswer,
  type Scenario,
  type SimItem,
  type StatusData
} from './scenarios.js'

// A NineData OpenAPI simulator: a real HTTP server on 127.0.0.1 that checks every request's
// signature and timestamp as the docs describe and plays a scripted precheck. Independent of the
// action's code on purpose: it re-derives the signing rules from the docs.

export const DEMO_ACCESS_KEY_ID = 'demo-key'
export const DEMO_ACCESS_KEY_SECRET = 'demo-secret'
/** NineData refuses timestamps more than this far from its clock. */
const MAX_CLOCK_DIFFERENCE_MS = 10 * 60 * 1000
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

export interface SimulatorOptions {
  scenario?: string | Scenario
  accessKeyId?: string
  accessKeySecret?: string
  port?: number
  host?: string
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string }
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  body: string
  /** When it arrived, ms since the simulator started. */
  atMs: number
  /** HTTP status answered, or the fault applied. */
  answer: string
  /** Which endpoint kind the path is (undefined: not a precheck or clock endpoint). */
  kind?: 'start' | 'status' | 'now'
  /** Which comparison's precheck endpoint the path is (compareschema or comparedata). */
  comparison?: Comparison
  /** Set when the request was refused because its task ID belongs to the other comparison. */
  wrongKind?: boolean
  /** Set when a scenario hook (startAnswer/statusAnswer) made the answer. */
  hooked?: boolean
}

/** The comparison a task ID belongs to: cc- schema, cd- data, anything else unknown (served by both). */
export function comparisonOfTask(taskId: string): Comparison | undefined {
  if (taskId.startsWith('cc-')) return 'schema'
  if (taskId.startsWith('cd-')) return 'data'
  return undefined
}

const PRECHECK_PATH = /\/openapi\/v1\/compare(schema|data)\/precheck\/(start|status)$/

interface PrecheckRun {
  taskId: string
  startedAt: number
  items: SimItem[]
}

export interface Simulator {
  url: string
  port: number
  scenario: Scenario
  requests: RecordedRequest[]
  /** Requests per endpoint kind, over both comparisons, or of one comparison only. */
  count(kind: 'start' | 'status' | 'now', comparison?: Comparison): number
  /** Adds a precheck that already exists (for precheck-task-id runs); returns its ID. */
  addPrecheck(taskId: string, startedMsAgo?: number): string
  close(): Promise<void>
}

function envelope(
  requestId: string,
  fields: { success: boolean; message?: string; data?: unknown }
): string {
  return JSON.stringify({
    success: fields.success,
    requestId,
    ...(fields.message ? { message: fields.message } : {}),
    ...(fields.data !== undefined ? { data: fields.data } : {})
  })
}

function itemStatus(item: SimItem, elapsed: number): string {
  if (elapsed < (item.startAfterMs ?? 0)) return 'Unstarted'
  if (elapsed < item.doneAfterMs) return 'Running'
  return item.finalStatus
}

export function precheckAnswer(
  scenario: Scenario,
  run: PrecheckRun,
  precheckTaskId: string,
  now: number
): unknown {
  const elapsed = now - run.startedAt
  const precheckItems = run.items.map(item => {
    const status = itemStatus(item, elapsed)
    return {
      precheckItem: item.precheckItem,
      itemName: item.itemName,
      itemDescription: item.itemDescription,
      status,
      ...(status === item.finalStatus && item.errorMessage
        ? { errorMessage: item.errorMessage }
        : {})
    }
  })
  let status: string
  if (scenario.stuckStatus) {
    status = scenario.stuckStatus
  } else {
    const doneAt = scenario.durationMs ?? Math.max(0, ...run.items.map(i => i.doneAfterMs))
    if (elapsed < doneAt) status = elapsed < 100 ? 'Unstarted' : 'Running'
    else
      status =
        scenario.finalStatus ??
        (run.items.some(i => i.finalStatus.toLowerCase() === 'failed') ? 'Failed' : 'Success')
  }
  return { taskId: run.taskId, precheckTaskId, status, precheckItems }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const found =
    typeof options.scenario === 'object'
      ? options.scenario
      : SCENARIOS[options.scenario ?? DEFAULT_SCENARIO]
  if (!found)
    throw new Error(
      `unknown scenario "${String(options.scenario)}"; known: ${Object.keys(SCENARIOS).join(', ')}`
    )
  // A name of its own so the closures below see it narrowed (noUncheckedIndexedAccess).
  const scenario: Scenario = found
  const accessKeyId = options.accessKeyId ?? DEMO_ACCESS_KEY_ID
  const secret = options.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET
  const bootedAt = Date.now()
  const serverNow = (): number => Date.now() + (scenario.clockSkewMs ?? 0)
  const prechecks = new Map<string, PrecheckRun>()
  const requests: RecordedRequest[] = []
  const counters = { start: 0, status: 0, now: 0 }
  let firstPrecheckRequestAt: number | undefined
  const sockets = new Set<Socket>()
  const newId = (prefix: string, bytes = 6): string =>
    `${prefix}${randomBytes(bytes).toString('hex')}`

  const addPrecheck = (taskId: string, startedMsAgo = 0): string => {
    const id = newId('pcte-')
    prechecks.set(id, {
      taskId,
      startedAt: Date.now() - startedMsAgo,
      items: scenario.items(secret)
    })
    return id
  }

  function faultFor(kind: 'start' | 'status' | 'now', n: number): Fault | undefined {
    return scenario.faults?.find(
      f =>
        (f.on === kind || f.on === 'any') &&
        n >= (f.from ?? 1) &&
        n < (f.from ?? 1) + (f.times ?? 1)
    )
  }

  /** null when the request is properly signed; otherwise why not. */
  function authProblem(req: IncomingMessage, path: string): string | null {
    const key = req.headers['access-key-id']
    const timestamp = req.headers['timestamp']
    const signature = req.headers['signature']
    if (typeof key !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
      return 'missing access-key-id, timestamp or signature header'
    }
    if (key !== accessKeyId) return 'AccessKey ID not found'
    if (!TIMESTAMP_FORMAT.test(timestamp))
      return `timestamp format invalid, expected yyyy-MM-ddTHH:mm:ssZ`
    const difference = Math.abs(Date.parse(timestamp) - serverNow())
    if (difference > MAX_CLOCK_DIFFERENCE_MS)
      return 'timestamp expired: more than 10 minutes from server time'
    const expected = createHash('sha256').update(`${path}/${secret}&${timestamp}`).digest('hex')
    if (signature !== expected) return 'signature mismatch'
    return null
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
    record: RecordedRequest
  ): Promise<string> {
    const url = new URL(req.url ?? '/', 'http://simulator')
    const path = url.pathname
    const requestId = newId('sim-', 12)
    if (scenario.noDateHeader) res.sendDate = false
    else res.setHeader('date', new Date(serverNow()).toUTCString())
    const send = (status: number, text: string, type = 'application/json'): string => {
      res.writeHead(status, {
        'content-type': `${type}; charset=utf-8`,
        'content-length': Buffer.byteLength(text)
      })
      res.end(text)
      return String(status)
    }

    /** Applies a fault; undefined when the request should then be answered as usual (delay). */
    async function applyFault(fault: FaultKind): Promise<string | undefined> {
      switch (fault.type) {
        case 'reset':
          req.socket.destroy()
          return 'fault:reset'
        case 'hang':
          return 'fault:hang'
        case 'cut': {
          // Promise a body, send half of it, close: a body cut short.
          const full = envelope(requestId, {
            success: true,
            data: { status: 'Running', precheckItems: [] }
          })
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(full)
          })
          res.write(full.slice(0, Math.floor(full.length / 2)))
          setTimeout(() => req.socket.destroy(), 20)
          return 'fault:cut'
        }
        case 'http':
          for (const [name, value] of Object.entries(fault.headers ?? {}))
            res.setHeader(name, value)
          return send(fault.status, fault.body ?? '', fault.contentType ?? 'application/json')
        case 'delay':
          await new Promise(resolve => setTimeout(resolve, fault.ms))
          return undefined
      }
    }

    /** Sends what a scenario hook asked for; undefined when it asked for the usual answer. */
    async function sendHooked(answer: HookAnswer): Promise<string | undefined> {
      record.hooked = true
      if ('fault' in answer) return applyFault(answer.fault)
      if ('huge' in answer) return sendHuge(answer.huge.bytes, answer.huge.chunked ?? false)
      if ('json' in answer) return send(200, JSON.stringify(answer.json))
      if ('body' in answer) {
        for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value)
        const raw = answer.body
        res.writeHead(answer.status ?? 200, {
          'content-type': answer.contentType ?? 'application/json; charset=utf-8',
          'content-length': typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length
        })
        res.end(raw)
        return String(answer.status ?? 200)
      }
      return send(
        200,
        JSON.stringify({
          success: answer.success ?? true,
          requestId: 'requestId' in answer ? answer.requestId : requestId,
          ...(answer.message !== undefined ? { message: answer.message } : {}),
          ...(answer.data !== undefined ? { data: answer.data } : {})
        })
      )
    }

    /** A valid JSON envelope of about `bytes` bytes, streamed (a padding string inside `data`). */
    async function sendHuge(bytes: number, chunked: boolean): Promise<string> {
      const head = `{"success":true,"requestId":"${requestId}","data":{"status":"Running","precheckItems":[],"padding":"`
      const tail = '"}}'
      const padding = Math.max(0, bytes - head.length - tail.length)
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        ...(chunked ? {} : { 'content-length': head.length + padding + tail.length })
      })
      res.write(head)
      const chunk = Buffer.alloc(1024 * 1024, 'x')
      for (let left = padding; left > 0; left -= chunk.length) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
        // Stop when the client hangs up (e.g. it refused the answer as too large).
        if (res.destroyed) return 'huge:aborted'
        if (!res.write(piece))
          await new Promise<void>(resolve => {
            const done = (): void => {
              res.off('drain', done)
              res.off('close', done)
              resolve()
            }
            res.on('drain', done)
            res.on('close', done)
          })
      }
      res.end(tail)
      return 'huge'
    }

    const match = PRECHECK_PATH.exec(path)
    const comparison = match ? (match[1] as Comparison) : undefined
    const kind =
      path === '/openapi/now'
        ? 'now'
        : match
          ? (match[2] as 'start' | 'status')
          : path.endsWith('/precheck/start')
            ? 'start'
            : path.endsWith('/precheck/status')
              ? 'status'
              : undefined
    record.kind = kind
    record.comparison = comparison
    if (kind) {
      const n = ++counters[kind]
      if (kind !== 'now') firstPrecheckRequestAt ??= Date.now()
      const fault = faultFor(kind, n)
      if (fault) {
        const faulted = await applyFault(fault.kind)
        if (faulted !== undefined) return faulted
      }
    }

    const hookContext = (
      hookKind: 'start' | 'status',
      taskId: string,
      precheckTaskId: string,
      natural: AnswerContext['natural']
    ): AnswerContext => ({
      n: counters[hookKind],
      comparison: comparison ?? 'schema',
      taskId,
      precheckTaskId,
      requestId,
      secret,
      sinceFirstMs: Date.now() - (firstPrecheckRequestAt ?? Date.now()),
      natural
    })
    const runHook = async (
      hook: AnswerHook | undefined,
      context: AnswerContext
    ): Promise<string | undefined> => {
      const answer = hook?.(context)
      return answer === undefined ? undefined : sendHooked(answer)
    }
    /** NineData answers "task not found" when a task ID is sent to the other comparison's API. */
    const wrongKind = (taskId: string): boolean => {
      const own = comparisonOfTask(taskId)
      return comparison !== undefined && own !== undefined && own !== comparison
    }

    if (kind === 'now') {
      return send(200, envelope(requestId, { success: true, data: serverNow() }))
    }
    const problem = authProblem(req, path)
    if (problem) {
      return scenario.authFailure === 'envelope200'
        ? send(200, envelope(requestId, { success: false, message: problem }))
        : send(401, envelope(requestId, { success: false, message: problem }))
    }
    if (kind === 'start' && req.method === 'POST') {
      let parsed: { taskId?: unknown }
      try {
        parsed = JSON.parse(body) as { taskId?: unknown }
      } catch {
        return send(
          200,
          envelope(requestId, { success: false, message: 'request body is not JSON' })
        )
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(
          200,
          envelope(requestId, { success: false, message: 'Content-Type must be application/json' })
        )
      }
      if (typeof parsed.taskId !== 'string' || !parsed.taskId) {
        return send(200, envelope(requestId, { success: false, message: 'taskId is required' }))
      }
      if (wrongKind(parsed.taskId)) {
        record.wrongKind = true
        return send(200, envelope(requestId, { success: false, message: 'task not found' }))
      }
      if (scenario.startError)
        return send(200, envelope(requestId, { success: false, message: scenario.startError }))
      const precheckTaskId = addPrecheck(parsed.taskId)
      const hooked = await runHook(
        scenario.startAnswer,
        hookContext('start', parsed.taskId, precheckTaskId, {
          taskId: parsed.taskId,
          precheckTaskId
        })
      )
      if (hooked !== undefined) return hooked
      return send(
        200,
        envelope(requestId, { success: true, data: { taskId: parsed.taskId, precheckTaskId } })
      )
    }
    if (kind === 'status' && req.method === 'GET') {
      const taskId = url.searchParams.get('taskId') ?? ''
      const precheckTaskId = url.searchParams.get('precheckTaskId') ?? ''
      if (wrongKind(taskId)) {
        record.wrongKind = true
        return send(200, envelope(requestId, { success: false, message: 'task not found' }))
      }
      const run = prechecks.get(precheckTaskId)
      const known = run !== undefined && run.taskId === taskId
      const hooked = await runHook(
        scenario.statusAnswer,
        hookContext(
          'status',
          taskId,
          precheckTaskId,
          known
            ? (precheckAnswer(scenario, run, precheckTaskId, Date.now()) as StatusData)
            : undefined
        )
      )
      if (hooked !== undefined) return hooked
      if (!run || run.taskId !== taskId) {
        return send(
          200,
          envelope(requestId, { success: false, message: 'precheck task not found' })
        )
      }
      return send(
        200,
        envelope(requestId, {
          success: true,
          data: precheckAnswer(scenario, run, precheckTaskId, Date.now())
        })
      )
    }
    return send(
      404,
      envelope(requestId, { success: false, message: `no such API: ${req.method} ${path}` })
    )
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://simulator')
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        atMs: Date.now() - bootedAt,
        answer: ''
      }
      requests.push(record)
      handle(req, res, body, record).then(
        answer => (record.answer = answer),
        error => {
          record.answer = 'error'
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
          res.end(String(error))
        }
      )
    })
  }
  const server: Server = options.tls
    ? createHttpsServer(options.tls, listener)
    : createHttpServer(listener)
  server.keepAliveTimeout = 5000
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = options.host ?? '127.0.0.1'
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    scenario,
    requests,
    count: (kind, comparison) =>
      comparison === undefined
        ? counters[kind]
        : requests.filter(r => r.kind === kind && r.comparison === comparison).length,
    addPrecheck,
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
