import * as core from '@actions/core'
import { followPrecheck, type FollowEnd, type Seen } from './follow.js'
import { InputError, parseInputs, wantsJobSummary, type Inputs } from './inputs.js'
import { commentOnPullRequest, type PullRequestCommentOptions } from './pull-request/comment.js'
import type { Report } from './report/model.js'
import { Publisher } from './report/publish.js'
import { SafeText } from './text/safe.js'
import { decideVerdict } from './verdict.js'

/** The action: read the inputs, follow the precheck to its end, report. Every way out reports. */
export async function run(): Promise<void> {
  const startedAt = Date.now()
  const out = openBoundary()
  const seen: Seen = {
    taskId: core.getInput('task-id').trim(),
    comparison: undefined,
    precheckTaskId: core.getInput('precheck-task-id').trim(),
    last: undefined,
    requestId: ''
  }
  const settings = { writeSummary: wantsJobSummary(core.getInput), failOnFailure: true }
  const cancel = new AbortController()
  const release = onCancelSignals(cancel, out)
  let end: FollowEnd
  let inputs: Inputs | undefined
  try {
    inputs = parseInputs(core.getInput)
    Object.assign(settings, {
      writeSummary: inputs.jobSummary,
      failOnFailure: inputs.failOnFailure
    })
    seen.comparison = inputs.comparison
    end = await followPrecheck(inputs, seen, out, cancel.signal, startedAt)
  } catch (error) {
    end = crashed(error, seen, out)
  }
  const report = reportOf(seen, end, settings.failOnFailure, Date.now() - startedAt)
  await out.publish(report, settings.writeSummary).catch(error => out.publishCrash(error))
  if (inputs) await commentOnPullRequest(report, prCommentOptions(inputs, startedAt, cancel.signal))
  // Only now: a second signal while the report is written must not cut it short.
  release()
}

/** The pull request comment: bounded by the step's own deadline, stopped by a cancellation. */
function prCommentOptions(
  inputs: Inputs,
  startedAt: number,
  signal: AbortSignal
): PullRequestCommentOptions {
  return {
    enabled: inputs.prComment,
    token: inputs.githubToken,
    deadline: startedAt + inputs.timeoutMs,
    requestTimeoutMs: inputs.requestTimeoutMs,
    secrets: [inputs.accessKeySecret],
    signal
  }
}

/** Masks the secret before anything can print it; makes a closed stdout harmless. */
function openBoundary(): Publisher {
  const secret = core.getInput('access-key-secret')
  if (secret) core.setSecret(secret)
  // A reader that went away (EPIPE) must not crash the action: the exit code still tells the verdict.
  process.stdout.on('error', () => undefined)
  process.stderr.on('error', () => undefined)
  const out = new Publisher(new SafeText(secret ? [secret.trim(), secret] : []))
  if (secret && secret.trim().length < 8) {
    out.warning(
      'access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read.'
    )
  }
  return out
}

function onCancelSignals(controller: AbortController, out: Publisher): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    out.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

/** Refused inputs, or a bug of this action: still a readable failure with what was seen. */
function crashed(error: unknown, seen: Seen, out: Publisher): FollowEnd {
  const message =
    error instanceof InputError
      ? error.message
      : `The action crashed: ${error instanceof Error ? error.message : String(error)}`
  if (!(error instanceof InputError) && error instanceof Error && error.stack)
    out.debug(error.stack)
  return {
    outcome: 'error',
    error: message,
    last: seen.last,
    earlierFailures: [],
    timeoutMs: 0,
    endedAt: Date.now()
  }
}

function reportOf(seen: Seen, end: FollowEnd, failOnFailure: boolean, durationMs: number): Report {
  return {
    verdict: decideVerdict(end),
    comparison: seen.comparison,
    taskId: seen.taskId,
    precheckTaskId: seen.precheckTaskId,
    state: end.last ?? seen.last,
    requestId: seen.requestId,
    durationMs,
    failOnFailure,
    hint: end.hint
  }
}
