import type { Inputs } from '../inputs.js'
import { NineDataClient, type Log } from '../ninedata/ninedata-client.js'
import type { Time } from '../time.js'
import type { OpenCorrectionSql } from './correction-sql-sink.js'

/** What every phase works with: one client, one log, one clock, one deadline for the whole step. */
export interface PhaseContext {
  inputs: Inputs
  client: NineDataClient
  log: Log
  time: Time
  signal: AbortSignal
  /** Local epoch ms when the step started. */
  startedAt: number
  /** Local epoch ms: startedAt + timeout-seconds. */
  deadline: number
  /** Where the schema run's correction SQL is written as it is read (none: not written). */
  correctionSql?: OpenCorrectionSql | undefined
}

/** "; this run follows X only": what a retried start call means for the user. */
export function retriedStartNote(
  call: { attempts: number; unclearAttempts: number },
  what: string,
  id: string
): string {
  if (call.unclearAttempts > 0) {
    const times =
      call.unclearAttempts === 1 ? '1 earlier attempt' : `${call.unclearAttempts} earlier attempts`
    return ` ${times} of the start call got no usable answer, so NineData may have started other ${what}s for this task; this run follows ${id} only.`
  }
  return call.attempts > 1
    ? ` Earlier attempts did not reach NineData; this run follows ${id} only.`
    : ''
}

/** The signed client for the step's inputs, within the given limits. */
export function clientFor(
  inputs: Inputs,
  limits: { deadline: number; signal: AbortSignal; log: Log; time: Time; requestTimeoutMs?: number }
): NineDataClient {
  return new NineDataClient({
    apiUrl: inputs.apiUrl,
    credentials: { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret },
    requestTimeoutMs: limits.requestTimeoutMs ?? inputs.requestTimeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    deadline: limits.deadline,
    signal: limits.signal,
    log: limits.log,
    time: limits.time
  })
}
