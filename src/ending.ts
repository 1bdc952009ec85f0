import { HINTS } from './hints.js'
import { ApiError, StopError, type Outage } from './ninedata/api-errors.js'
import { errorMessage } from './error-message.js'

// How a phase ended: one type for both phases, made from whatever ended it.

export type Ending =
  | { how: 'finished' }
  | {
      how: 'timeout'
      outage?: Outage | undefined
      /** Set when the time ran out before this step could start: what it was still waiting for. */
      waitingFor?: string | undefined
    }
  | { how: 'cancelled'; outage?: Outage | undefined }
  | { how: 'error'; message: string; hint?: string | undefined; hintFirst?: boolean | undefined }

export const FINISHED: Ending = { how: 'finished' }

/** An error that already knows how the phase ended (e.g. out of time while waiting for a busy task). */
export class EndingError extends Error {
  constructor(readonly ending: Ending) {
    super(ending.how === 'error' ? ending.message : ending.how)
    this.name = 'EndingError'
  }
}

/**
 * The ending an error stands for. `doing` says what failed ("The status query for precheck X
 * failed"). A bug of this action is an ending too: reported like any error, never rethrown.
 */
export function endingOf(error: unknown, doing: string): Ending {
  if (error instanceof EndingError) return error.ending
  if (error instanceof StopError) {
    return error.reason === 'timeout'
      ? { how: 'timeout', outage: error.outage }
      : { how: 'cancelled', outage: error.outage }
  }
  if (!(error instanceof ApiError)) return crashEnding(error)
  const id = error.requestId ? ` (requestId ${error.requestId})` : ''
  const said =
    error.kind === 'business'
      ? `NineData said "${error.message}"`
      : error.kind === 'auth'
        ? `NineData rejected the credentials or the request signature: "${error.message}"`
        : error.kind === 'protocol'
          ? `${error.message}. This is not treated as a pass`
          : error.message
  const ending: Ending = { how: 'error', message: `${doing}: ${said}${id}.`, hint: hintOf(error) }
  return error.misaddressed ? { ...ending, hintFirst: true } : ending
}

/** An error this action did not expect: a bug, still reported as a readable failure. */
export function crashEnding(error: unknown): Ending {
  return {
    how: 'error',
    message: `The action crashed: ${errorMessage(error)}`
  }
}

/** What to check next for a failure with a likely cause; the outage's hint for a timeout. */
function hintOf(error: ApiError | undefined): string | undefined {
  if (!error) return undefined
  if (error.kind === 'auth') return HINTS.credentials
  if (isBusyRefusal(error)) return HINTS.busyTask
  if (error.kind === 'business' && /(?<!precheck )task not found/i.test(error.message))
    return HINTS.taskNotFound
  return error.hint && sentence(error.hint)
}

/** NineData's refusal to start a precheck or run while another one of the task is under way. */
export function isBusyRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError && error.kind === 'business' && /status invalid/i.test(error.message)
  )
}

/** What to check next: the error's hint, or for a timeout or a cancel the hint of its outage. */
export function endingHint(ending: Ending): string | undefined {
  if (ending.how === 'error') return ending.hint
  if (ending.how === 'timeout' || ending.how === 'cancelled')
    return hintOf(ending.outage?.lastError)
  return undefined
}

/**
 * Whether the hint comes before the reason: when NineData never answered and the failures point at
 * `api-url`, the address is the likely fix, not a longer timeout-seconds.
 */
export function hintLeads(ending: Ending): boolean {
  if (ending.how === 'error') return ending.hintFirst === true
  if (ending.how === 'timeout' || ending.how === 'cancelled')
    return ending.outage?.lastError.misaddressed === true
  return false
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
