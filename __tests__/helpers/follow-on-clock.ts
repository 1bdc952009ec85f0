import { runGate, type GateRun } from '../../src/gate-run.js'
import { parseInputs } from '../../src/inputs.js'
import type { Verdict } from '../../src/verdict/verdict-types.js'
import type { FakeClock } from './fake-clock.js'
import {
  customScenario,
  SCENARIOS,
  testInputs,
  type AnswerHook,
  type FaultKind,
  type HookAnswer,
  type Scenario
} from './simulator.js'

// The gate (src/gate-run.ts: the precheck phase, its client and its wait loop) in the test process, on
// a FakeClock, against the real simulator on 127.0.0.1, and scenario hooks that script prechecks
// and outages in fake time. Only the network is real: a request takes the time it takes (a hung
// one up to request-timeout, which runs on real timers), and the simulator keeps its own real clock
// for Date headers and signature checks, so a test keeps its fake time under 30 s (beyond that the
// client would see a skew and correct for it) or its scenario sends no Date header.

/** What the gate logged, by level. */
export interface GateLog {
  info: string[]
  warning: string[]
  debug: string[]
}

export interface FollowOptions {
  taskId?: string
  precheckTaskId?: string
  /** timeout-seconds, in ms (default 30 s, as testInputs). */
  timeoutMs?: number
  pollIntervalMs?: number
  /** request-timeout, in ms: may be under the input's floor of 1 s, to keep hung requests short. */
  requestTimeoutMs?: number
}

/** How the gate ended on the fake clock, judged as the action judges it. */
export interface Followed {
  gate: GateRun
  /** What the precheck phase learned (its ending, last answer, precheck followed). */
  end: GateRun['precheck']
  verdict: Verdict
  log: GateLog
  /** Fake ms from the start to the end. */
  fakeElapsedMs: number
}

/** Runs the gate against `apiUrl` on `clock`, as the action does, and judges the precheck. */
export async function followOnClock(
  apiUrl: string,
  clock: FakeClock,
  options: FollowOptions = {}
): Promise<Followed> {
  const given = testInputs(apiUrl, {
    ...(options.taskId ? { 'task-id': options.taskId } : {}),
    ...(options.precheckTaskId ? { 'precheck-task-id': options.precheckTaskId } : {}),
    ...(options.timeoutMs ? { 'timeout-seconds': String(options.timeoutMs / 1000) } : {}),
    ...(options.pollIntervalMs
      ? { 'poll-interval-seconds': String(options.pollIntervalMs / 1000) }
      : {})
  })
  const parsed = parseInputs(name => given[name] ?? '')
  const inputs = options.requestTimeoutMs
    ? { ...parsed, requestTimeoutMs: options.requestTimeoutMs }
    : parsed
  const log: GateLog = { info: [], warning: [], debug: [] }
  const sink = {
    info: (m: string) => log.info.push(m),
    warning: (m: string) => log.warning.push(m),
    debug: (m: string) => log.debug.push(m)
  }
  const startedAt = clock.now()
  const signal = new AbortController().signal
  const gate = await runGate(inputs, { log: sink, time: clock, signal, startedAt })
  const end = gate.precheck
  return { gate, end, verdict: gate.verdict.precheck, log, fakeElapsedMs: clock.now() - startedAt }
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
