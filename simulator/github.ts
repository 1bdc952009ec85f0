import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A GitHub REST stand-in for the pull request comment: a real HTTP server on 127.0.0.1 that checks
// the token (`Authorization: token|Bearer <token>`), keeps issue comments in memory across runs and
// serves the calls the action makes: list (paged: per_page, page, a Link header whose next page uses
// GitHub's /repositories/{id}/... form), create, update, and GET /user. It can be told to answer
// with an error, to hang, or to be unreachable; it records every request. Independent of the
// action's code on purpose: it follows GitHub's documented behaviour, not the action's.

/** Who a token stands for. */
export interface GitHubIdentity {
  login: string
  type?: 'User' | 'Bot'
  /** An app installation token (the default GITHUB_TOKEN is one): GET /user is refused. */
  installation?: boolean
  /** A read-only token (what a pull request from a fork gets): writes are refused with 403. */
  readOnly?: boolean
}

/** The default job token of the tests: GitHub shows its comments as github-actions[bot]. */
export const JOB_TOKEN = 'ghs_standInJobToken0123456789'
export const JOB_IDENTITY: GitHubIdentity = {
  login: 'github-actions[bot]',
  type: 'Bot',
  installation: true
}

export interface StandInOptions {
  /** Token -> identity; default: JOB_TOKEN as github-actions[bot]. */
  tokens?: Record<string, GitHubIdentity>
  /** The API's path under the host: '' for github.com, '/api/v3' for GitHub Enterprise Server. */
  pathPrefix?: string
  /** The web address comments' html_url point at. */
  webUrl?: string
}

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issue: number
  body: string
  user: { login: string; id: number; type: string }
  created_at: string
  updated_at: string
  /** How many times it was edited through PATCH. */
  edits: number
}

export interface GitHubRequest {
  method: string
  /** The path without the API prefix, e.g. /repos/o/r/issues/7/comments. */
  path: string
  query: Record<string, string>
  /** The token sent ('' when none), and the scheme it was sent with. */
  token: string
  scheme: string
  body: string
  status: number
  /** When it arrived: Date.now(), for timing against other processes. */
  at: number
}

/** An answer to force on matching requests, `times` times (default: every time). */
export interface Fault {
  method?: string
  /** Matched against the path without the API prefix. */
  path?: RegExp
  /**
   * Answer with this status and GitHub's error shape; without it the request is served normally
   * (with `headers` added to the answer).
   */
  status?: number
  message?: string
  errors?: unknown[]
  headers?: Record<string, string>
  /** Wait this long before answering (longer than the action's timeout: a hang). */
  delayMs?: number
  /** Close the connection without an answer (the request is not served). */
  drop?: boolean
  /** Serve the request (a comment is written), then close the connection: the answer is lost. */
  lose?: boolean
  times?: number
}

export interface GitHubStandIn {
  /** The API base URL for GITHUB_API_URL (prefix included). */
  url: string
  webUrl: string
  port: number
  requests: GitHubRequest[]
  /** The comments of one issue or pull request, oldest first. */
  comments(owner: string, repo: string, issue: number): StoredComment[]
  /** A comment written by someone else (or by anyone: login and type given). */
  addComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user?: { login: string; type?: 'User' | 'Bot' }
  ): StoredComment
  fail(fault: Fault): void
  clearFaults(): void
  /** Stops listening (connections are refused) and keeps the comments; `reachable` listens again. */
  unreachable(): Promise<void>
  reachable(): Promise<void>
  close(): Promise<void>
}

/** GitHub refuses a comment body over 65,536 characters (counted as Unicode code points). */
export const GITHUB_BODY_LIMIT = 65_536

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[]
  ) {
    super(message)
  }
}

interface Route {
  method: string
  pattern: RegExp
  handle: (
    match: string[],
    req: ParsedRequest
  ) => { status: number; body: unknown; headers?: Record<string, string> }
}

