import type { getOctokit } from '@actions/github'
import type { Time } from '../time.js'
import type { PullRequestTarget } from './pull-request-event.js'
import { GitHubCallError, failureOf, type GitHubFailure } from './comment-failure.js'

// The four REST calls the comment needs, through Octokit (@actions/github). Octokit is loaded here,
// with a dynamic import, only when a comment is due: a step with pr-comment off never pays for it.
// Every request has its own timeout (a real timer), ends at the step's deadline (read on the budget's
// clock) and stops on cancellation.

type Octokit = ReturnType<typeof getOctokit>

export interface IssueComment {
  id: number
  body: string
  /** The author's login ('' when GitHub names none, e.g. a deleted user). */
  author: string
  htmlUrl: string
}

export interface CallBudget {
  /** Epoch ms after which no request is started or kept waiting. */
  deadline: number
  requestTimeoutMs: number
  signal?: AbortSignal | undefined
  /** The clock the deadline is read on. */
  time: Time
}

/** The identity of the default GITHUB_TOKEN (and what GitHub shows as the author of its comments). */
const ACTIONS_BOT = 'github-actions[bot]'
/** The list is read 100 comments a page; a pull request with more than 10,000 is not searched. */
const PER_PAGE = 100
const MAX_PAGES = 100
/** Below this much time before the deadline, no request is started. */
const MIN_REQUEST_MS = 500

export interface GitHubCalls {
  /** The pull request's comments, a page at a time, oldest first, following the Link header. */
  commentPages(): AsyncGenerator<IssueComment[]>
  /** The token's login: the default token's bot when GitHub does not let the token read /user. */
  tokenLogin(): Promise<string>
  create(body: string): Promise<IssueComment>
  update(id: number, body: string): Promise<IssueComment>
}

export async function connectGitHub(
  target: PullRequestTarget,
  token: string,
  budget: CallBudget,
  debug: (message: string) => void
): Promise<GitHubCalls> {
  const { getOctokit } = await import('@actions/github')
  // Octokit's own notes (deprecation headers: server text) go to the debug log through the caller,
  // which makes them one inert line, instead of to the console.
  const log = { debug, info: debug, warn: debug, error: debug }
  const octokit = getOctokit(token, {
    baseUrl: target.apiUrl,
    userAgent: 'ninedata-precheck-gate',
    log
  })
  return new OctokitCalls(octokit, target, budget)
}

class OctokitCalls implements GitHubCalls {
  private readonly where: { owner: string; repo: string }

  constructor(
    private readonly octokit: Octokit,
    private readonly target: PullRequestTarget,
    private readonly budget: CallBudget
  ) {
    this.where = { owner: target.owner, repo: target.repo }
  }

  async *commentPages(): AsyncGenerator<IssueComment[]> {
    const doing = 'list the pull request comments'
    let next: string | undefined
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.call(doing, request =>
        next === undefined
          ? this.octokit.rest.issues.listComments({
              ...this.where,
              issue_number: this.target.number,
              per_page: PER_PAGE,
              request
            })
          : this.octokit.request({ method: 'GET', url: next, request })
      )
      const data: unknown = response.data
      if (!Array.isArray(data)) throw protocol(doing, 'the answer is not a list of comments')
      yield data.map(comment => commentOf(comment, doing))
      next = nextPage(response.headers['link'], this.target.apiUrl, doing)
      if (next === undefined) return
    }
    throw protocol(doing, `the pull request has more than ${PER_PAGE * MAX_PAGES} comments`)
  }

  async tokenLogin(): Promise<string> {
    try {
      const response = await this.call("read the token's user", request =>
        this.octokit.rest.users.getAuthenticated({ request })
      )
      return typeof response.data.login === 'string' ? response.data.login : ''
    } catch (error) {
      // An app's installation token (the default GITHUB_TOKEN is one) may not read /user.
      const failure = error instanceof GitHubCallError ? error.failure : undefined
      if (failure?.kind === 'http' && (failure.status === 403 || failure.status === 404))
        return ACTIONS_BOT
      throw error
    }
  }

  async create(body: string): Promise<IssueComment> {
    const doing = 'write the comment'
    const response = await this.call(doing, request =>
      this.octokit.rest.issues.createComment({
        ...this.where,
        issue_number: this.target.number,
        body,
        request
      })
    )
    return commentOf(response.data, doing)
  }

  async update(id: number, body: string): Promise<IssueComment> {
    const doing = 'update the comment'
    const response = await this.call(doing, request =>
      this.octokit.rest.issues.updateComment({ ...this.where, comment_id: id, body, request })
    )
    return commentOf(response.data, doing)
  }

  /** One request with its timeout, within the deadline; any failure as a GitHubCallError. */
  private async call<T>(
    doing: string,
    send: (request: { signal: AbortSignal }) => Promise<T>
  ): Promise<T> {
    const { deadline, requestTimeoutMs, signal, time } = this.budget
    if (signal?.aborted) throw new GitHubCallError({ kind: 'cancelled' }, doing)
    const left = deadline - time.now()
    if (left < MIN_REQUEST_MS) throw new GitHubCallError({ kind: 'out-of-time' }, doing)
    const ms = Math.min(requestTimeoutMs, left)
    const timeout = AbortSignal.timeout(ms)
    try {
      return await send({ signal: signal ? AbortSignal.any([timeout, signal]) : timeout })
    } catch (error) {
      const failure: GitHubFailure = signal?.aborted
        ? { kind: 'cancelled' }
        : timeout.aborted
          ? ms < requestTimeoutMs
            ? { kind: 'out-of-time' }
            : { kind: 'timeout', ms }
          : failureOf(error)
      throw new GitHubCallError(failure, doing)
    }
  }
}

function protocol(doing: string, message: string): GitHubCallError {
  return new GitHubCallError({ kind: 'protocol', message }, doing)
}

function commentOf(raw: unknown, doing: string): IssueComment {
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const user = (typeof c['user'] === 'object' && c['user'] !== null ? c['user'] : {}) as {
    login?: unknown
  }
  if (typeof c['id'] !== 'number' || typeof c['html_url'] !== 'string')
    throw protocol(doing, 'GitHub sent a comment without an id or html_url')
  return {
    id: c['id'],
    body: typeof c['body'] === 'string' ? c['body'] : '',
    author: typeof user.login === 'string' ? user.login : '',
    htmlUrl: c['html_url']
  }
}

/**
 * The Link header's `rel="next"` URL. It must be on the API's own origin: Octokit sends the token
 * with every request, so a link elsewhere is never followed.
 */
export function nextPage(link: unknown, apiUrl: string, doing: string): string | undefined {
  if (typeof link !== 'string') return undefined
  // `<url>; rel="next", <url>; rel="last"`: split first, so the reading stays linear.
  const next = link
    .split(',')
    .map(part => /^\s*<([^<>]*)>\s*;(.*)$/.exec(part))
    .find(match => match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2] ?? ''))?.[1]
  if (!next) return undefined
  let url: URL
  try {
    url = new URL(next, apiUrl)
  } catch {
    throw protocol(doing, 'the Link header names a next page that is not a URL')
  }
  if (url.origin !== new URL(apiUrl).origin)
    throw protocol(doing, `the Link header names a next page on another host (${url.host})`)
  return url.href
}
