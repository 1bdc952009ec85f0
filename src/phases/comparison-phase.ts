import { endingOf, FINISHED, type Ending } from '../ending.js'
import { ApiError, StopError } from '../ninedata/api-errors.js'
import { executeRun, getRunState, stopRun } from '../ninedata/comparison-api.js'
import type { RunState } from '../ninedata/api-types.js'
import { runProgressLine } from './progress-lines.js'
import { canonicalRunStatus, isRunSettled } from '../status/run-status.js'
import { rowTotal, type ComparisonSeen } from '../verdict/comparison-verdict.js'
import { clientFor, retriedStartNote, type PhaseContext } from './phase-context.js'
import { startWhenFree } from './busy-task-wait.js'
import { pollUntilSettled } from './poll-loop.js'
import { emptyResults, fillResults, type ReadOutcome } from './result-reader.js'

// The comparison phase: start a run of the comparison task, wait until it finishes, read its
// results. Whenever it gives up on a run it may have started (cancelled, out of time, an unreadable
// or undocumented answer, an execute call without an answer), it asks NineData to stop the run.

/** How long the stop request may take: the runner kills the step 10 s after its first signal. */
const STOP_BUDGET_MS = 5000

export async function runComparison(ctx: PhaseContext): Promise<ComparisonSeen> {
  const { inputs } = ctx
  const seen: ComparisonSeen = {
    kind: inputs.comparison,
    ending: FINISHED,
    execId: '',
    last: undefined,
    stage: 'start',
    timeoutMs: inputs.timeoutMs,
    endedAt: 0
  }
  const done = (ending: Ending, extra: Partial<ComparisonSeen> = {}): ComparisonSeen => ({
    ...seen,
    ...extra,
    ending,
    endedAt: ctx.time.now()
  })
  try {
    seen.execId = await start(ctx)
  } catch (error) {
    const ending = endingOf(
      error,
      `NineData did not start a run of comparison task ${inputs.taskId}`
    )
    const why = startMayHaveRun(error)
    return done(ending, why ? { stop: await stopUnfinishedRun(ctx, '', why) } : {})
  }
  seen.stage = 'run'
  const run = await waitForRun(ctx, seen.execId)
  seen.last = run.last
  const why = givenUpOn(run.ending, run.last)
  // A run left going would hold the task: the next workflow run would get `task status invalid`.
  if (why) return done(run.ending, { stop: await stopUnfinishedRun(ctx, seen.execId, why) })
  if (run.ending.how !== 'finished' || canonicalRunStatus(run.last?.status ?? '') !== 'success') {
    return done(run.ending)
  }
  seen.stage = 'results'
  const results = emptyResults(inputs.comparison)
  const read: ReadOutcome = {}
  try {
    await fillResults(ctx, seen.execId, results, (rowTotal(run.last) ?? 0) > 0, read)
    return done(FINISHED, { results, correctionSqlFile: read.correctionSqlFile })
  } catch (error) {
    const doing = `Reading the results of comparison run ${seen.execId} failed`
    return done(endingOf(error, doing), { results, correctionSqlFile: read.correctionSqlFile })
  }
}

async function start(ctx: PhaseContext): Promise<string> {
  const { inputs, log } = ctx
  log.info(`Starting a run of ${inputs.comparison} comparison task ${inputs.taskId}.`)
  const started = await startWhenFree(ctx, 'comparison run', () =>
    executeRun(ctx.client, inputs.comparison, inputs.taskId)
  )
  const note = retriedStartNote(started.call, 'run', started.execId)
  log.info(
    `Started comparison run ${started.execId} (requestId ${started.call.requestId || 'none'}).${note}`
  )
  return started.execId
}

function waitForRun(ctx: PhaseContext, execId: string) {
  const { inputs, client, log } = ctx
  let lastStatus: string | undefined
  return pollUntilSettled<RunState>({
    poll: () => getRunState(client, inputs.comparison, inputs.taskId, execId),
    isSettled: state => isRunSettled(state.status),
    onState: state => {
      if (state.status !== lastStatus)
        log.info(runProgressLine(state, ctx.time.now() - ctx.startedAt))
      lastStatus = state.status
    },
    intervalMs: inputs.pollIntervalMs,
    deadline: ctx.deadline,
    time: ctx.time,
    sleep: ms => client.sleep(ms),
    doing: `The status query for comparison run ${execId} failed`
  })
}

/**
 * Why a failed start may still have started a run, or undefined: the execute call got no answer
 * (timed out or cancelled while an attempt may have reached NineData), or NineData said it started
 * one but its execId could not be read.
 */
function startMayHaveRun(error: unknown): string | undefined {
  if (error instanceof StopError && error.mayHaveActed) {
    const when = error.reason === 'cancelled' ? 'the step was cancelled' : 'timeout-seconds ran out'
    return `the execute call got no answer before ${when}, so a run may have started`
  }
  if (error instanceof ApiError && error.kind === 'protocol')
    return 'the answer to the execute call could not be read, so a run may have started'
  return undefined
}

/** Why the gate gives up on a run it started that may still be going, or undefined. */
function givenUpOn(ending: Ending, last: RunState | undefined): string | undefined {
  if (ending.how === 'cancelled') return 'the step was cancelled while the run went on'
  if (ending.how === 'timeout') return 'timeout-seconds ran out while the run went on'
  if (ending.how === 'error') return 'its status could not be read, so the gate gave up on it'
  if (last && canonicalRunStatus(last.status) === undefined)
    return 'it reported a status NineData does not document, so the gate gave up on it'
  return undefined
}

/**
 * Asks NineData to stop the task's run (the stop names only the task); says in the log what was
 * stopped, why, and what came of it. `execId` is empty when the execute call gave none.
 */
async function stopUnfinishedRun(
  ctx: PhaseContext,
  execId: string,
  why: string
): Promise<{ sent: boolean; message: string }> {
  const { inputs, log } = ctx
  const run = execId ? `comparison run ${execId}` : 'the comparison run'
  // The step's own client is cancelled already: the stop request gets one of its own.
  const client = clientFor(inputs, {
    deadline: ctx.time.now() + STOP_BUDGET_MS,
    signal: new AbortController().signal,
    log,
    time: ctx.time,
    requestTimeoutMs: Math.min(inputs.requestTimeoutMs, STOP_BUDGET_MS)
  })
  try {
    const call = await stopRun(client, inputs.comparison, inputs.taskId)
    log.warning(
      `Asked NineData to stop ${run} of task ${inputs.taskId} (requestId ${call.requestId || 'none'}): ${why}.`
    )
    return { sent: true, message: '' }
  } catch (error) {
    const ending = endingOf(error, `Stopping ${run} failed`)
    const message =
      ending.how === 'error' ? ending.message : `no answer within ${STOP_BUDGET_MS / 1000}s.`
    log.warning(`Could not stop ${run} (${why}): ${message}`)
    return { sent: false, message }
  } finally {
    client.dispose()
  }
}
