import * as core from '@actions/core'
import { crashEnding, type Ending } from './ending.js'
import { runGate, type GateRun } from './gate-run.js'
import { InputError, parseInputs, stepSecrets, wantsJobSummary, type Inputs } from './inputs.js'
import { SafeLog } from './safe-log.js'
import type { PullRequestCommentOptions } from './pull-request/comment-post.js'
import { commentOnPullRequest } from './pull-request/pr-comment.js'
import { reportOf } from './report/report-model.js'
import { publishReport } from './report/publish-report.js'
import { correctionSqlFiles } from './report/correction-sql-writer.js'
import { SafeText } from './text/safe-text.js'
import { realTime, type Time } from './time.js'
import { beforeAnyPhase, type StepVerdict } from './verdict/step-verdict.js'

/**
 * The action: read the inputs, run the phases (each judged once as it ends), report the verdict.
 * Every way out reports. `time` is the clock every phase reads and waits on (tests pass one they
 * move themselves).
 */
export async function run(time: Time = realTime): Promise<void> {
  const startedAt = time.now()
  const log = openLog()
  const signals = watchSignals(log)
  const step = await runStep(log, { time, signal: signals.signal, startedAt })
  signals.verdictReached()
  const report = reportOf(
    { ...step, taskId: core.getInput('task-id').trim() },
    time.now() - startedAt
  )
  await publishReport(report, log, step.inputs?.jobSummary ?? wantsJobSummary(core.getInput))
  if (step.inputs) {
    const options = prCommentOptions(step.inputs, time, startedAt)
    await commentOnPullRequest(report, { ...options, signal: signals.commentSignal })
  }
  signals.release()
}

interface Step {
  inputs?: Inputs | undefined
  gate?: GateRun | undefined
  /** Why the step ended before any phase ran (refused inputs, a bug). */
  refused?: Ending | undefined
  decided: StepVerdict
}

async function runStep(
  log: SafeLog,
  env: { time: Time; signal: AbortSignal; startedAt: number }
): Promise<Step> {
  let inputs: Inputs | undefined
  try {
    inputs = parseInputs(core.getInput)
    const correctionSql = correctionSqlFiles(log.safe)
    const gate = await runGate(inputs, { log, ...env, correctionSql })
    return { inputs, gate, decided: gate.verdict }
  } catch (error) {
    if (error instanceof InputError) {
      // One line (and annotation) per problem: the failure's own line joins them.
      if (error.problems.length > 1)
        for (const problem of error.problems) log.error(`Invalid input: ${problem}`)
      return refused(undefined, { how: 'error', message: error.message })
    }
    if (error instanceof Error && error.stack) log.debug(error.stack)
    return refused(inputs, crashEnding(error))
  }
}

function refused(inputs: Inputs | undefined, ending: Ending): Step {
  return {
    inputs,
    refused: ending,
    decided: beforeAnyPhase(ending, inputs?.runComparison ?? false)
  }
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

/** Masks the secrets before anything can print them; makes a closed stdout harmless. */
function openLog(): SafeLog {
  const secrets = stepSecrets(core.getInput)
  for (const secret of secrets) core.setSecret(secret)
  // A reader that went away (EPIPE) must not crash the action: the exit code still tells the verdict.
  process.stdout.on('error', () => undefined)
  process.stderr.on('error', () => undefined)
  const log = new SafeLog(new SafeText(secrets))
  const accessKeySecret = core.getInput('access-key-secret').trim()
  if (accessKeySecret && accessKeySecret.length < 8) {
    log.warning(
      'access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read.'
    )
  }
  return log
}

/**
 * SIGINT/SIGTERM from the runner: cancel the wait and the pull request comment; once the verdict is
 * reached, only the comment (the summary and outputs are still written: they are local and quick).
 */
function watchSignals(log: SafeLog) {
  const wait = new AbortController()
  const comment = new AbortController()
  let reached = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (comment.signal.aborted) return
    comment.abort()
    if (reached) {
      log.warning(
        `Received ${signal} after the verdict was reached: finishing the summary; no pull request comment is written.`
      )
    } else {
      log.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`)
      wait.abort()
    }
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: wait.signal,
    commentSignal: comment.signal,
    verdictReached: () => (reached = true),
    release: () => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  }
}
