import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SCENARIOS, type AnswerHook, type Scenario } from '../../simulator/scenarios.js'
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  startSimulator,
  type Simulator
} from '../../simulator/server.js'
import { runAction, type ActionResult, type RunOptions } from '../helpers/action-runner.js'

// Shared by the hostile-* and data-comparison tests: run the bundle against a simulator that plays
// a scenario (usually with a hook that sends whatever the test wants), keep RUNNER_TEMP until the
// test has read the report file, and clean up after each test.

export const SCHEMA_TASK = 'cc-hostile7q2'
export const DATA_TASK = 'cd-hostile9k4'

/** Loose patterns around the facts a message must state (the lead owns the exact wording). */
export const UNDOCUMENTED =
  /undocumented|not (a|one) (status )?(that )?NineData documents|not documented|not one of|no status|missing/i
export const STACK_TRACE = /Maximum call stack|RangeError|\n\s+at .+:\d+:\d+/

export interface Report {
  taskId?: string
  precheckTaskId?: string
  comparison?: string
  status?: string
  items?: Record<string, unknown>[]
  verdict?: { kind?: string; passed?: boolean; reason?: string }
}

export interface GateRun {
  result: ActionResult
  sim: Simulator
  /** The report-file output's JSON, read before the temp folder is removed (undefined: none). */
  report: Report | undefined
  /** Whether the path in the report-file output existed after the run. */
  reportExists: boolean
}

const cleanups: (() => Promise<void> | void)[] = []

/** Call from afterEach: closes simulators and removes temp folders of the test. */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export function tempDir(prefix = 'ninedata-hostile-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function simulator(
  scenario: string | Scenario,
  secret = DEMO_ACCESS_KEY_SECRET
): Promise<Simulator> {
  const sim = await startSimulator({ scenario, accessKeySecret: secret })
  cleanups.push(() => sim.close())
  return sim
}

/** The pass scenario (or another) with hooks or other fields changed. */
export function scenarioWith(fields: Partial<Scenario>, base = 'pass'): Scenario {
  return { ...SCENARIOS[base]!, name: `${base}+hooks`, ...fields }
}

export function statusHook(hook: AnswerHook, base = 'pass'): Scenario {
  return scenarioWith({ statusAnswer: hook }, base)
}

export function baseInputs(
  sim: Simulator,
  secret = DEMO_ACCESS_KEY_SECRET
): Record<string, string> {
  return {
    'api-url': sim.url,
    'access-key-id': DEMO_ACCESS_KEY_ID,
    'access-key-secret': secret,
    'task-id': SCHEMA_TASK,
    'poll-interval-seconds': '0.5',
    'timeout-seconds': '30'
  }
}

export function readReport(path: string | undefined): { report?: Report; exists: boolean } {
  if (!path || !existsSync(path)) return { exists: false }
  try {
    return { report: JSON.parse(readFileSync(path, 'utf8')) as Report, exists: true }
  } catch {
    return { exists: true }
  }
}

/** Runs the bundle against a fresh simulator playing `scenario`. */
export async function gate(
  scenario: string | Scenario,
  inputs: Record<string, string> = {},
  options: RunOptions & { secret?: string } = {}
): Promise<GateRun> {
  const sim = await simulator(scenario, options.secret)
  return gateOn(sim, inputs, options)
}

/** Runs the bundle against a running simulator, with a RUNNER_TEMP that outlives the run. */
export async function gateOn(
  sim: Simulator,
  inputs: Record<string, string> = {},
  options: RunOptions & { secret?: string } = {}
): Promise<GateRun> {
  const runnerTemp = tempDir('ninedata-runner-temp-')
  const result = await runAction(
    { ...baseInputs(sim, options.secret), ...inputs },
    { ...options, env: { RUNNER_TEMP: runnerTemp, ...options.env } }
  )
  const { report, exists } = readReport(result.outputs['report-file'])
  return { result, sim, report, reportExists: exists }
}

/** Everything a user or a later step can read: log, annotations, outputs, summary, report file. */
export function everythingShown(run: GateRun): string {
  const reportText =
    run.result.outputs['report-file'] && existsSync(run.result.outputs['report-file'])
      ? readFileSync(run.result.outputs['report-file'], 'utf8')
      : ''
  // The runner reads `::add-mask::<secret>` itself and never shows it: not a leak.
  const stdout = run.result.stdout
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    stdout,
    run.result.stderr,
    run.result.summary,
    ...run.result.annotations.map(a => `${a.title ?? ''} ${a.message}`),
    ...Object.values(run.result.outputs),
    reportText
  ].join('\n')
}

/** The step's failure message(s): error annotations without a title (core.setFailed). */
export function failureText(result: ActionResult): string {
  return result.annotations
    .filter(a => a.level === 'error' && a.title === undefined)
    .map(a => a.message)
    .join('\n')
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

/** Status requests as the simulator received them, in order. */
export const statusRequests = (sim: Simulator) => sim.requests.filter(r => r.kind === 'status')
