import type { Inputs } from './inputs.js'
import type { Log } from './ninedata/ninedata-client.js'
import { clientFor, type PhaseContext } from './phases/phase-context.js'
import { runComparison } from './phases/comparison-phase.js'
import { runPrecheck, type PrecheckPhase } from './phases/precheck-phase.js'
import type { Time } from './time.js'
import type { OpenCorrectionSql } from './phases/correction-sql-sink.js'
import type { ComparisonSeen } from './verdict/comparison-verdict.js'
import { decidePrecheck } from './verdict/precheck-verdict.js'

// The phases of one step, in order: the precheck, then (run-comparison, after a passing precheck)
// the comparison run. Each phase returns what it learned; nothing here throws.

export interface GateRun {
  precheck: PrecheckPhase
  comparison?: ComparisonSeen | undefined
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
    const passed = decidePrecheck(precheck).passed
    const comparison = inputs.runComparison && passed ? await runComparison(ctx) : undefined
    return { precheck, comparison, requestId: client.lastRequestId ?? '' }
  } finally {
    // Every way out frees the sockets.
    client.dispose()
  }
}