interface ParsedRequest {
  path: string
  query: URLSearchParams
  identity: GitHubIdentity
  body: string
}

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const tokens = options.tokens ?? { [JOB_TOKEN]: JOB_IDENTITY }
  const prefix = (options.pathPrefix ?? '').replace(/\/+$/, '')
  const webUrl = (options.webUrl ?? 'https://github.example').replace(/\/+$/, '')
  const store: StoredComment[] = []
  const repoIds = new Map<string, number>()
  const faults: Fault[] = []
  // Answers to lose after serving, and headers to add to served answers (set by a fault).
  const lost = new WeakSet<ServerResponse>()
  const extra = new WeakMap<ServerResponse, Record<string, string>>()
  const requests: GitHubRequest[] = []
  const sockets = new Set<Socket>()
  let nextId = 1001
  let base = ''
  const userIds = new Map<string, number>()
  const userOf = (login: string, type = 'User'): StoredComment['user'] => {
    if (!userIds.has(login)) userIds.set(login, 500 + userIds.size)
    return { login, id: userIds.get(login)!, type }
  }
  const repoId = (owner: string, repo: string): number => {
    const key = `${owner}/${repo}`.toLowerCase()
    if (!repoIds.has(key)) repoIds.set(key, 7000 + repoIds.size)
    return repoIds.get(key)!
  }
  const repoById = (id: number): [string, string] => {
    for (const [key, value] of repoIds) if (value === id) return key.split('/') as [string, string]
    throw new HttpError(404, 'Not Found')
  }
  const json = (c: StoredComment): unknown => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `${webUrl}/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
    body: c.body,
    user: c.user,
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE'
  })
  const add = (
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user: StoredComment['user']
  ): StoredComment => {
    repoId(owner, repo)
    const now = new Date().toISOString()
    const comment = {
      id: nextId++,
      owner,
      repo,
      issue,
      body,
      user,
      created_at: now,
      updated_at: now,
      edits: 0
    }
    store.push(comment)
    return comment
  }
  const commentsOf = (owner: string, repo: string, issue: number): StoredComment[] =>
    store.filter(
      c =>
        c.owner.toLowerCase() === owner.toLowerCase() &&
        c.repo.toLowerCase() === repo.toLowerCase() &&
        c.issue === issue
    )

  const list = (owner: string, repo: string, issue: number, req: ParsedRequest) => {
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1)
    const all = commentsOf(owner, repo, issue)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    // GitHub's Link header names the repository by ID.
    const at = (n: number): string =>
      `${base}/repositories/${repoId(owner, repo)}/issues/${issue}/comments?per_page=${perPage}&page=${n}`
    const links: string[] = []
    if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`)
    if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`)
    if (page > 1) links.push(`<${at(1)}>; rel="first"`)
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map(json),
      headers: links.length ? { link: links.join(', ') } : {}
    }
  }
  const bodyOf = (req: ParsedRequest): string => {
    let parsed: unknown
    try {
      parsed = JSON.parse(req.body)
    } catch {
      throw new HttpError(400, 'Problems parsing JSON')
    }
    const body = (parsed as { body?: unknown }).body
    if (typeof body !== 'string')
      throw new HttpError(422, 'Invalid request.', ['"body" wasn\'t supplied.'])
    if ([...body].length > GITHUB_BODY_LIMIT) {
      throw new HttpError(422, 'Validation Failed', [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)'
        }
      ])
    }
    return body
  }
  const writable = (req: ParsedRequest): void => {
    if (req.identity.readOnly) throw new HttpError(403, 'Resource not accessible by integration')
  }

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/user$/,
      handle: (_m, req) => {
        if (req.identity.installation)
          throw new HttpError(403, 'Resource not accessible by integration')
        return { status: 200, body: userOf(req.identity.login, req.identity.type) }
      }
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      handle: ([, o = '', r = '', n = ''], req) => list(o, r, Number(n), req)
    },
    {
      method: 'GET',
      pattern: /^\/repositories\/(\d+)\/issues\/(\d+)\/comments$/,
      handle: ([, id = '', n = ''], req) => {
        const [o, r] = repoById(Number(id))
        return list(o, r, Number(n), req)
      }
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      handle: ([, o = '', r = '', n = ''], req) => {
        writable(req)
        const comment = add(
          o,
          r,
          Number(n),
          bodyOf(req),
          userOf(req.identity.login, req.identity.type)
        )
        return { status: 201, body: json(comment) }
      }
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      handle: ([, o = '', r = '', id = ''], req) => {
        writable(req)
        // Like GitHub for a token with write access: anyone's comment can be edited, so a test
        // sees it when the action touches a comment that is not its own.
        const comment = store.find(
          c => c.id === Number(id) && commentsOf(o, r, c.issue).includes(c)
        )
        if (!comment) throw new HttpError(404, 'Not Found')
        comment.body = bodyOf(req)
        comment.updated_at = new Date().toISOString()
        comment.edits++
        return { status: 200, body: json(comment) }
      }
    }
  ]

  const answer = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ): void => {
    if (lost.has(res)) return void res.socket?.destroy()
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
      ...extra.get(res)
    })
    res.end(JSON.stringify(body))
  }

  const serve = (req: IncomingMessage, res: ServerResponse, raw: string): number => {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const auth = /^(token|bearer)\s+(\S+)$/i.exec(req.headers['authorization'] ?? '')
    if (!url.pathname.startsWith(`${prefix}/`) && prefix) {
      answer(res, 404, { message: 'Not Found' })
      return 404
    }
    const path = url.pathname.slice(prefix.length)
    const identity = auth ? tokens[auth[2] ?? ''] : undefined
    if (!identity) {
      const message = auth ? 'Bad credentials' : 'Requires authentication'
      answer(res, 401, { message, documentation_url: 'https://docs.github.com/rest' })
      return 401
    }
    const route = routes.find(r => r.method === req.method && r.pattern.test(path))
    if (!route) {
      answer(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
      return 404
    }
    try {
      const out = route.handle(route.pattern.exec(path) ?? [], {
        path,
        query: url.searchParams,
        identity,
        body: raw
      })
      answer(res, out.status, out.body, out.headers)
      return out.status
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      answer(res, error.status, {
        message: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        documentation_url: 'https://docs.github.com/rest'
      })
      return error.status
    }
  }

  const faultFor = (method: string, path: string): Fault | undefined => {
    const fault = faults.find(
      f =>
        (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (f.times ?? 1) > 0
    )
    if (fault && fault.times !== undefined) fault.times--
    return fault
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (raw += chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const path = url.pathname.slice(prefix.length)
      const auth = /^(token|bearer)\s+(\S+)$/i.exec(req.headers['authorization'] ?? '')
      const record: GitHubRequest = {
        method: req.method ?? '',
        path,
        query: Object.fromEntries(url.searchParams),
        token: auth?.[2] ?? '',
        scheme: auth?.[1] ?? '',
        body: raw,
        status: 0,
        at: Date.now()
      }
      requests.push(record)
      const fault = faultFor(record.method, path)
      const respond = (): void => {
        if (res.destroyed) return
        if (fault?.drop) {
          record.status = -1
          req.socket.destroy()
        } else if (fault?.status) {
          record.status = fault.status
          answer(
            res,
            fault.status,
            {
              message: fault.message ?? 'Stand-in error',
              ...(fault.errors ? { errors: fault.errors } : {})
            },
            fault.headers
          )
        } else {
          if (fault?.lose) lost.add(res)
          if (fault?.headers) extra.set(res, fault.headers)
          record.status = serve(req, res, raw)
          if (fault?.lose) record.status = -1
        }
      }
      if (fault?.delayMs) setTimeout(respond, fault.delayMs).unref()
      else respond()
    })
  }

  let server: Server = createServer(listener)
  const track = (s: Server): void => {
    s.on('connection', socket => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
  }
  track(server)
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
    })
  const stop = (): Promise<void> =>
    new Promise(resolve => {
      for (const socket of sockets) socket.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  const port = await listen(0)
  base = `http://127.0.0.1:${port}${prefix}`

  return {
    url: base,
    webUrl,
    port,
    requests,
    comments: (owner, repo, issue) => commentsOf(owner, repo, issue),
    addComment: (owner, repo, issue, body, user = { login: 'octocat' }) =>
      add(owner, repo, issue, body, userOf(user.login, user.type)),
    fail: fault => void faults.push({ ...fault }),
    clearFaults: () => void faults.splice(0),
    unreachable: stop,
    reachable: async () => {
      if (server.listening) return
      server = createServer(listener)
      track(server)
      await listen(port)
    },
    close: stop
  }
}

