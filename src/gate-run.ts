import type { Inputs } from './inputs.js'
import type { Log } from './ninedata/ninedata-client.js'
import { clientFor, type PhaseContext } from './phases/phase-context.js'
import { runComparison } from './phases/comparison-phase.js'
import { runPrecheck, type PrecheckPhase } from './phases/precheck-phase.js'
import { findOrCreateTask, type TaskPhase } from './phases/task-phase.js'
import type { Time } from './time.js'
import type { ComparisonSeen } from './verdict/comparison-verdict.js'
import { decidePrecheck } from './verdict/precheck-verdict.js'

// The phases of one step, in order: the task (given, found or created), the precheck, then (run-comparison, after a passing precheck)
// the comparison run. Each phase returns what it learned; nothing here throws.

export interface GateRun {
  task: TaskPhase
  precheck: PrecheckPhase
  comparison?: ComparisonSeen | undefined
  /** NineData's requestId of the last answer, for support. */
  requestId: string
}

export async function runGate(
  inputs: Inputs,
  env: { log: Log; time: Time; signal: AbortSignal; startedAt: number }
): Promise<GateRun> {
  const deadline = env.startedAt + inputs.timeoutMs
  const client = clientFor(inputs, { ...env, deadline })
  try {
    const task = await findOrCreateTask({ ...env, inputs, client, deadline })
    if (task.ending.how !== 'finished') {
      const precheck = notStarted(task, inputs.timeoutMs, env.time.now())
      return { task, precheck, requestId: client.lastRequestId ?? '' }
    }
    // From here on the gate goes on exactly as with task-id.
    const ctx: PhaseContext = {
      ...env,
      inputs: { ...inputs, taskId: task.taskId },
      client,
      deadline
    }
    const precheck = await runPrecheck(ctx)
    const passed = decidePrecheck(precheck).passed
    const comparison = inputs.runComparison && passed ? await runComparison(ctx) : undefined
    return { task, precheck, comparison, requestId: client.lastRequestId ?? '' }
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
