import type { Exchange } from '../exchange.js'
import { sendHooked, tellsSuccess } from '../hooks.js'
import { dataExecInfo, runActive, schemaExecInfo } from '../run-model.js'
import { createRun } from '../state.js'
import { idParam, readJsonBody, startRefusal, taskRefusal } from './common.js'
import {
  answerRun,
  comparisonOf,
  findRun,
  runContext,
  scriptOf,
  type Outcome
} from './run-common.js'

// A comparison task's run, for both kinds: POST .../execute starts one (its execId in `data`),
// GET .../queryTaskExecInfo follows it, POST .../stop stops it.

/** Why execute's body is refused, or its task ID and options. */
function readExecute(
  ex: Exchange
): { refusal: string } | { taskId: string; runNow: boolean; compareOption?: unknown } {
  const read = readJsonBody(ex)
  if ('refusal' in read) return read
  const { taskId, runNow, compareOption } = read.fields
  if (typeof taskId !== 'string' || !taskId) return { refusal: 'taskId is required' }
  const optionOk =
    compareOption === undefined ||
    (compareOption !== null && typeof compareOption === 'object' && !Array.isArray(compareOption))
  if (comparisonOf(ex) === 'data' && !optionOk) return { refusal: 'invalid compareOption' }
  return { taskId, runNow: runNow === true, compareOption }
}

export async function execute(ex: Exchange): Promise<string> {
  const asked = readExecute(ex)
  if ('refusal' in asked) return ex.reply.refuse(asked.refusal)
  const script = scriptOf(ex)
  const refusal = startRefusal(ex, asked.taskId) ?? script.executeError
  if (refusal) return ex.reply.refuse(refusal)
  // A scheduled schema task without runNow: the schedule is enabled, nothing runs now.
  const scheduleOnly = comparisonOf(ex) === 'schema' && !script.oneTime && !asked.runNow
  const run = scheduleOnly
    ? undefined
    : createRun(ex.state, asked.taskId, comparisonOf(ex), asked.compareOption)
  const natural = run ? run.execId : null
  const context = runContext(ex, { taskId: asked.taskId, execId: run?.execId }, { data: natural })
  const answer = ex.state.scenario.executeAnswer?.(context)
  const hooked = answer === undefined ? undefined : await sendHooked(ex, answer)
  // The run keeps the task busy once the client heard that it started.
  if (run) run.holdsTask = tellsSuccess(answer) && !ex.req.socket.destroyed
  return hooked ?? ex.reply.ok(natural)
}

export async function execStatus(ex: Exchange): Promise<string> {
  const schema = comparisonOf(ex) === 'schema'
  // The schema call names the task; the data call asks by execId alone.
  const taskId = schema ? (ex.query.get('taskId') ?? '') : undefined
  const refusal = taskId === undefined ? undefined : taskRefusal(ex, taskId)
  if (refusal) return ex.reply.refuse(refusal)
  const id = idParam(ex.query, 'execId', 'exec not found')
  const run = 'id' in id ? findRun(ex, id.id, taskId) : undefined
  const now = ex.state.now()
  const outcome: Outcome =
    'refusal' in id
      ? id
      : !run
        ? { refusal: 'exec not found' }
        : {
            data: schema
              ? schemaExecInfo(scriptOf(ex), run, now)
              : dataExecInfo(scriptOf(ex), run, now, ex.state.scenario.clockSkewMs ?? 0)
          }
  const asked = { taskId: taskId ?? run?.taskId ?? '', execId: 'id' in id ? id.id : undefined }
  return answerRun(ex, ex.state.scenario.execStatusAnswer, asked, outcome)
}

export async function stop(ex: Exchange): Promise<string> {
  const read = readJsonBody(ex)
  if ('refusal' in read) return ex.reply.refuse(read.refusal)
  const taskId = read.fields['taskId']
  if (typeof taskId !== 'string' || !taskId) return ex.reply.refuse('taskId is required')
  const refusal = taskRefusal(ex, taskId)
  if (refusal) return ex.reply.refuse(refusal)
  const now = ex.state.now()
  const active = ex.state.runs.filter(
    run =>
      run.taskId === taskId &&
      run.comparison === comparisonOf(ex) &&
      runActive(scriptOf(ex), run, now)
  )
  const outcome: Outcome = active.length ? { data: undefined } : { refusal: 'task status invalid' }
  const context = runContext(ex, { taskId, execId: active.at(-1)?.execId }, outcome)
  const answer = ex.state.scenario.stopAnswer?.(context)
  const hooked = answer === undefined ? undefined : await sendHooked(ex, answer)
  // The stop happens when the client is told it did (a hook's fault: it never reached NineData).
  if (active.length && tellsSuccess(answer)) for (const run of active) run.stoppedAt = now
  if (hooked !== undefined) return hooked
  return 'refusal' in outcome ? ex.reply.refuse(outcome.refusal) : ex.reply.ok(undefined)
}