export interface RunnerEventOptions {
  /** GITHUB_EVENT_NAME; default pull_request. */
  event?: string
  number?: number
  repository?: string
  headSha?: string
  runId?: string
  attempt?: string
}

export interface RunnerEvent {
  /** The variables a runner sets for the event (GITHUB_EVENT_PATH points at a payload file). */
  env: Record<string, string>
  /** Removes the payload file. */
  remove(): void
}

/** A runner's event environment for a run against the stand-in: payload file, names, URLs. */
export function runnerEvent(standIn: GitHubStandIn, options: RunnerEventOptions = {}): RunnerEvent {
  const event = options.event ?? 'pull_request'
  const repository = options.repository ?? 'octo-org/app'
  const number = options.number ?? 7
  const headSha = options.headSha ?? 'c0ffee1234567890abcdef1234567890abcdef12'
  const payload = event.startsWith('pull_request')
    ? {
        action: 'synchronize',
        number,
        pull_request: { number, head: { sha: headSha } },
        repository: { full_name: repository }
      }
    : { ref: 'refs/heads/main', after: headSha, repository: { full_name: repository } }
  const dir = mkdtempSync(join(tmpdir(), 'github-event-'))
  const path = join(dir, 'event.json')
  writeFileSync(path, JSON.stringify(payload))
  return {
    env: {
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: repository,
      GITHUB_API_URL: standIn.url,
      GITHUB_SERVER_URL: standIn.webUrl,
      GITHUB_RUN_ID: options.runId ?? '4242',
      GITHUB_RUN_ATTEMPT: options.attempt ?? '1'
    },
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}
