import { endingOf, FINISHED, type Ending } from '../ending.js'
import { executeRun, getRunState, stopRun } from '../ninedata/comparison-api.js'
import type { RunState } from '../ninedata/api-types.js'
import { runProgressLine } from './progress-lines.js'
import { canonicalRunStatus, isRunSettled } from '../status/run-status.js'
import { rowTotal, type ComparisonSeen } from '../verdict/comparison-verdict.js'
import { clientFor, retriedStartNote, type PhaseContext } from './phase-context.js'
import { startWhenFree } from './busy-task-wait.js'
import { pollUntilSettled } from './poll-loop.js'
import { emptyResults, fillResults } from './result-reader.js'

// The comparison phase: start a run of the comparison task, wait until it finishes, read its
// results. Cancelled or out of time while the run goes on, it asks NineData to stop the run.

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
    return done(endingOf(error, `NineData did not start a run of comparison task ${inputs.taskId}`))
  }
  seen.stage = 'run'
  const run = await waitForRun(ctx, seen.execId)
  seen.last = run.last
  if (run.ending.how === 'cancelled' || run.ending.how === 'timeout') {
    // A run left going would hold the task: the next workflow run would get `task status invalid`.
    return done(run.ending, { stop: await stopUnfinishedRun(ctx, seen.execId) })
  }
  if (run.ending.how !== 'finished' || canonicalRunStatus(run.last?.status ?? '') !== 'success') {
    return done(run.ending)
  }
  seen.stage = 'results'
  const results = emptyResults(inputs.comparison)
  try {
    await fillResults(ctx, seen.execId, results, (rowTotal(run.last) ?? 0) > 0)
    return done(FINISHED, { results })
  } catch (error) {
    const doing = `Reading the results of comparison run ${seen.execId} failed`
    return done(endingOf(error, doing), { results })
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

/** Asks NineData to stop the run; says in the log what came of it. */
async function stopUnfinishedRun(
  ctx: PhaseContext,
  execId: string
): Promise<{ sent: boolean; message: string }> {
  const { inputs, log } = ctx
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
      `Asked NineData to stop comparison run ${execId} of task ${inputs.taskId} (requestId ${call.requestId || 'none'}).`
    )
    return { sent: true, message: '' }
  } catch (error) {
    const ending = endingOf(error, `Stopping comparison run ${execId} failed`)
    const message =
      ending.how === 'error' ? ending.message : `no answer within ${STOP_BUDGET_MS / 1000}s.`
    log.warning(`Could not stop comparison run ${execId}: ${message}`)
    return { sent: false, message }
  } finally {
    client.dispose()
  }
}
