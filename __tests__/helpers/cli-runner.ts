import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, type ITestResult } from 'test-results-parser'
import { ACTION_NODE, ROOT, collectOutput } from './action-runner.js'
import { DEMO_CREDENTIALS } from './simulator.js'

// The other CIs' stand-in: runs the bundled command line (dist/cli.js) the way a GitLab CI or
// Jenkins job runs a script step: a clean environment with the CI's own variables and none of
// GitHub's, the job's folder as the working directory, the secret in a masked variable. Afterwards
// the exit code, the log and the files the gate left in its report folder.

export const CLI_BUNDLE = join(ROOT, 'dist', 'cli.js')

export type CiKind = 'gitlab' | 'jenkins'

/** What GitLab's runner and Jenkins set for every job (a few of each; never a GITHUB_* one). */
export function ciVariables(ci: CiKind, workspace: string): Record<string, string> {
  if (ci === 'gitlab') {
    return {
      CI: 'true',
      GITLAB_CI: 'true',
      CI_JOB_ID: '4242',
      CI_PIPELINE_ID: '77',
      CI_PROJECT_DIR: workspace,
      CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567',
      CI_SERVER_URL: 'https://gitlab.example.com'
    }
  }
  return {
    JENKINS_URL: 'https://jenkins.example.com/',
    BUILD_ID: '42',
    BUILD_NUMBER: '42',
    JOB_NAME: 'db-migration',
    WORKSPACE: workspace
  }
}

export interface CliResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Files the gate left in its report folder (name -> content). */
  reports: Record<string, string>
  /** The job's working directory (removed once the run is read). */
  workspace: string
}

export interface CliOptions {
  ci?: CiKind
  /** NINEDATA_ACCESS_KEY_SECRET; default the simulator's demo secret; null leaves it unset. */
  secret?: string | null
  /** More environment (NINEDATA_* variables, proxies); undefined removes a variable. */
  env?: Record<string, string | undefined>
  /** The report folder as given with --report-dir, relative to the workspace; default none given. */
  reportDir?: string
  /** Every complete stdout line, as it arrives. */
  onLine?: (line: string, child: ChildProcess) => void
  killAfterMs?: number
}

/** `--name value` pairs for inputs (access-key-id of the demo credentials unless given). */
export function cliArgs(apiUrl: string, flags: Record<string, string> = {}): string[] {
  const all: Record<string, string> = {
    'api-url': apiUrl,
    'access-key-id': DEMO_CREDENTIALS['access-key-id'],
    ...flags
  }
  return Object.entries(all).flatMap(([name, value]) => [`--${name}`, value])
}

/** Runs dist/cli.js with `args` to the end, in a fresh workspace folder. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const workspace = mkdtempSync(join(tmpdir(), 'ninedata-cli-job-'))
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'LANG']) {
    const value = process.env[key]
    if (value) env[key] = value
  }
  env['TMPDIR'] = workspace
  Object.assign(env, ciVariables(options.ci ?? 'gitlab', workspace))
  const secret =
    options.secret === undefined ? DEMO_CREDENTIALS['access-key-secret'] : options.secret
  if (secret !== null) env['NINEDATA_ACCESS_KEY_SECRET'] = secret
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const dirArgs = options.reportDir === undefined ? [] : ['--report-dir', options.reportDir]
  const child = spawn(ACTION_NODE, [CLI_BUNDLE, ...args, ...dirArgs], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 50_000)
  const onLine = options.onLine
  const output = collectOutput(child, onLine && (line => onLine(line, child)))
  return new Promise((resolve, reject) => {
    child.on('error', error => {
      clearTimeout(killer)
      rmSync(workspace, { recursive: true, force: true })
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(killer)
      try {
        const dir = join(workspace, options.reportDir ?? 'ninedata-gate-report')
        output.flush()
        const { stdout, stderr } = output
        resolve({ exitCode, signal, stdout, stderr, reports: readReports(dir), workspace })
      } catch (error) {
        reject(error as Error)
      } finally {
        rmSync(workspace, { recursive: true, force: true })
      }
    })
  })
}

function readReports(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  if (!existsSync(dir)) return files
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile()) files[entry.name] = readFileSync(join(dir, entry.name), 'utf8')
  return files
}

/** GitLab's collapsible section markers, as the runner's log viewer reads them. */
export const SECTION_START =
  // eslint-disable-next-line no-control-regex
  /^\x1b\[0Ksection_start:\d+:([A-Za-z0-9_.-]+)(\[collapsed=true\])?\r\x1b\[0K(.*)$/
// eslint-disable-next-line no-control-regex
export const SECTION_END = /^\x1b\[0Ksection_end:\d+:([A-Za-z0-9_.-]+)\r\x1b\[0K$/

/** The JUnit report as test-report tools read it (test-results-parser, the parser of testbeats). */
export function parseJUnit(text: string): ITestResult {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-junit-'))
  try {
    const file = join(dir, 'junit.xml')
    writeFileSync(file, text)
    return parse({ type: 'junit', files: [file] })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
