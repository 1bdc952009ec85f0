import type { Scenario } from '../../simulator/scenarios.js'
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../simulator/server.js'

// The inputs the helper scripts give the action when they run it against the simulator.

export const DEMO_TASK_ID = 'cc-demo7k2x9q'

/** Scenarios that never reach a verdict get a short timeout, so the demo shows the timeout quickly. */
export function demoTimeoutSeconds(scenario: Scenario): number {
  return scenario.stuckStatus ? 5 : 60
}

export function demoInputs(
  apiUrl: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    'api-url': apiUrl,
    'access-key-id': DEMO_ACCESS_KEY_ID,
    'access-key-secret': DEMO_ACCESS_KEY_SECRET,
    'task-id': DEMO_TASK_ID,
    'poll-interval-seconds': '1',
    ...extra
  }
}
