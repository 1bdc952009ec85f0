import { errorMessage } from '../error-message.js'

// How a call to GitHub failed, read once from what Octokit throws, and the one warning a user reads
// for it. Pure. The warning names the missing permission or the error; it never changes the verdict.

export type GitHubFailure =
  /** GitHub answered with an error status. */
  | { kind: 'http'; status: number; message: string; rateLimited: boolean }
  /** No answer: refused connection, DNS, TLS, reset. */
  | { kind: 'network'; message: string }
  /** One request took longer than its timeout. */
  | { kind: 'timeout'; ms: number }
  /** The step's deadline (timeout-seconds) left no time for another request. */
  | { kind: 'out-of-time' }
  /** The runner cancelled the step. */
  | { kind: 'cancelled' }
  /** An answer without the documented shape (no comment ID or URL, a next page on another host). */
  | { kind: 'protocol'; message: string }

/** Thrown by the calls with what went wrong; `doing` says which call ("list the comments"). */
export class GitHubCallError extends Error {
  constructor(
    readonly failure: GitHubFailure,
    readonly doing: string
  ) {
    super(`${doing}: ${failure.kind}`)
    this.name = 'GitHubCallError'
  }
}

/** Worth another try: the server's trouble or the network's, not a refusal. */
export function isTransient(failure: GitHubFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout') return true
  return failure.kind === 'http' && (failure.status >= 500 || failure.status === 429)
}

interface ErrorLike {
  status?: unknown
  message?: unknown
  response?: { data?: unknown; headers?: Record<string, unknown> } | undefined
}

/** What an Octokit RequestError (or a fetch error) says, as a failure. */
export function failureOf(error: unknown): GitHubFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike
  const message = errorMessage(error)
  if (!e.response || typeof e.status !== 'number')
    return { kind: 'network', message: rootCause(e, message) }
  const headers = e.response.headers ?? {}
  const rateLimited =
    e.status === 429 ||
    (e.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)))
  return {
    kind: 'http',
    status: e.status,
    message: answerText(e.response.data, message),
    rateLimited
  }
}

/** The innermost cause's message: "connect ECONNREFUSED …" rather than "fetch failed". */
function rootCause(error: object, fallback: string): string {
  let message = fallback
  let cause = (error as { cause?: unknown }).cause
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    const text = (cause as { message?: unknown }).message
    if (typeof text === 'string' && text) message = text
    cause = (cause as { cause?: unknown }).cause
  }
  return message
}

/** GitHub's `message` and the `errors` of a 422, in one line's worth of words. */
function answerText(data: unknown, fallback: string): string {
  if (typeof data !== 'object' || data === null) return fallback
  const { message, errors } = data as { message?: unknown; errors?: unknown }
  const head = typeof message === 'string' && message ? message : fallback
  if (!Array.isArray(errors) || errors.length === 0) return head
  const details = errors
    .slice(0, 3)
    .map(e => {
      if (typeof e === 'string') return e
      const { message: m, code } = (e ?? {}) as { message?: unknown; code?: unknown }
      return typeof m === 'string' ? m : typeof code === 'string' ? code : ''
    })
    .filter(Boolean)
  return details.length > 0 ? `${head} (${details.join('; ')})` : head
}

const PERMISSION =
  'The job needs `permissions: pull-requests: write`; on pull requests from forks GitHub gives a read-only token, so no comment can be written there.'

/** The one warning for a comment that could not be written. */
export function warningFor(error: GitHubCallError, where: string, attempts: number): string {
  const { failure, doing } = error
  const head = `No pull request comment on ${where}: could not ${doing}`
  const stands = ' The verdict is unchanged.'
  switch (failure.kind) {
    case 'http':
      return `${head}: GitHub answered ${failure.status} "${failure.message}". ${advice(failure)}${stands}`
    case 'network':
      return `${head}: GitHub's API did not answer (${failure.message})${tries(attempts)}.${stands}`
    case 'timeout':
      return `${head}: no answer within ${Math.round(failure.ms / 100) / 10} s${tries(attempts)}.${stands}`
    case 'out-of-time':
      return `${head}: timeout-seconds, counted from the step's start, left no time for it; raise timeout-seconds to leave time for the comment.${stands}`
    case 'cancelled':
      return `${head}: the step was cancelled.${stands}`
    case 'protocol':
      return `${head}: ${failure.message}.${stands}`
  }
}

function tries(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : ''
}

function advice(failure: Extract<GitHubFailure, { kind: 'http' }>): string {
  if (failure.rateLimited) return "The token's API rate limit is used up; the next run tries again."
  switch (failure.status) {
    case 401:
      return "The github-token input was refused: pass a valid token (the default is the job's own token, `${{ github.token }}`)."
    case 403:
      return PERMISSION
    case 404:
      return (
        'The token cannot see this repository or pull request (a token of another repository, or GITHUB_API_URL pointing at another GitHub). ' +
        'A job without `pull-requests: write` may get this too.'
      )
    case 422:
      return 'GitHub refused the comment as invalid.'
    default:
      return failure.status >= 500 ? 'GitHub had trouble answering; the next run tries again.' : ''
  }
}
