import type { IncomingMessage, ServerResponse } from 'node:http'
import type { GitHubFaults } from './github-faults.js'
import type { CommentStore } from './github-state.js'
import type { GitHubIdentity } from './github-types.js'

// The REST calls the GitHub stand-in serves, as GitHub documents them: GET /user, list issue
// comments (paged, with a Link header), create and update a comment; and the checks before them
// (API prefix, token).

/** GitHub refuses a comment body over 65,536 characters (counted as Unicode code points). */
export const GITHUB_BODY_LIMIT = 65_536

const DOCS = 'https://docs.github.com/rest'

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[]
  ) {
    super(message)
  }
}

interface ParsedRequest {
  query: URLSearchParams
  identity: GitHubIdentity
  body: string
}

interface Answer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

interface Route {
  method: string
  pattern: RegExp
  handle: (match: string[], req: ParsedRequest) => Answer
}

/** What serving needs: the comments, the tokens it knows, the API prefix, the answer writer. */
export interface GitHubSite {
  store: CommentStore
  tokens: Record<string, GitHubIdentity>
  prefix: string
  faults: GitHubFaults
  routes: readonly Route[]
}

/** The site for a store: its routes read and write that store. */
export function gitHubSite(parts: Omit<GitHubSite, 'routes'>): GitHubSite {
  return { ...parts, routes: routes(parts.store) }
}

function list(
  store: CommentStore,
  [owner, repo]: [string, string],
  issue: number,
  req: ParsedRequest
): Answer {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30))
  const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1)
  const all = store.of(owner, repo, issue)
  const last = Math.max(1, Math.ceil(all.length / perPage))
  // GitHub's Link header names the repository by ID.
  const at = (n: number): string =>
    `${store.base}/repositories/${store.repoId(owner, repo)}/issues/${issue}/comments?per_page=${perPage}&page=${n}`
  const links: string[] = []
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`)
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`)
  if (page > 1) links.push(`<${at(1)}>; rel="first"`)
  return {
    status: 200,
    body: all.slice((page - 1) * perPage, page * perPage).map(c => store.json(c)),
    headers: links.length ? { link: links.join(', ') } : {}
  }
}

/** The comment body of a create or update call, refused as GitHub refuses it. */
function bodyOf(req: ParsedRequest): string {
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
    const message = 'body is too long (maximum is 65536 characters)'
    throw new HttpError(422, 'Validation Failed', [
      { resource: 'IssueComment', code: 'custom', field: 'body', message }
    ])
  }
  return body
}

function writable(req: ParsedRequest): void {
  if (req.identity.readOnly) throw new HttpError(403, 'Resource not accessible by integration')
}

const ISSUE_COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/

function routes(store: CommentStore): Route[] {
  const user = (req: ParsedRequest) => store.userOf(req.identity.login, req.identity.type)
  return [
    {
      method: 'GET',
      pattern: /^\/user$/,
      handle: (_m, req) => {
        if (req.identity.installation)
          throw new HttpError(403, 'Resource not accessible by integration')
        return { status: 200, body: user(req) }
      }
    },
    {
      method: 'GET',
      pattern: ISSUE_COMMENTS,
      handle: ([, o = '', r = '', n = ''], req) => list(store, [o, r], Number(n), req)
    },
    {
      method: 'GET',
      pattern: /^\/repositories\/(\d+)\/issues\/(\d+)\/comments$/,
      handle: ([, id = '', n = ''], req) => {
        const repo = store.repoById(Number(id))
        if (!repo) throw new HttpError(404, 'Not Found')
        return list(store, repo, Number(n), req)
      }
    },
    {
      method: 'POST',
      pattern: ISSUE_COMMENTS,
      handle: ([, o = '', r = '', n = ''], req) => {
        writable(req)
        const comment = store.add(o, r, Number(n), bodyOf(req), user(req))
        return { status: 201, body: store.json(comment) }
      }
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      handle: ([, o = '', r = '', id = ''], req) => {
        writable(req)
        // Like GitHub for a token with write access: anyone's comment can be edited, so a test
        // sees it when the action touches a comment that is not its own.
        const comment = store.find(o, r, Number(id))
        if (!comment) throw new HttpError(404, 'Not Found')
        comment.body = bodyOf(req)
        comment.updated_at = new Date().toISOString()
        comment.edits++
        return { status: 200, body: store.json(comment) }
      }
    }
  ]
}

/** The token of an `Authorization: token|Bearer <token>` header: [scheme, token], or undefined. */
export function authorizationOf(req: IncomingMessage): [string, string] | undefined {
  const auth = /^(token|bearer)\s+(\S+)$/i.exec(req.headers['authorization'] ?? '')
  return auth ? [auth[1] ?? '', auth[2] ?? ''] : undefined
}

/** Serves one request (body read in full); the HTTP status it was answered with. */
export function serveGitHub(
  site: GitHubSite,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string
): number {
  const { faults, prefix } = site
  const url = new URL(req.url ?? '/', 'http://stand-in')
  const reply = (answer: Answer): number => {
    faults.answer(res, answer.status, answer.body, answer.headers)
    return answer.status
  }
  if (!url.pathname.startsWith(`${prefix}/`) && prefix)
    return reply({ status: 404, body: { message: 'Not Found' } })
  const path = url.pathname.slice(prefix.length)
  const auth = authorizationOf(req)
  const identity = auth ? site.tokens[auth[1]] : undefined
  if (!identity) {
    const message = auth ? 'Bad credentials' : 'Requires authentication'
    return reply({ status: 401, body: { message, documentation_url: DOCS } })
  }
  const route = site.routes.find(r => r.method === req.method && r.pattern.test(path))
  if (!route) return reply({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } })
  try {
    const parsed = { query: url.searchParams, identity, body: raw }
    return reply(route.handle(route.pattern.exec(path) ?? [], parsed))
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    const errors = error.errors ? { errors: error.errors } : {}
    return reply({
      status: error.status,
      body: { message: error.message, ...errors, documentation_url: DOCS }
    })
  }
}
