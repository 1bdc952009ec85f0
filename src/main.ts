import * as core from '@actions/core'
import { openLog, runStep, warnIfShortSecret } from './gate-step.js'
import { stepSecrets, wantsJobSummary, type Inputs } from './inputs.js'
import type { PullRequestCommentOptions } from './pull-request/comment-post.js'
import { commentOnPullRequest } from './pull-request/pr-comment.js'
import { correctionSqlFiles } from './report/correction-sql-writer.js'
import { reportOf } from './report/report-model.js'
import { publishReport } from './report/publish-report.js'
import { watchSignals } from './stop-signals.js'
import { githubSurface } from './surface/github-surface.js'
import { realTime, type Time } from './time.js'

/**
 * The action: read the inputs, run the phases (each judged once as it ends), report the verdict.
 * Every way out reports. `time` is the clock every phase reads and waits on (tests pass one they
 * move themselves).
 */
export async function run(time: Time = realTime): Promise<void> {
  const startedAt = time.now()
  const surface = githubSurface()
  const log = openLog(surface, stepSecrets(core.getInput))
  warnIfShortSecret(log, core.getInput('access-key-secret'))
  const signals = watchSignals(log)
  const step = await runStep(
    core.getInput,
    log,
    { time, signal: signals.signal, startedAt },
    { correctionSql: correctionSqlFiles(log.safe) }
  )
  signals.verdictReached()
  const report = reportOf(
    { ...step, taskId: core.getInput('task-id').trim() },
    time.now() - startedAt
  )
  const summary = step.inputs?.jobSummary ?? wantsJobSummary(core.getInput)
  await publishReport(report, log, surface, summary)
  if (step.inputs) {
    const options = prCommentOptions(step.inputs, time, startedAt)
    await commentOnPullRequest(report, { ...options, signal: signals.commentSignal })
  }
  signals.release()
}

/** A timed-out gate still gets a little time to say so on the pull request. */
const COMMENT_GRACE_MS = 10_000

/**
 * The pull request comment: bounded by the step's deadline, or a few seconds after the verdict when
 * timeout-seconds ran out, so a timeout replaces an older verdict rather than leaving it standing.
 */
function prCommentOptions(
  inputs: Inputs,
  time: Time,
  startedAt: number
): PullRequestCommentOptions {
  return {
    enabled: inputs.prComment,
    token: inputs.githubToken,
    deadline: Math.max(startedAt + inputs.timeoutMs, time.now() + COMMENT_GRACE_MS),
    requestTimeoutMs: inputs.requestTimeoutMs,
    secrets: [inputs.accessKeySecret],
    time
  }
}
