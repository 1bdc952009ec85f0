import { endingOf, type Ending } from '../ending.js'
import { getPrecheckStatus, startPrecheck } from '../ninedata/precheck-api.js'
import type { PrecheckState } from '../ninedata/api-types.js'
import { progressKey, progressLine } from './progress-lines.js'
import { isSettled, ItemHistory } from '../status/precheck-status.js'
import type { PrecheckSeen } from '../verdict/precheck-verdict.js'
import { retriedStartNote, type PhaseContext } from './phase-context.js'
import { startWhenFree } from './busy-task-wait.js'
import { pollUntilSettled } from './poll-loop.js'

// The precheck phase: start a precheck (or pick up the given one), then wait for its verdict.

export interface PrecheckPhase extends PrecheckSeen {
  /** The precheck followed; '' when none was started. */
  precheckTaskId: string
}

export async function runPrecheck(ctx: PhaseContext): Promise<PrecheckPhase> {
  const { inputs } = ctx
  const history = new ItemHistory()
  const learned = (
    ending: Ending,
    precheckTaskId: string,
    last?: PrecheckState
  ): PrecheckPhase => ({
    ending,
    precheckTaskId,
    last,
    failedEarlier: history.failedEarlier(last),
    vanished: history.vanished(last),
    tooManyItems: history.overflowed,
    timeoutMs: inputs.timeoutMs,
    endedAt: ctx.time.now()
  })
  let precheckTaskId = inputs.precheckTaskId
  if (precheckTaskId) {
    ctx.log.info(
      `Following precheck ${precheckTaskId} of ${inputs.comparison} comparison task ${inputs.taskId} (given as precheck-task-id; nothing is started).`
    )
  } else {
    try {
      precheckTaskId = await start(ctx)
    } catch (error) {
      const doing = `NineData did not start a precheck for task ${inputs.taskId}`
      return learned(endingOf(error, doing), '')
    }
  }
  const { ending, last } = await waitForVerdict(ctx, precheckTaskId, history)
  return learned(ending, precheckTaskId, last)
}

async function start(ctx: PhaseContext): Promise<string> {
  const { inputs, log } = ctx
  log.info(
    `Starting a precheck of ${inputs.comparison} comparison task ${inputs.taskId} at ${inputs.apiUrl}.`
  )
  const started = await startWhenFree(ctx, 'precheck', () =>
    startPrecheck(ctx.client, inputs.comparison, inputs.taskId)
  )
  const id = started.precheckTaskId
  const note = retriedStartNote(started.call, 'precheck', id)
  log.info(`Started precheck ${id} (requestId ${started.call.requestId || 'none'}).${note}`)
  return id
}

function waitForVerdict(ctx: PhaseContext, precheckTaskId: string, history: ItemHistory) {
  const { inputs, client, log } = ctx
  let lastKey = ''
  return pollUntilSettled<PrecheckState>({
    poll: () => getPrecheckStatus(client, inputs.comparison, inputs.taskId, precheckTaskId),
    isSettled,
    onState: state => {
      history.note(state)
      const key = progressKey(state)
      if (key !== lastKey) log.info(progressLine(state, ctx.time.now() - ctx.startedAt))
      lastKey = key
    },
    intervalMs: inputs.pollIntervalMs,
    deadline: ctx.deadline,
    time: ctx.time,
    sleep: ms => client.sleep(ms),
    doing: `The status query for precheck ${precheckTaskId} failed`
  })
}
