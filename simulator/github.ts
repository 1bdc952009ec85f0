import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GitHubFaults } from './github-faults.js'
import { authorizationOf, gitHubSite, serveGitHub, type GitHubSite } from './github-routes.js'
import { CommentStore } from './github-state.js'
import type { Fault, GitHubIdentity, GitHubRequest, StoredComment } from './github-types.js'

// A GitHub REST stand-in for the pull request comment: a real HTTP server on 127.0.0.1 that checks
// the token (`Authorization: token|Bearer <token>`), keeps issue comments in memory across runs and
// serves the calls the action makes: list (paged: per_page, page, a Link header whose next page uses
// GitHub's /repositories/{id}/... form), create, update, and GET /user. It can be told to answer
// with an error, to hang, or to be unreachable; it records every request. Independent of the
// action's code on purpose: it follows GitHub's documented behaviour, not the action's. Split like
// the NineData stand-in: its state (github-state.ts), routes (github-routes.ts) and faults
// (github-faults.ts); this file starts it and holds its interface.

export type { Fault, GitHubIdentity, GitHubRequest, StoredComment } from './github-types.js'
export { GITHUB_BODY_LIMIT } from './github-routes.js'

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

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const webUrl = (options.webUrl ?? 'https://github.example').replace(/\/+$/, '')
  const site = gitHubSite({
    store: new CommentStore(webUrl),
    tokens: options.tokens ?? { [JOB_TOKEN]: JOB_IDENTITY },
    prefix: (options.pathPrefix ?? '').replace(/\/+$/, ''),
    faults: new GitHubFaults()
  })
  const requests: GitHubRequest[] = []
  const server = new StandInServer(listenerFor(site, requests))
  const port = await server.listen(0)
  const { store, faults } = site
  store.base = `http://127.0.0.1:${port}${site.prefix}`
  return {
    url: store.base,
    webUrl,
    port,
    requests,
    comments: (owner, repo, issue) => store.of(owner, repo, issue),
    addComment: (owner, repo, issue, body, user = { login: 'octocat' }) =>
      store.add(owner, repo, issue, body, store.userOf(user.login, user.type)),
    fail: fault => faults.add(fault),
    clearFaults: () => faults.clear(),
    unreachable: () => server.stop(),
    reachable: () => server.listenAgain(port),
    close: () => server.stop()
  }
}

/** Records each request, applies the fault it matches, and serves it. */
function listenerFor(site: GitHubSite, requests: GitHubRequest[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (raw += chunk))
    req.on('end', () => {
      const record = recordOf(req, raw, site.prefix)
      requests.push(record)
      const fault = site.faults.take(record.method, record.path)
      const respond = (): void =>
        site.faults.respond(fault, { req, res, record }, () => serveGitHub(site, req, res, raw))
      if (fault?.delayMs) setTimeout(respond, fault.delayMs).unref()
      else respond()
    })
  }
}

function recordOf(req: IncomingMessage, raw: string, prefix: string): GitHubRequest {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const auth = authorizationOf(req)
  return {
    method: req.method ?? '',
    path: url.pathname.slice(prefix.length),
    query: Object.fromEntries(url.searchParams),
    token: auth?.[1] ?? '',
    scheme: auth?.[0] ?? '',
    body: raw,
    status: 0,
    at: Date.now()
  }
}

/** The listening server: it can stop (refusing connections) and listen again on the same port. */
class StandInServer {
  private server: Server
  private readonly sockets = new Set<Socket>()

  constructor(private readonly listener: (req: IncomingMessage, res: ServerResponse) => void) {
    this.server = this.create()
  }

  listen(port: number): Promise<number> {
    const server = this.server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
    })
  }

  async listenAgain(port: number): Promise<void> {
    if (this.server.listening) return
    this.server = this.create()
    await this.listen(port)
  }

  stop(): Promise<void> {
    return new Promise(resolve => {
      for (const socket of this.sockets) socket.destroy()
      if (!this.server.listening) return resolve()
      this.server.close(() => resolve())
    })
  }

  private create(): Server {
    const server = createServer(this.listener)
    server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    return server
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
