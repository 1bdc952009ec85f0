import type { Scenario } from '../../simulator/scenarios.js'
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../simulator/server.js'

// The inputs the commands and the tests give the action when they run it against the simulator.

export const DEMO_TASK_ID = 'cc-demo7k2x9q'
/** A data comparison task, for the data scenarios (the simulator serves cd- IDs on /comparedata). */
export const DEMO_DATA_TASK_ID = 'cd-demo4m8w2r'

/** The demo task of the scenario's kind of comparison. */
export function demoTaskId(scenario: Scenario): string {
  return scenario.comparison === 'data' ? DEMO_DATA_TASK_ID : DEMO_TASK_ID
}

/** How the demo names the task: the scenario's datasources and databases, or its kind of task-id. */
export function demoTaskInputs(scenario: Scenario): Record<string, string> {
  return scenario.definition
    ? { 'task-id': '', ...scenario.definition }
    : { 'task-id': demoTaskId(scenario) }
}

/** The access key the simulator accepts by default. */
export const DEMO_CREDENTIALS = {
  'access-key-id': DEMO_ACCESS_KEY_ID,
  'access-key-secret': DEMO_ACCESS_KEY_SECRET
} as const

/** Scenarios that script a comparison run (compare-*, data-compare-*) are shown with run-comparison on. */
export function demoRunsComparison(scenario: Scenario): boolean {
  return scenario.run !== undefined
}

/**
 * Scenarios that never reach a verdict (a stuck precheck, a run that never ends) get a short timeout,
 * so the demo shows the timeout quickly.
 */
export function demoTimeoutSeconds(scenario: Scenario): number {
  if (scenario.stuckStatus) return 5
  if (scenario.busyForDetailPolls === Number.POSITIVE_INFINITY) return 5
  return scenario.run?.durationMs === Number.POSITIVE_INFINITY ? 6 : 60
}

/** `run-comparison: true` for a scenario that scripts a comparison run, else nothing. */
export function demoComparisonInputs(scenario: Scenario): Record<string, string> {
  return demoRunsComparison(scenario) ? { 'run-comparison': 'true' } : {}
}

/** The inputs the demo adds for a scenario: its kind of task, its timeout, the comparison run. */
export function demoScenarioInputs(scenario: Scenario): Record<string, string> {
  return {
    ...demoTaskInputs(scenario),
    'timeout-seconds': String(demoTimeoutSeconds(scenario)),
    ...demoComparisonInputs(scenario)
  }
}

export function demoInputs(
  apiUrl: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    'api-url': apiUrl,
    ...DEMO_CREDENTIALS,
    'task-id': DEMO_TASK_ID,
    'poll-interval-seconds': '1',
    ...extra
  }
}
