import { ApiError, StopError, type Outage } from './ninedata/api-errors.js'

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
  | { how: 'error'; message: string; hint?: string | undefined }

export const FINISHED: Ending = { how: 'finished' }

/** An error that already knows how the phase ended (e.g. out of time while waiting for a busy task). */
export class EndingError extends Error {
  constructor(readonly ending: Ending) {
    super(ending.how === 'error' ? ending.message : ending.how)
    this.name = 'EndingError'
  }
}

const AUTH_HINT =
  'Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) ' +
  "and that the runner's clock is right."
const BUSY_HINT =
  'Another precheck or comparison run of this task may be under way, e.g. from a second workflow run: ' +
  'give the job a `concurrency:` group per comparison task.'

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
  return { how: 'error', message: `${doing}: ${said}${id}.`, hint: hintOf(error) }
}

/** An error this action did not expect: a bug, still reported as a readable failure. */
export function crashEnding(error: unknown): Ending {
  return {
    how: 'error',
    message: `The action crashed: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** What to check next for a failure with a likely cause; the outage's hint for a timeout. */
function hintOf(error: ApiError | undefined): string | undefined {
  if (!error) return undefined
  if (error.kind === 'auth') return AUTH_HINT
  if (isBusyRefusal(error)) return BUSY_HINT
  return error.hint && sentence(error.hint)
}

/** NineData's refusal to start a precheck or run while another one of the task is under way. */
export function isBusyRefusal(error: unknown): boolean {
  return (
    error instanceof ApiError && error.kind === 'business' && /status invalid/i.test(error.message)
  )
}

export function endingHint(ending: Ending): string | undefined {
  if (ending.how === 'error') return ending.hint
  if (ending.how === 'timeout') return hintOf(ending.outage?.lastError)
  return undefined
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
