import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { deepStatusAnswer, type NestingPlace } from '../../simulator/hostile.js'
import type { Simulator } from '../../simulator/server.js'
import {
  ACTION_NODE,
  BUNDLE,
  inputEnv,
  parseOutputFile,
  runAction,
  failureMessage
} from '../helpers/action-runner.js'
import {
  testInputs,
  stopSimulators,
  gate,
  customScenario,
  simulator,
  STACK_TRACE,
  statusHook,
  tempDir
} from '../helpers/simulator.js'

// Issue 8, class 5: the runner's environment and the answer's shape cannot turn the verdict or
// crash the action. The bundle run as a runner runs it, with the environment broken on purpose.

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

describe('an answer nested thousands of levels deep', () => {
  const cases: [string, NestingPlace, 'array' | 'object', number][] = [
    ['data: 10,000 nested objects', 'data', 'object', 10_000],
    ['data: 100,000 nested arrays', 'data', 'array', 100_000],
    ['an item errorMessage: 10,000 nested objects', 'item-field', 'object', 10_000]
  ]
  it.each(cases)('%s: a clear shape error, no stack trace', async (_label, place, shape, depth) => {
    const { result, sim } = await gate(
      statusHook(context => deepStatusAnswer(context, depth, place, shape))
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    const everything = `${result.stdout}\n${result.stderr}\n${result.summary}`
    expect(everything).not.toMatch(STACK_TRACE)
    expect(failureMessage(result)).toMatch(/documented shape|not the (documented|expected) shape/i)
  })

  it('the requestId: 10,000 nested arrays never crash the action', async () => {
    const { result } = await gate(
      statusHook(context => deepStatusAnswer(context, 10_000, 'requestId', 'array'))
    )
    expect(result.exitCode).toBe(1)
    expect(`${result.stdout}\n${result.stderr}\n${result.summary}`).not.toMatch(STACK_TRACE)
    expect(failureMessage(result)).not.toMatch(/crash/i)
  })
})

describe('an answer over the size cap', () => {
  const bytes = 70 * 1024 * 1024
  it('a 70 MiB status answer with a content-length: "too large", final, not retried', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({ huge: { bytes } })),
      {
        'timeout-seconds': '40'
      }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    expect(failureMessage(result)).toMatch(/too large|too big|over the size|exceeds/i)
    expect(result.durationMs).toBeLessThan(30_000)
  })

  it('a 70 MiB start answer sent chunked (no content-length): "too large", not retried', async () => {
    const { result, sim } = await gate(
      customScenario({ startAnswer: () => ({ huge: { bytes, chunked: true } }) }),
      { 'timeout-seconds': '40' }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    expect(failureMessage(result)).toMatch(/too large|too big|over the size|exceeds/i)
  })
})

describe('input floors: values that would round to a storm are refused, naming the input', () => {
  const refused: [string, string][] = [
    ['poll-interval-seconds', '0.0000001'],
    ['poll-interval-seconds', '0.05'],
    ['timeout-seconds', '0.5'],
    ['request-timeout-seconds', '0.001']
  ]
  it.each(refused)('%s: %s', async (input, value) => {
    const sim = await simulator('pass')
    const result = await runAction({ ...testInputs(sim.url), [input]: value })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(failureMessage(result)).toContain(`\`${input}\``)
  })

  it('the floors themselves are accepted (0.1 s poll, 1 s request timeout)', async () => {
    const sim = await simulator('pass')
    const result = await runAction({
      ...testInputs(sim.url),
      'poll-interval-seconds': '0.1',
      'request-timeout-seconds': '1'
    })
    expect(result.exitCode).toBe(0)
  })
})
