import type { Inputs } from './inputs.js'
import { NineDataClient } from './ninedata/client.js'
import { ApiError, StopError } from './ninedata/failure.js'
import { getPrecheckStatus, startPrecheck } from './ninedata/precheck.js'
import type { ComparisonKind, PrecheckItem, PrecheckState } from './ninedata/types.js'
import type { Publisher } from './report/publish.js'
import { progressKey, progressLine } from './report/progress.js'
import { plural } from './text/words.js'
import type { WaitEnd } from './verdict.js'
import { waitForPrecheck } from './wait.js'

// The story of one run: start a precheck (or pick up the given one), then wait for its verdict.

/** What the run has learned so far: kept up to date, so every way out can report it. */
export interface Seen {
  taskId: string
  comparison: ComparisonKind | undefined
  precheckTaskId: string
  last: PrecheckState | undefined
  requestId: string
}

export interface FollowEnd extends WaitEnd {
  hint?: string | undefined
}

const AUTH_HINT =
  'Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) ' +
  "and that the runner's clock is right."
const BUSY_HINT =
  'Another precheck or comparison run of this task may be under way, e.g. from a second workflow run: ' +
  'give the job a `concurrency:` group per comparison task.'

export async function followPrecheck(
  inputs: Inputs,
  seen: Seen,
  log: Publisher,
  signal: AbortSignal,
  startedAt: number
): Promise<FollowEnd> {
  const deadline = startedAt + inputs.timeoutMs
  const client = new NineDataClient({
    apiUrl: inputs.apiUrl,
    credentials: { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret },
    requestTimeoutMs: inputs.requestTimeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    deadline,
    signal,
    log
  })
  const ending = {
    timeoutMs: inputs.timeoutMs,
    earlierFailures: [] as PrecheckItem[],
    last: undefined
  }
  try {
    try {
      seen.precheckTaskId = inputs.precheckTaskId || (await start(client, inputs, log))
    } catch (error) {
      const doing = `NineData did not start a precheck for task ${inputs.taskId}`
      return { ...ending, ...failed(error, doing) }
    }
    if (inputs.precheckTaskId) {
      log.info(
        `Following precheck ${inputs.precheckTaskId} of ${inputs.comparison} comparison task ${inputs.taskId} (given as precheck-task-id; nothing is started).`
      )
    }
    return await wait(client, inputs, seen, log, { startedAt, deadline })
  } finally {
    // Every way out: keep NineData's last requestId for the report, and free the sockets.
    seen.requestId = client.lastRequestId ?? ''
    client.dispose()
  }
}

async function start(client: NineDataClient, inputs: Inputs, log: Publisher): Promise<string> {
  log.info(
    `Starting a precheck of ${inputs.comparison} comparison task ${inputs.taskId} at ${inputs.apiUrl}.`
  )
  const started = await startPrecheck(client, inputs.comparison, inputs.taskId)
  const id = started.precheckTaskId
  const { attempts, unclearAttempts } = started.call
  // A retried start may have started prechecks we never heard of: say which one is followed.
  const retried =
    unclearAttempts > 0
      ? ` ${plural(unclearAttempts, 'earlier attempt')} of the start call got no usable answer, so NineData may have started other prechecks for this task; this run follows ${id} only.`
      : attempts > 1
        ? ` Earlier attempts did not reach NineData; this run follows ${id} only.`
        : ''
  log.info(`Started precheck ${id} (requestId ${started.call.requestId || 'none'}).${retried}`)
  return id
}

async function wait(
  client: NineDataClient,
  inputs: Inputs,
  seen: Seen,
  log: Publisher,
  time: { startedAt: number; deadline: number }
): Promise<FollowEnd> {
  let lastKey = ''
  const result = await waitForPrecheck({
    poll: () => getPrecheckStatus(client, inputs.comparison, inputs.taskId, seen.precheckTaskId),
    intervalMs: inputs.pollIntervalMs,
    deadline: time.deadline,
    sleep: ms => client.sleep(ms),
    onState: state => {
      seen.last = state
      const key = progressKey(state)
      if (key !== lastKey) log.info(progressLine(state, Date.now() - time.startedAt, log.safe))
      lastKey = key
    }
  })
  const { error, ...rest } = result
  const end = { ...rest, timeoutMs: inputs.timeoutMs, endedAt: Date.now() }
  if (result.outcome !== 'error') return end
  return { ...end, ...failed(error, `The status query for precheck ${seen.precheckTaskId} failed`) }
}

/** How a failed call ends the run: the outcome, a message with context and NineData's requestId, a hint. */
function failed(
  error: unknown,
  doing: string
): Omit<FollowEnd, 'timeoutMs' | 'earlierFailures' | 'last'> {
  const endedAt = Date.now()
  if (error instanceof StopError) {
    const hint = error.outage?.lastError.hint
    return { outcome: error.reason, outage: error.outage, endedAt, hint: hint && sentence(hint) }
  }
  if (!(error instanceof ApiError)) throw error
  const id = error.requestId ? ` (requestId ${error.requestId})` : ''
  const said =
    error.kind === 'business'
      ? `NineData said "${error.message}"`
      : error.kind === 'auth'
        ? `NineData rejected the credentials or the request signature: "${error.message}"`
        : error.kind === 'protocol'
          ? `${error.message}. This is not treated as a pass`
          : error.message
  const hint =
    error.kind === 'auth'
      ? AUTH_HINT
      : error.kind === 'business' && /status invalid/i.test(error.message)
        ? BUSY_HINT
        : error.hint && sentence(error.hint)
  return { outcome: 'error', error: `${doing}: ${said}${id}.`, hint, endedAt }
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
