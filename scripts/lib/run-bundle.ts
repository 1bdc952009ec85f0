import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ACTION_NODE,
  BUNDLE,
  inputEnv,
  parseOutputFile
} from '../../__tests__/helpers/action-runner.js'

// Starts the bundled action the way a runner does (INPUT_* with action.yml's defaults, fresh
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a clean environment) and hands its output over line
// by line while it runs. For the scripts that need more than the test helper's runAction: live
// log lines, their own process group (so a terminal's Ctrl-C reaches the action only through the
// script, once, as a runner's cancel does) and exact start/exit moments for the benchmark.

export interface BundleRun {
  child: ChildProcess
  /** performance.now() just before the process was spawned. */
  startedAt: number
  done: Promise<BundleResult>
}

export interface BundleResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** performance.now() when the process exited. */
  exitedAt: number
  durationMs: number
  stdout: string
  outputs: Record<string, string>
  summary: string
}

export interface BundleOptions {
  /** Node binary; default ACTION_NODE (the test helper's: $ACTION_NODE or this process's node). */
  node?: string
  /** Extra environment (e.g. RUNNER_DEBUG). */
  env?: Record<string, string>
  /** Every complete stdout line, as it arrives. */
  onLine?: (line: string) => void
  onStderr?: (text: string) => void
  /** Own process group: a terminal's Ctrl-C then does not reach the action directly. */
  detached?: boolean
}

/** A runner-like environment: nothing of the developer's proxies or INPUT_* leaks in. */
export function runnerEnv(
  inputs: Record<string, string>,
  files: { output: string; summary: string; temp: string },
  extra: Record<string, string> = {}
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'])
    if (process.env[key]) env[key] = process.env[key]!
  return {
    ...env,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: files.temp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    ...inputEnv(inputs),
    ...extra
  }
}

export function startBundle(
  inputs: Record<string, string>,
  options: BundleOptions = {}
): BundleRun {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-gate-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), temp: dir }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env = runnerEnv(inputs, files, options.env)
  const startedAt = performance.now()
  const child = spawn(options.node ?? ACTION_NODE, [BUNDLE], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false
  })
  let stdout = ''
  let pending = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    if (!options.onLine) return
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop()!
    for (const line of lines) options.onLine(line)
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => options.onStderr?.(chunk))
  let exitedAt = 0
  child.on('exit', () => (exitedAt = performance.now()))
  const done = new Promise<BundleResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (exitCode, signal) => {
      if (pending && options.onLine) options.onLine(pending)
      const result: BundleResult = {
        exitCode,
        signal,
        exitedAt,
        durationMs: exitedAt - startedAt,
        stdout,
        outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8')
      }
      rmSync(dir, { recursive: true, force: true })
      resolve(result)
    })
  })
  return { child, startedAt, done }
}
