import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.js'
import { inputEnv, parseOutputFile } from './action-runner.js'
import type { FakeClock } from './fake-clock.js'
import { tempDir } from './simulator.js'

// main.run() in the test process, as a runner would start it: the inputs as INPUT_* variables, the
// runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) as real files, stdout captured.
// Measured for coverage of src/; the bundle's own runs are in action-runner.ts.

/** What an in-process run prints, captured as the runner would read it from stdout. */
export async function captureStdout(work: () => Promise<void>): Promise<string> {
  let stdout = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  }) as typeof process.stdout.write
  try {
    await work()
  } finally {
    process.stdout.write = write
  }
  return stdout
}

let files: { output: string; summary: string } | undefined

/**
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY: the same two files for every run of a test file, emptied
 * before each, because @actions/core keeps the summary's path from its first write.
 */
function runnerFiles(): { output: string; summary: string } {
  if (!files) {
    const dir = mkdtempSync(join(tmpdir(), 'gate-runner-files-'))
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  }
  return files
}

export interface InProcessRun {
  exitCode: number
  stdout: string
  outputs: Record<string, string>
  summary: string
  /** The files the action wrote to RUNNER_TEMP (report file, SQL file), by name. */
  files: Record<string, string>
}

/**
 * Runs the action once with `inputs`, on `clock`; the process's environment, exit code and stdout
 * listeners are as before afterwards. Its temp folder goes with `stopSimulators` (afterEach).
 */
export async function runInProcess(
  inputs: Record<string, string>,
  clock: FakeClock
): Promise<InProcessRun> {
  const temp = tempDir('gate-in-process-')
  const { output, summary } = runnerFiles()
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const saved = process.env
  // Each run() adds an error listener to stdout and stderr (one run a process in real life).
  const streams = [process.stdout, process.stderr] as const
  const listenersBefore = streams.map(s => s.listenerCount('error'))
  process.env = Object.fromEntries(
    Object.entries(saved).filter(([key]) => !key.startsWith('INPUT_'))
  )
  Object.assign(
    process.env,
    { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: temp },
    inputEnv(inputs)
  )
  try {
    const stdout = await captureStdout(() => run(clock))
    return {
      exitCode: Number(process.exitCode ?? 0),
      stdout,
      outputs: parseOutputFile(readFileSync(output, 'utf8')),
      summary: readFileSync(summary, 'utf8'),
      files: Object.fromEntries(
        readdirSync(temp).map(name => [name, readFileSync(join(temp, name), 'utf8')])
      )
    }
  } finally {
    process.env = saved
    process.exitCode = undefined
    streams.forEach((stream, i) => {
      for (const listener of stream.listeners('error').slice(listenersBefore[i]))
        stream.off('error', listener as () => void)
    })
  }
}
