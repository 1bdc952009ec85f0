import { NineDataClient, type ClientOptions } from '../../src/ninedata/client.js'
import { ApiError, StopError } from '../../src/ninedata/failure.js'
import { getPrecheckStatus, startPrecheck, type Started } from '../../src/ninedata/precheck.js'
import type { ComparisonKind } from '../../src/ninedata/types.js'
import { decideVerdict, type Verdict, type WaitEnd } from '../../src/verdict.js'
import { waitForPrecheck } from '../../src/wait.js'
import { seededRandom, type FakeClock } from './fake-clock.js'
import {
  customScenario,
  DEMO_CREDENTIALS,
  SCENARIOS,
  TEST_TASK_ID,
  type AnswerHook,
  type FaultKind,
  type HookAnswer,
  type Scenario
} from './simulator.js'

// The client and the wait loop in the test process, on a FakeClock, against the real simulator on
// 127.0.0.1: the action's wiring of the two (src/follow.ts) up to the verdict, and scenario hooks
// that script prechecks and outages in fake time. Only the network is real: a request takes the
// time it takes (a hung one up to request-timeout, which runs on real timers), and the simulator
// keeps its own real clock for Date headers and signature checks, so a test keeps its fake time
// under 30 s (beyond that the client would see a skew and correct for it) or its scenario sends no
// Date header.

/** What the client logged, by level. */
export interface ClientLog {
  info: string[]
  warning: string[]
  debug: string[]
}

export interface ClockedOptions extends Partial<ClientOptions> {
  /** The deadline, from the clock's now (default 30 s, as testInputs). */
  timeoutMs?: number
}

/** A client against `apiUrl` on `clock`, with the demo credentials; its log is kept. */
export function clientOnClock(
  apiUrl: string,
  clock: FakeClock,
  options: ClockedOptions = {}
): { client: NineDataClient; log: ClientLog } {
  const { timeoutMs = 30_000, ...rest } = options
  const log: ClientLog = { info: [], warning: [], debug: [] }
  const client = new NineDataClient({
    apiUrl,
    credentials: {
      accessKeyId: DEMO_CREDENTIALS['access-key-id'],
      accessKeySecret: DEMO_CREDENTIALS['access-key-secret']
    },
    requestTimeoutMs: 5000,
    pollIntervalMs: 500,
    deadline: clock.now() + timeoutMs,
    signal: new AbortController().signal,
    log: {
      info: m => log.info.push(m),
      warning: m => log.warning.push(m),
      debug: m => log.debug.push(m)
    },
    random: seededRandom(),
    time: clock,
    ...rest
  })
  return { client, log }
}

export interface FollowOptions extends ClockedOptions {
  taskId?: string
  comparison?: ComparisonKind
  /** Follow this precheck instead of starting one. */
  precheckTaskId?: string
}

/** How a followed precheck ended, judged as the action judges it. */
export interface Followed {
  /** The start call's result (undefined: a given precheck, or the start failed). */
  started: Started | undefined
  end: WaitEnd
  verdict: Verdict
  /** A failure that ended the run (an ApiError, or a StopError with its outage). */
  error: unknown
  log: ClientLog
  /** Fake ms from the start to the end. */
  tookMs: number
}

/**
 * Starts a precheck (or follows `precheckTaskId`) and waits for its end on `clock`, wired as the
 * action wires it: the client retries each call until the deadline, the wait loop polls and sleeps
 * through the client, and the verdict is made from how the wait ended.
 */
export async function followOnClock(
  apiUrl: string,
  clock: FakeClock,
  options: FollowOptions = {}
): Promise<Followed> {
  const { taskId = TEST_TASK_ID, comparison = 'schema', precheckTaskId, ...clocked } = options
  const timeoutMs = clocked.timeoutMs ?? 30_000
  const startedAt = clock.now()
  const { client, log } = clientOnClock(apiUrl, clock, { ...clocked, timeoutMs })
  let started: Started | undefined
  let end: WaitEnd
  let error: unknown
  try {
    started = precheckTaskId ? undefined : await startPrecheck(client, comparison, taskId)
    const followed = precheckTaskId ?? started!.precheckTaskId
    const waited = await waitForPrecheck({
      poll: () => getPrecheckStatus(client, comparison, taskId, followed),
      intervalMs: clocked.pollIntervalMs ?? 500,
      deadline: startedAt + timeoutMs,
      sleep: ms => client.sleep(ms),
      now: clock.now,
      onState: () => undefined
    })
    error = waited.error
    end = {
      ...waited,
      error: waited.error === undefined ? undefined : String(waited.error),
      timeoutMs,
      endedAt: clock.now()
    }
  } catch (caught) {
    if (!(caught instanceof StopError || caught instanceof ApiError)) throw caught
    error = caught
    const how =
      caught instanceof StopError
        ? { outcome: caught.reason, outage: caught.outage }
        : { outcome: 'error' as const, error: caught.message }
    end = { ...how, earlierFailures: [], timeoutMs, endedAt: clock.now() }
  } finally {
    client.dispose()
  }
  return { started, end, verdict: decideVerdict(end), error, log, tookMs: clock.now() - startedAt }
}

/** `base` with every item finished from the start: its answers are final however little real time passed. */
export function finishedAtOnce(base = 'pass', overrides: Partial<Scenario> = {}): Scenario {
  const scenario = SCENARIOS[base]
  if (!scenario) throw new Error(`no scenario ${base}`)
  return customScenario(
    {
      items: secret =>
        scenario.items(secret).map(item => ({ ...item, doneAfterMs: 0, startAfterMs: 0 })),
      durationMs: 0,
      ...overrides
    },
    base
  )
}

/**
 * A precheck that runs `ms` of fake time from the start call that created it: the scenario's
 * answers, overall Running until then. Spread into a scenario: it sets both answer hooks.
 */
export function runningFor(
  clock: FakeClock,
  ms: number
): Pick<Scenario, 'startAnswer' | 'statusAnswer'> {
  let startedAt = 0
  return {
    startAnswer: () => {
      startedAt = clock.elapsed()
      return undefined
    },
    statusAnswer: context =>
      clock.elapsed() - startedAt < ms && context.natural && 'status' in context.natural
        ? { data: { ...context.natural, status: 'Running' } }
        : undefined
  }
}

/**
 * For `ms` of fake time from the first request it sees: each of `faults` in turn; after that,
 * undefined (the answer the scenario would give).
 */
export function outageFor(clock: FakeClock, ms: number, faults: FaultKind[]): AnswerHook {
  let first: number | undefined
  return (context): HookAnswer | undefined => {
    first ??= clock.elapsed()
    return clock.elapsed() - first < ms ? { fault: faults[context.n % faults.length]! } : undefined
  }
}
