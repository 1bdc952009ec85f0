import type { Exchange } from './exchange.js'
import { applyFault } from './faults.js'
import type { HookAnswer } from './types.js'

// Scenario hooks: a test's function that answers a request instead of the simulator.

/** What every hook context carries, whatever the endpoint. */
export interface HookBase {
  n: number
  requestId: string
  secret: string
  sinceFirstMs: number
}

export function hookBase(ex: Exchange): HookBase {
  const now = ex.state.now()
  const first = ex.state.firstApiRequestAt ?? now
  return {
    n: ex.kind ? ex.state.counters[ex.kind] : 0,
    requestId: ex.reply.requestId,
    secret: ex.state.secret,
    sinceFirstMs: now - first
  }
}

/** Asks `hook`; sends its answer and says what was sent, or undefined to answer as usual. */
export async function runHook<C>(
  ex: Exchange,
  hook: ((context: C) => HookAnswer | undefined) | undefined,
  context: C
): Promise<string | undefined> {
  const answer = hook?.(context)
  return answer === undefined ? undefined : sendHooked(ex, answer)
}

/**
 * Whether a start answered this way tells the client its call succeeded: the usual answer (no hook,
 * or a delay before it) or a `{ data }` envelope that does not say `success: false`.
 */
export function tellsSuccess(answer: HookAnswer | undefined): boolean {
  if (answer === undefined) return true
  if ('fault' in answer) return answer.fault.type === 'delay'
  return 'data' in answer && answer.success !== false
}

/** Sends what a hook asked for; undefined when it asked for the usual answer (after a delay). */
export async function sendHooked(ex: Exchange, answer: HookAnswer): Promise<string | undefined> {
  ex.record.hooked = true
  if ('fault' in answer) return applyFault(ex, answer.fault)
  if ('huge' in answer) return ex.reply.huge(answer.huge.bytes, answer.huge.chunked ?? false)
  if ('json' in answer) return ex.reply.send(200, JSON.stringify(answer.json))
  if ('body' in answer) return ex.reply.raw(answer)
  return ex.reply.send(
    200,
    JSON.stringify({
      success: answer.success ?? true,
      requestId: 'requestId' in answer ? answer.requestId : ex.reply.requestId,
      ...(answer.message !== undefined ? { message: answer.message } : {}),
      ...(answer.data !== undefined ? { data: answer.data } : {})
    })
  )
}
