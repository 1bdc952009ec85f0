import { expect } from '@jest/globals'
import { SCENARIOS, type Scenario } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server.js'
import { demoInputs } from '../../scripts/lib/demo-inputs.js'
import { runAction, type ActionResult, type RunOptions } from './action-runner.js'

// What most tests do: start a simulator, run the bundled action against it, look at both. Test
// files call `afterEach(stopSimulators)` so no simulator outlives its test.

export { DEMO_CREDENTIALS } from '../../scripts/lib/demo-inputs.js'

/** The comparison task the tests run against (any `cc-` ID: the simulator accepts every one). */
export const TEST_TASK_ID = 'cc-th6j3fs58y'

const running = new Set<Simulator>()

/** A simulator that `stopSimulators` closes after the test. */
export async function simulator(
  scenario: string | Scenario = 'pass',
  options: Omit<SimulatorOptions, 'scenario'> = {}
): Promise<Simulator> {
  const sim = await startSimulator({ scenario, ...options })
  running.add(sim)
  return sim
}

export async function stopSimulators(): Promise<void> {
  const all = [...running]
  running.clear()
  await Promise.all(all.map(sim => sim.close()))
}

/**
 * Inputs for a run against `apiUrl`: the demo credentials, a fast poll (tests wait on real time)
 * and a timeout that leaves room for the slowest fault scenario.
 */
export function testInputs(
  apiUrl: string,
  extra: Record<string, string> = {}
): Record<string, string> {
  return demoInputs(apiUrl, {
    'task-id': TEST_TASK_ID,
    'poll-interval-seconds': '0.5',
    'timeout-seconds': '30',
    ...extra
  })
}

/** A named scenario with some of its parts replaced. */
export function customScenario(overrides: Partial<Scenario>, base = 'pass'): Scenario {
  const scenario = SCENARIOS[base]
  if (!scenario) throw new Error(`no scenario ${base}`)
  return { ...scenario, name: `custom-${base}`, ...overrides }
}

export interface Gate {
  result: ActionResult
  sim: Simulator
  /** Local time just before the simulator started (its `atMs` counts from about then). */
  simStartedAt: number
}

/** Starts a simulator playing `scenario` and runs the bundled action against it to the end. */
export async function gate(
  scenario: string | Scenario,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
  simOptions: Omit<SimulatorOptions, 'scenario'> = {}
): Promise<Gate> {
  const simStartedAt = Date.now()
  const sim = await simulator(scenario, simOptions)
  const result = await runAction(testInputs(sim.url, inputs), options)
  return { result, sim, simStartedAt }
}

/** Every output a finished wait sets, with the counts of the last status seen. */
export function expectOutputs(result: ActionResult, status: string, itemCount: number): void {
  expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
  expect(result.outputs['request-id']).toMatch(/^sim-/)
  expect(result.outputs['status']).toBe(status)
  expect(result.outputs['item-count']).toBe(String(itemCount))
  expect(JSON.parse(result.outputs['items'] ?? '')).toHaveLength(itemCount)
  expect(Array.isArray(JSON.parse(result.outputs['failed-items'] ?? ''))).toBe(true)
}

/** The five items of the `pass` scenario, all passed, as a user sees them. */
export function expectPassed(result: ActionResult): void {
  expect(result.exitCode).toBe(0)
  expect(result.outputs['status']).toBe('Success')
  expect(result.outputs['item-count']).toBe('5')
  expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
  expect(JSON.parse(result.outputs['items']!)).toHaveLength(5)
  expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
  expect(result.log).toContain(`Started precheck ${result.outputs['precheck-task-id']}`)
  expect(result.log).toContain(
    'The precheck passed: NineData reported Success and all 5 check items succeeded.'
  )
}
