import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { expect } from '@jest/globals'
import { item, statusData } from '../../simulator/hostile.js'
import {
  SCENARIOS,
  type AnswerContext,
  type AnswerHook,
  type Scenario
} from '../../simulator/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server.js'
import { demoInputs } from '../../scripts/lib/demo-inputs.js'
import { runAction, type ActionResult, type RunOptions } from './action-runner.js'

// The test kit: start a simulator, run the bundled action against it as a runner would, and read
// what a user sees. Test files call `afterEach(stopSimulators)`, so no simulator or temp folder
// outlives its test.

export { DEMO_CREDENTIALS } from '../../scripts/lib/demo-inputs.js'
export {
  SCENARIOS,
  type AnswerContext,
  type AnswerHook,
  type FaultKind,
  type HookAnswer,
  type Scenario
} from '../../simulator/scenarios.js'
export type { Simulator } from '../../simulator/server.js'
export {
  deepStatusAnswer,
  item,
  leakedForms,
  secretForms,
  statusData,
  type NestingPlace
} from '../../simulator/hostile.js'

/** The comparison task the tests run against (any `cc-` ID: the simulator accepts every one). */
export const TEST_TASK_ID = 'cc-th6j3fs58y'
/** A data comparison task (the simulator serves `cd-` IDs on the comparedata endpoints). */
export const DATA_TASK_ID = 'cd-tg3isu1xgs'

/** Loose patterns around the facts a message must state (the exact wording is the report's). */
export const UNDOCUMENTED =
  /undocumented|not (a|one) (status )?(that )?NineData documents|not documented|not one of|no status|missing/i
export const STACK_TRACE = /Maximum call stack|RangeError|\n\s+at .+:\d+:\d+/

const cleanups: (() => Promise<void> | void)[] = []

/** Call from afterEach: closes the test's simulators and removes its temp folders. */
export async function stopSimulators(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

/** A temp folder that `stopSimulators` removes after the test. */
export function tempDir(prefix = 'ninedata-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A simulator that `stopSimulators` closes after the test. */
export async function simulator(
  scenario: string | Scenario = 'pass',
  options: Omit<SimulatorOptions, 'scenario'> = {}
): Promise<Simulator> {
  const sim = await startSimulator({ scenario, ...options })
  cleanups.push(() => sim.close())
  return sim
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

/** A named scenario whose status query is answered by `hook` (undefined: as the scenario would). */
export function statusHook(hook: AnswerHook, base = 'pass'): Scenario {
  return customScenario({ statusAnswer: hook }, base)
}

/** A passing item, for answers that need one beside the item under test. */
export const GOOD = item('srcDataSourceCheck', 'Source Connection Check', 'Success')
export const ODD_NAME = 'Odd Status Check'

/** Overall Failed, GOOD and one failed item whose message (and name) carry what is under test. */
export const failedWith =
  (errorMessage: string, itemName = 'Echo Check') =>
  (context: AnswerContext) => ({
    data: statusData(context, 'Failed', [
      GOOD,
      item('echoCheck', itemName, 'Failed', { errorMessage })
    ])
  })

/** Overall status `overall`, GOOD and an item ODD_NAME whose status is `status` (undefined: absent). */
export const answerWith = (overall: string, status: unknown) => (context: AnswerContext) => ({
  data: statusData(context, overall, [
    GOOD,
    status === undefined
      ? (({ status: _dropped, ...rest }) => rest)(item('oddCheck', ODD_NAME, null))
      : item('oddCheck', ODD_NAME, status, { errorMessage: 'see status' })
  ])
})

/** Status requests as the simulator received them, in order. */
export const statusRequests = (sim: Simulator) => sim.requests.filter(r => r.kind === 'status')

/** Start and status requests (of either comparison), in order. */
export const precheckRequests = (sim: Simulator) =>
  sim.requests.filter(r => r.kind === 'start' || r.kind === 'status')

/** The report file (report-file output) as the action wrote it. */
export interface ReportFile {
  taskId?: string
  precheckTaskId?: string
  comparison?: string
  status?: string
  items?: Record<string, unknown>[]
  verdict?: { kind?: string; passed?: boolean; reason?: string }
}

export interface Gate {
  result: ActionResult
  sim: Simulator
  /** Local time just before the simulator started (its `atMs` counts from about then). */
  simStartedAt: number
  /** The report file's JSON (undefined: no file, or not JSON). */
  report: ReportFile | undefined
  /** Whether the report-file output names a file the action left in RUNNER_TEMP. */
  reportExists: boolean
}

export interface GateOptions extends RunOptions {
  /** The access key secret: the simulator checks signatures with it and the action is given it. */
  secret?: string
}

/** Starts a simulator playing `scenario` and runs the bundled action against it to the end. */
export async function gate(
  scenario: string | Scenario,
  inputs: Record<string, string> = {},
  options: GateOptions = {},
  simOptions: Omit<SimulatorOptions, 'scenario'> = {}
): Promise<Gate> {
  const simStartedAt = Date.now()
  const secret = options.secret === undefined ? {} : { accessKeySecret: options.secret }
  const sim = await simulator(scenario, { ...secret, ...simOptions })
  return { ...(await gateOn(sim, inputs, options)), simStartedAt }
}

/** Runs the bundled action against a simulator that is already running. */
export async function gateOn(
  sim: Simulator,
  inputs: Record<string, string> = {},
  options: GateOptions = {}
): Promise<Gate> {
  const { secret, ...runOptions } = options
  const secretInput: Record<string, string> =
    secret === undefined ? {} : { 'access-key-secret': secret }
  const simStartedAt = Date.now()
  const result = await runAction(testInputs(sim.url, { ...secretInput, ...inputs }), runOptions)
  return { result, sim, simStartedAt, ...reportFileOf(result) }
}

/** The report file the report-file output names, as the action left it in RUNNER_TEMP. */
export function reportFileOf(result: ActionResult): Pick<Gate, 'report' | 'reportExists'> {
  const path = result.outputs['report-file']
  const text =
    path && dirname(path) === result.runnerTemp ? result.tempFiles[basename(path)] : undefined
  if (text === undefined) return { report: undefined, reportExists: false }
  try {
    return { report: JSON.parse(text) as ReportFile, reportExists: true }
  } catch {
    return { report: undefined, reportExists: true }
  }
}

/** Everything a user or a later step can read: log, annotations, outputs, summary, report file. */
export function everythingShown(result: ActionResult): string {
  const path = result.outputs['report-file']
  const reportText = path ? (result.tempFiles[basename(path)] ?? '') : ''
  // The runner reads `::add-mask::<secret>` itself and never shows it: not a leak.
  const stdout = result.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    stdout,
    result.stderr,
    result.summary,
    ...result.annotations.map(a => `${a.title ?? ''} ${a.message}`),
    ...Object.values(result.outputs),
    reportText
  ].join('\n')
}

/** Workflow commands in stdout other than the ones this action is expected to write. */
export function foreignCommands(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .filter(line => line.startsWith('::'))
    .filter(
      line => !/^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:]*)?::/.test(line)
    )
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
