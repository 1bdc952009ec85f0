import type { Exchange } from '../exchange.js'
import { hookBase, runHook, sendHooked, tellsSuccess } from '../hooks.js'
import { precheckAnswer } from '../precheck-model.js'
import { addPrecheck } from '../state.js'
import type { AnswerContext } from '../types.js'
import { bodyTaskId, startRefusal, taskRefusal } from './common.js'

// The precheck of either comparison: POST .../precheck/start {taskId} and
// GET .../precheck/status?taskId&precheckTaskId.

function context(
  ex: Exchange,
  taskId: string,
  precheckTaskId: string,
  natural: AnswerContext['natural']
): AnswerContext {
  return {
    ...hookBase(ex),
    comparison: ex.comparison ?? 'schema',
    taskId,
    precheckTaskId,
    natural
  }
}

export async function startPrecheck(ex: Exchange): Promise<string> {
  const asked = bodyTaskId(ex)
  if ('refusal' in asked) return ex.reply.refuse(asked.refusal)
  const { taskId } = asked
  const refusal = startRefusal(ex, taskId) ?? ex.state.scenario.startError
  if (refusal) return ex.reply.refuse(refusal)
  const precheckTaskId = addPrecheck(ex.state, taskId, 0, false)
  const natural = { taskId, precheckTaskId }
  const answer = ex.state.scenario.startAnswer?.(context(ex, taskId, precheckTaskId, natural))
  const hooked = answer === undefined ? undefined : await sendHooked(ex, answer)
  // The precheck keeps the task busy once the client heard that it started.
  const run = ex.state.prechecks.get(precheckTaskId)!
  run.holdsTask = tellsSuccess(answer) && !ex.req.socket.destroyed
  return hooked ?? ex.reply.ok(natural)
}

export async function precheckStatus(ex: Exchange): Promise<string> {
  const taskId = ex.query.get('taskId') ?? ''
  const precheckTaskId = ex.query.get('precheckTaskId') ?? ''
  const refusal = taskRefusal(ex, taskId)
  if (refusal) return ex.reply.refuse(refusal)
  const run = ex.state.prechecks.get(precheckTaskId)
  const natural =
    run !== undefined && run.taskId === taskId
      ? precheckAnswer(ex.state.scenario, run, precheckTaskId, ex.state.now())
      : undefined
  const hooked = await runHook(
    ex,
    ex.state.scenario.statusAnswer,
    context(ex, taskId, precheckTaskId, natural)
  )
  if (hooked !== undefined) return hooked
  return natural ? ex.reply.ok(natural) : ex.reply.refuse('precheck task not found')
}
