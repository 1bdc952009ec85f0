import type { Inputs } from './inputs.js'
import type { Log } from './ninedata/ninedata-client.js'
import { clientFor, type PhaseContext } from './phases/phase-context.js'
import { runComparison } from './phases/comparison-phase.js'
import { runPrecheck, type PrecheckPhase } from './phases/precheck-phase.js'
import type { Time } from './time.js'
import type { OpenCorrectionSql } from './phases/correction-sql-sink.js'
import type { ComparisonSeen } from './verdict/comparison-verdict.js'
import {
  afterComparison,
  afterPrecheck,
  comparisonMayStart,
  type StepVerdict
} from './verdict/step-verdict.js'

// The phases of one step, in order: the precheck, then (run-comparison, after a passing precheck)
// the comparison run. Each phase returns what it learned and is judged once as it ends; the verdict
// so far chooses the next phase. Nothing here throws.

export interface GateRun {
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
  const ctx: PhaseContext = { ...env, inputs, client, deadline }
  try {
    const precheck = await runPrecheck(ctx)
    const decided = afterPrecheck(precheck, inputs.runComparison)
    if (!comparisonMayStart(decided)) {
      return { precheck, verdict: decided, requestId: client.lastRequestId ?? '' }
    }
    const comparison = await runComparison(ctx)
    const verdict = afterComparison(decided, comparison)
    return { precheck, comparison, verdict, requestId: client.lastRequestId ?? '' }
  } finally {
    // Every way out frees the sockets.
    client.dispose()
  }
}
