import * as core from '@actions/core'
import type { Report } from '../report/report-model.js'
import { SafeText } from '../text/safe-text.js'
import { realTime, type Time } from '../time.js'
import { renderComment } from './comment-body.js'
import { readPullRequestEvent, runLinkOf, type PullRequestTarget } from './pull-request-event.js'
import { GitHubCallError, isTransient, warningFor } from './comment-failure.js'
import {
  connectGitHub,
  type CallBudget,
  type GitHubCalls,
  type IssueComment
} from './github-api.js'
import { carriesMarker, markerFor } from './comment-marker.js'
import { commentViewOf } from './comment-view.js'
import { errorMessage } from '../error-message.js'

// The verdict as one comment per gate on the pull request: find this gate's comment (its marker,
// written by the token's own user), update it in place, or create it. Never in the way: whatever
// GitHub answers, at most one warning, and the step ends as the precheck decided. Loaded by
// pr-comment.ts only when pr-comment is on.

export interface PullRequestCommentOptions {
  /** The pr-comment input. */
  enabled: boolean
  /** The github-token input. */
  token: string
  /** Epoch ms the step must end by: its start plus timeout-seconds. */
  deadline: number
  /** Secrets to hide besides the token (the access key secret). */
  secrets?: readonly string[]
  /** One request's timeout (request-timeout-seconds); default 10 s. */
  requestTimeoutMs?: number
  /** The runner's cancellation: stops the calls. */
  signal?: AbortSignal | undefined
  /** The runner's environment; default process.env. */
  env?: Record<string, string | undefined>
  /** The clock the deadline is read on and the retries wait on; default the real one. */
  time?: Time
}

export type CommentOutcome =
  | { action: 'off' | 'skipped' | 'failed' }
  | { action: 'created' | 'updated' | 'unchanged'; url: string }

/** Two more tries after a 5xx or a network failure, a second apart and then two. */
const ATTEMPTS = 3
const BACKOFF_MS = [1000, 2000]
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000

/** See commentOnPullRequest. Never throws. */
export async function postComment(
  report: Report,
  options: PullRequestCommentOptions
): Promise<CommentOutcome> {
  const token = options.token.trim()
  const safe = new SafeText([...(options.secrets ?? []), token].filter(Boolean))
  const warn = (message: string): void => core.warning(safe.line(message))
  try {
    const env = options.env ?? process.env
    const event = readPullRequestEvent(env)
    if (event.kind === 'other-event') {
      core.debug(safe.line(event.why))
      return { action: 'skipped' }
    }
    if (event.kind === 'unreadable') {
      warn(`No pull request comment: ${event.why} The verdict is unchanged.`)
      return { action: 'skipped' }
    }
    if (options.signal?.aborted) {
      core.info('The step was cancelled: no pull request comment is written.')
      return { action: 'skipped' }
    }
    if (!token) {
      warn('No pull request comment: the github-token input is empty. The verdict is unchanged.')
      return { action: 'skipped' }
    }
    const budget: CallBudget = {
      deadline: options.deadline,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: options.signal,
      time: options.time ?? realTime
    }
    const marker = markerFor(safe.value(report.taskId))
    const context = { marker, run: runLinkOf(env), commit: event.target.commit?.slice(0, 7) }
    const body = renderComment(commentViewOf(report), context, safe)
    const calls = await connectGitHub(event.target, token, budget, message =>
      core.debug(safe.line(`GitHub API: ${message}`))
    )
    const outcome = await withRetries(() => upsert(calls, marker, body), event.target, budget, safe)
    if (outcome.action !== 'failed') publishUrl(outcome, event.target, safe)
    return outcome
  } catch (error) {
    // A bug of this feature: said once, and the verdict stands.
    warn(`No pull request comment: ${errorMessage(error)}. The verdict is unchanged.`)
    return { action: 'failed' }
  }
}

/** This gate's comment updated in place, or a new one. */
async function upsert(
  calls: GitHubCalls,
  marker: string,
  body: string
): Promise<Extract<CommentOutcome, { url: string }>> {
  let login: Promise<string> | undefined
  for await (const page of calls.commentPages()) {
    for (const comment of page) {
      if (!carriesMarker(comment.body, marker)) continue
      // Only the token's own comments are this gate's: someone else's copy of the marker is theirs.
      login ??= calls.tokenLogin()
      if (comment.author !== (await login)) continue
      if (comment.body === body) return { action: 'unchanged', url: comment.htmlUrl }
      return done('updated', await calls.update(comment.id, body))
    }
  }
  return done('created', await calls.create(body))
}

function done(
  action: 'created' | 'updated',
  comment: IssueComment
): Extract<CommentOutcome, { url: string }> {
  return { action, url: comment.htmlUrl }
}

/**
 * The whole find-then-write again after a transient failure: a retried create first looks for the
 * comment an earlier try may have written, so a retry never makes a second comment.
 */
async function withRetries(
  attempt: () => Promise<CommentOutcome>,
  target: PullRequestTarget,
  budget: CallBudget,
  safe: SafeText
): Promise<CommentOutcome> {
  const where = `pull request #${target.number} of ${target.owner}/${target.repo}`
  for (let tries = 1; ; tries++) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof GitHubCallError)) throw error
      const pause = BACKOFF_MS[tries - 1] ?? 0
      const more = tries < ATTEMPTS && isTransient(error.failure)
      if (!more || budget.time.now() + pause >= budget.deadline || budget.signal?.aborted) {
        core.warning(safe.line(warningFor(error, where, tries)))
        return { action: 'failed' }
      }
      core.info(
        safe.line(
          `Could not ${error.doing} (${error.failure.kind}); trying again in ${pause / 1000} s.`
        )
      )
      await budget.time.sleep(pause, budget.signal)
    }
  }
}

function publishUrl(outcome: CommentOutcome, target: PullRequestTarget, safe: SafeText): void {
  if (!('url' in outcome)) return
  const url = safe.value(outcome.url)
  const what =
    outcome.action === 'created' ? 'Wrote' : outcome.action === 'updated' ? 'Updated' : 'Kept'
  core.info(safe.line(`${what} the verdict comment on pull request #${target.number}: ${url}`))
  try {
    core.setOutput('pr-comment-url', url)
  } catch {
    core.warning('Could not write the pr-comment-url output: GITHUB_OUTPUT is not writable.')
  }
}
