import type { Inputs } from './inputs.js'
import type { Log } from './ninedata/ninedata-client.js'
import { clientFor, type PhaseContext } from './phases/phase-context.js'
import { runComparison } from './phases/comparison-phase.js'
import { runPrecheck, type PrecheckPhase } from './phases/precheck-phase.js'
import { findOrCreateTask, type TaskPhase } from './phases/task-phase.js'
import type { Time } from './time.js'
import type { OpenCorrectionSql } from './phases/correction-sql-sink.js'
import type { ComparisonSeen } from './verdict/comparison-verdict.js'
import {
  afterComparison,
  afterPrecheck,
  comparisonMayStart,
  type StepVerdict
} from './verdict/step-verdict.js'

// The phases of one step, in order: the task (given, found or created), the precheck, then
// (run-comparison, after a passing precheck) the comparison run. Each phase returns what it learned
// and is judged once as it ends; the verdict so far chooses the next phase. Nothing here throws.

export interface GateRun {
  task: TaskPhase
  precheck: PrecheckPhase
  comparison?: ComparisonSeen | undefined
  /** The step's verdict, decided once from what the phases learned. */
  verdict: StepVerdict
  /** NineData's requestId of the last answer, for support. */
  requestId: string
}

export async function runGate(
  inputs: Inputs,
  env: {
    log: Log
    time: Time
    signal: AbortSignal
    startedAt: number
    correctionSql?: OpenCorrectionSql | undefined
  }
): Promise<GateRun> {
  const deadline = env.startedAt + inputs.timeoutMs
  const client = clientFor(inputs, { ...env, deadline })
  try {
    const task = await findOrCreateTask({ ...env, inputs, client, deadline })
    if (task.ending.how !== 'finished') {
      const precheck = notStarted(task, inputs.timeoutMs, env.time.now())
      const verdict = afterPrecheck(precheck, inputs.runComparison)
      return { task, precheck, verdict, requestId: client.lastRequestId ?? '' }
    }
    // From here on the gate goes on exactly as with task-id.
    const ctx: PhaseContext = {
      ...env,
      inputs: { ...inputs, taskId: task.taskId },
      client,
      deadline
    }
    const precheck = await runPrecheck(ctx)
    const decided = afterPrecheck(precheck, inputs.runComparison)
    if (!comparisonMayStart(decided)) {
      return { task, precheck, verdict: decided, requestId: client.lastRequestId ?? '' }
    }
    const comparison = await runComparison(ctx)
    const verdict = afterComparison(decided, comparison)
    return { task, precheck, comparison, verdict, requestId: client.lastRequestId ?? '' }
  } finally {
    // Every way out frees the sockets.
    client.dispose()
  }
}

/** No precheck: the task phase ended the step, and its ending is the precheck's. */
function notStarted(task: TaskPhase, timeoutMs: number, endedAt: number): PrecheckPhase {
  const ending =
    task.ending.how === 'timeout'
      ? {
          ...task.ending,
          waitingFor: `it was still looking for (or creating) the comparison task named "${task.taskName}"`
        }
      : task.ending
  return {
    ending,
    precheckTaskId: '',
    last: undefined,
    failedEarlier: [],
    vanished: [],
    tooManyItems: false,
    timeoutMs,
    endedAt
  }
}
