import * as core from '@actions/core'
import type { Report } from '../report/report-model.js'
import { SafeText } from '../text/safe-text.js'
import type { Time } from '../time.js'

// The one call main makes for the pull request comment. It costs nothing when pr-comment is off:
// the feature (post.ts and Octokit) is loaded with a dynamic import, so ncc puts it in chunks of
// its own that a step without the comment never reads.

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

/**
 * Writes or updates this gate's comment on the pull request of a pull_request(_target) run, and sets
 * the `pr-comment-url` output. Never throws and never changes the step's result: at most one warning.
 */
export async function commentOnPullRequest(
  report: Report,
  options: PullRequestCommentOptions
): Promise<CommentOutcome> {
  if (!options.enabled) return { action: 'off' }
  // main masks it first thing with the step's other secrets; masked here too for any other caller.
  const token = options.token.trim()
  if (token) core.setSecret(token)
  try {
    const { postComment } = await import('./comment-post.js')
    return await postComment(report, options)
  } catch (error) {
    // Only a broken install (a chunk missing from dist/) gets here: post.ts never throws.
    const safe = new SafeText([...(options.secrets ?? []), token].filter(Boolean))
    const why = error instanceof Error ? error.message : String(error)
    core.warning(safe.line(`No pull request comment: ${why}. The verdict is unchanged.`))
    return { action: 'failed' }
  }
}
