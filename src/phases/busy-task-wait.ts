import { EndingError, endingOf, isBusyRefusal, type Ending } from '../ending.js'
import { StopError, type ApiError } from '../ninedata/api-errors.js'
import { getTaskDetail } from '../ninedata/task-api.js'
import { formatDuration } from '../text/wording.js'
import { visible } from '../text/clean.js'
import type { PhaseContext } from './phase-context.js'
import { pollDelayMs } from './poll-loop.js'

// `when-busy: wait`: a start refused with "task status invalid" (another precheck or run of the
// task is under way: a second workflow run, a re-run, a schedule) waits until the task is free and
// then starts this step's own precheck or run. It never follows the other one: a verdict of a run
// that began before this step could be about the database before the migration.

/** Task statuses (List / Query Main Task Details) that mean a precheck or run is under way. */
const BUSY_STATUSES = new Set(['prechecking', 'starting', 'running'])

/** Runs `start`; while NineData says the task is busy, waits (when-busy: wait) and tries again. */
export async function startWhenFree<T>(
  ctx: PhaseContext,
  what: 'precheck' | 'comparison run',
  start: () => Promise<T>
): Promise<T> {
  const wait = { polls: 0, since: 0, status: '' }
  for (;;) {
    try {
      return await start()
    } catch (error) {
      if (!isBusyRefusal(error) || ctx.inputs.whenBusy === 'fail')
        throw timedOutWaiting(error, wait, ctx)
      if (wait.polls === 0) {
        const refusal = error as ApiError
        wait.since = ctx.time.now()
        ctx.log.info(
          `Comparison task ${ctx.inputs.taskId} is busy: NineData refused to start a ${what} with ${visible(refusal.message)} (requestId ${refusal.requestId || 'none'}), so another precheck or run of it is under way. ` +
            `when-busy is wait: waiting for the task to be free (Query Main Task Details, on the poll schedule) to start this step's own ${what}, until timeout-seconds.`
        )
      }
    }
    await untilFree(ctx, wait)
  }
}

async function untilFree(
  ctx: PhaseContext,
  wait: { polls: number; since: number; status: string }
) {
  const { inputs, client } = ctx
  do {
    wait.polls++
    try {
      await client.sleep(pollDelayMs(wait.polls, inputs.pollIntervalMs))
      if (ctx.time.now() >= ctx.deadline) throw new EndingError({ how: 'timeout' })
      const detail = await getTaskDetail(client, inputs.comparison, inputs.taskId)
      if (detail.isDeleted)
        throw new EndingError({
          how: 'error',
          message: `Comparison task ${inputs.taskId} is deleted (NineData's task details say isDeleted: true).`
        })
      wait.status = detail.status
    } catch (error) {
      const doing = `The status query for busy comparison task ${inputs.taskId} failed`
      throw timedOutWaiting(new EndingError(endingOf(error, doing)), wait, ctx)
    }
  } while (BUSY_STATUSES.has(wait.status.toLowerCase()))
  ctx.log.info(
    `Comparison task ${inputs.taskId} reports ${visible(wait.status)} after ${formatDuration(ctx.time.now() - wait.since)} of waiting: starting again.`
  )
}

/** A timeout after waiting began says what the step was still waiting for; the rest pass unchanged. */
function timedOutWaiting(
  error: unknown,
  wait: { polls: number; status: string },
  ctx: PhaseContext
): unknown {
  const ending: Ending | undefined =
    error instanceof EndingError
      ? error.ending
      : error instanceof StopError
        ? endingOf(error, '')
        : undefined
  if (wait.polls === 0 || ending?.how !== 'timeout') return error
  const status = wait.status ? `; its last status was ${visible(wait.status)}` : ''
  return new EndingError({
    ...ending,
    waitingFor: `it was still waiting for comparison task ${ctx.inputs.taskId} to be free (another precheck or run of it was under way${status})`
  })
}
