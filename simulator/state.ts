import { randomBytes } from 'node:crypto'
import { precheckSettled } from './precheck-model.js'
import { runActive, scriptedResults, type ComparisonRun } from './run-model.js'
import { consoleTasksOf, DEFAULT_TASKS } from './tasks.js'
import type {
  Comparison,
  ConsoleTask,
  RecordedRequest,
  RequestKind,
  Scenario,
  SimItem
} from './types.js'

// Everything the simulator remembers, in one object: the scenario it plays and the credentials it
// accepts, the tasks it knows, the prechecks and comparison runs it started, the requests it
// received and how many of each kind.

/** A precheck the simulator knows: started by a request, or added by a test. */
export interface PrecheckRun {
  taskId: string
  startedAt: number
  items: SimItem[]
  /**
   * Whether the precheck keeps its task busy until it settles: once the client was told it started
   * (a start whose answer a hook replaced by a fault, or that reached no one, started nothing the
   * client knows of).
   */
  holdsTask?: boolean
}

export interface SimState {
  scenario: Scenario
  accessKeyId: string
  secret: string
  /** The task IDs NineData would find. */
  tasks: Set<string>
  /** Date.now() when the simulator started (recorded requests' atMs count from it). */
  bootedAt: number
  /**
   * The scenario's clock (epoch ms): when prechecks and runs started, how far along they are, and
   * hooks' sinceFirstMs. Date headers, signatures and arrival times stay on the real clock.
   */
  now: () => number
  /** The console's schema comparison tasks, oldest first (the list answers newest first). */
  consoleTasks: ConsoleTask[]
  /** Prechecks by precheck task ID. */
  prechecks: Map<string, PrecheckRun>
  /** Comparison runs, in the order they were started. */
  runs: ComparisonRun[]
  /** The next run's execId (NineData's are numbers; the docs' example is 46958). */
  nextExecId: number
  /** The next result's progressId (unique across runs, so one names a single run's result). */
  nextProgressId: number
  /** Every request, in order of arrival (scripts wrap its push to time arrivals). */
  requests: RecordedRequest[]
  /** Requests per endpoint kind, both comparisons together. */
  counters: Record<RequestKind, number>
  /** now() at the first API request other than /openapi/now (hooks' sinceFirstMs). */
  firstApiRequestAt: number | undefined
}

export function createState(
  scenario: Scenario,
  credentials: { accessKeyId: string; secret: string },
  tasks: readonly string[] = [],
  now: () => number = Date.now
): SimState {
  const consoleTasks = consoleTasksOf(scenario.consoleTasks)
  return {
    scenario,
    ...credentials,
    tasks: new Set([
      ...DEFAULT_TASKS,
      ...(scenario.tasks ?? []),
      ...tasks,
      ...consoleTasks.map(t => t.taskId)
    ]),
    consoleTasks,
    bootedAt: Date.now(),
    now,
    prechecks: new Map(),
    runs: [],
    nextExecId: 46958,
    nextProgressId: 2934527,
    requests: [],
    counters: {
      start: 0,
      status: 0,
      now: 0,
      execute: 0,
      execStatus: 0,
      results: 0,
      correctionSql: 0,
      tableSummary: 0,
      diffDetails: 0,
      stop: 0,
      taskList: 0,
      createTask: 0,
      taskDetail: 0
    },
    firstApiRequestAt: undefined
  }
}

/** NineData's clock: the real one moved by the scenario's skew. */
export function serverNow(state: SimState): number {
  return Date.now() + (state.scenario.clockSkewMs ?? 0)
}

/** A random ID such as `pcte-3f9a0c1b2d4e`. */
export function newId(prefix: string, bytes = 6): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`
}

/**
 * Registers a precheck of `taskId` that started `startedMsAgo` ago (the task becomes known); returns
 * its ID. `holdsTask`: whether it keeps the task busy until it settles.
 */
export function addPrecheck(
  state: SimState,
  taskId: string,
  startedMsAgo = 0,
  holdsTask = true
): string {
  const id = newId('pcte-')
  state.tasks.add(taskId)
  state.prechecks.set(id, {
    taskId,
    startedAt: state.now() - startedMsAgo,
    items: state.scenario.items(state.secret),
    holdsTask
  })
  return id
}

/** Starts a comparison run of `taskId` with the scenario's results; it holds the task once told. */
export function createRun(
  state: SimState,
  taskId: string,
  comparison: Comparison,
  compareOption?: unknown
): ComparisonRun {
  const run: ComparisonRun = {
    execId: state.nextExecId++,
    taskId,
    comparison,
    startedAt: state.now(),
    holdsTask: false,
    ...(compareOption !== undefined ? { compareOption } : {}),
    ...scriptedResults(state.scenario, comparison, state.secret, () => state.nextProgressId++)
  }
  state.runs.push(run)
  return run
}

/**
 * Whether `taskId` has a precheck or comparison run under way that holds it (NineData then
 * refuses another start with "task status invalid").
 */
export function taskBusy(state: SimState, taskId: string, now: number): boolean {
  if (state.counters.taskDetail < (state.scenario.busyForDetailPolls ?? 0)) return true
  for (const run of state.prechecks.values())
    if (run.taskId === taskId && run.holdsTask && !precheckSettled(state.scenario, run, now))
      return true
  const script = state.scenario.run ?? {}
  return state.runs.some(
    run => run.taskId === taskId && run.holdsTask && runActive(script, run, now)
  )
}
