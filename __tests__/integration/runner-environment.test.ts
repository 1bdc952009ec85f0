import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  ACTION_NODE,
  BUNDLE,
  failureMessage,
  inputEnv,
  parseOutputFile
} from '../helpers/action-runner.js'
import {
  gate,
  simulator,
  STACK_TRACE,
  stopSimulators,
  tempDir,
  testInputs,
  type Simulator
} from '../helpers/simulator.js'

// The runner's side: files that cannot be written, a stdout whose reader went away, no summary
// file, no summary wanted. None of them turns the verdict or crashes the action. The bundled
// action, with the runner's environment broken on purpose.

afterEach(stopSimulators)

const hasWarning = (annotations: { level: string; message: string }[], pattern: RegExp) =>
  annotations.some(a => a.level === 'warning' && pattern.test(a.message))

describe('GITHUB_OUTPUT cannot be written', () => {
  it('is a directory, precheck passes: warns, still passes, still writes the summary', async () => {
    const { result } = await gate('pass', {}, { env: { GITHUB_OUTPUT: tempDir() } })
    expect(result.exitCode).toBe(0)
    expect(hasWarning(result.annotations, /output/i)).toBe(true)
    expect(result.summary).toMatch(/passed/i)
    expect(result.stderr).not.toMatch(STACK_TRACE)
  })

  it('is a directory, precheck fails: still fails with the item annotations and the summary', async () => {
    const { result } = await gate('failed', {}, { env: { GITHUB_OUTPUT: tempDir() } })
    expect(result.exitCode).toBe(1)
    expect(hasWarning(result.annotations, /output/i)).toBe(true)
    const titled = result.annotations.filter(a => a.level === 'error' && a.title !== undefined)
    expect(titled.map(a => a.title)).toEqual([
      'Source Permission Check',
      'Target Object Existence Check'
    ])
    expect(failureMessage(result)).toMatch(/Source Permission Check/)
    expect(result.summary).toMatch(/failed/i)
  })

  it('is in a folder that does not exist, precheck passes: warns and still passes', async () => {
    const missing = join(tempDir(), 'no', 'such', 'folder', 'output')
    const { result } = await gate('pass', {}, { env: { GITHUB_OUTPUT: missing } })
    expect(result.exitCode).toBe(0)
    expect(hasWarning(result.annotations, /output/i)).toBe(true)
    expect(result.summary).toMatch(/passed/i)
  })
})

/** Runs the bundle with its stdout pipe closed by the reader: at once, or after the first chunk. */
async function runWithClosedStdout(
  sim: Simulator,
  when: 'at-start' | 'after-first-chunk'
): Promise<{ exitCode: number | null; stderr: string; outputs: Record<string, string> }> {
  const dir = tempDir()
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dir,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...inputEnv(testInputs(sim.url))
  }
  const child = spawn(ACTION_NODE, [BUNDLE], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  if (when === 'at-start') child.stdout!.destroy()
  else child.stdout!.once('data', () => child.stdout!.destroy())
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000)
  const exitCode = await new Promise<number | null>(done => child.on('exit', code => done(code)))
  clearTimeout(killer)
  return { exitCode, stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')) }
}

describe('stdout closed by the reader (EPIPE)', () => {
  it('closed at once, precheck passes: exit code 0, outputs written', async () => {
    const sim = await simulator('pass')
    const run = await runWithClosedStdout(sim, 'at-start')
    expect(run.exitCode).toBe(0)
    expect(run.outputs['status']).toBe('Success')
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })

  it('closed at once, precheck fails: exit code 1', async () => {
    const sim = await simulator('failed')
    const run = await runWithClosedStdout(sim, 'at-start')
    expect(run.exitCode).toBe(1)
    expect(run.outputs['failed-count']).toBe('2')
  })

  it('closed after the first chunk, precheck passes: exit code 0', async () => {
    const sim = await simulator('pass')
    const run = await runWithClosedStdout(sim, 'after-first-chunk')
    expect(run.exitCode).toBe(0)
    expect(run.stderr).not.toMatch(STACK_TRACE)
  })
})

describe('the job summary', () => {
  it('still sets outputs and the verdict when the runner gives no summary file', async () => {
    const { result } = await gate('failed', {}, { noSummaryFile: true })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('2')
    expect(
      result.annotations.some(
        a => a.level === 'warning' && /Could not write the job summary/.test(a.message)
      )
    ).toBe(true)
  })

  it('writes no summary with job-summary: false, but still the outputs', async () => {
    const { result } = await gate('pass', { 'job-summary': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toBe('')
    expect(result.outputs['status']).toBe('Success')
  })
})
