import * as core from '@actions/core'
import type { Report } from '../report/report-model.js'
import { SafeText } from '../text/safe-text.js'
import type { CommentOutcome, PullRequestCommentOptions } from './comment-post.js'
import { errorMessage } from '../error-message.js'

// The one call main makes for the pull request comment. It costs nothing when pr-comment is off:
// the feature (comment-post.ts and Octokit) is loaded with a dynamic import, so the bundle puts it
// in chunks of its own that a step without the comment never reads; its types are erased, not loaded.

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
    // Only a broken install (a chunk missing from dist/) gets here: comment-post.ts never throws.
    const safe = new SafeText([...(options.secrets ?? []), token].filter(Boolean))
    const why = errorMessage(error)
    core.warning(safe.line(`No pull request comment: ${why}. The verdict is unchanged.`))
    return { action: 'failed' }
  }
}
