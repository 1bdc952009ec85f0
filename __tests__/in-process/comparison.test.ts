import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '../../src/main.js'
import type { Scenario } from '../../simulator/scenarios.js'
import { captureStdout } from '../helpers/stdout.js'
import { inputEnv, parseOutputFile, visibleText } from '../helpers/action-runner.js'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// main.run() in-process against the simulator with run-comparison on: the comparison phase's paths
// as the bundle tests take them, measured for coverage of the source. The action and the simulator's
// scenario share a FakeClock: the precheck, the run and timeout-seconds pass in fake time, and only
// the requests take real time.

let dir: string
const saved = { ...process.env }
// Each run() adds an error listener to stdout and stderr (one run a process in real life).
const streams = [process.stdout, process.stderr] as const
const listenersBefore = streams.map(s => s.listenerCount('error'))

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gate-compare-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  await stopSimulators()
  process.env = { ...saved }
  process.exitCode = undefined
  streams.forEach((stream, i) => {
    for (const listener of stream.listeners('error').slice(listenersBefore[i]))
      stream.off('error', listener as () => void)
  })
})

/**
 * Runs the action in this process against `scenario`, both on `clock`; the runner's files are real
 * files.
 */
async function runInProcess(
  scenario: string | Scenario,
  extra: Record<string, string> = {},
  clock = new FakeClock()
) {
  const sim = await simulator(scenario, { now: clock.now })
  const temp = mkdtempSync(join(dir, 'temp-'))
  const output = join(dir, 'output')
  const summary = join(dir, 'summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  Object.assign(
    process.env,
    { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: temp },
    inputEnv(testInputs(sim.url, compareInputs(scenario, extra)))
  )
  const stdout = await captureStdout(() => run(clock))
  const exitCode = process.exitCode ?? 0
  process.exitCode = undefined
  const files = Object.fromEntries(
    readdirSync(temp).map(name => [name, readFileSync(join(temp, name), 'utf8')])
  )
  return {
    sim,
    exitCode,
    stdout,
    files,
    outputs: parseOutputFile(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8')
  }
}

describe('run() with run-comparison', () => {
  it('fails on differing schema objects and writes the SQL file', async () => {
    const r = await runInProcess(quickRun('compare-differ'))
    expect(r.exitCode).toBe(1)
    expect(r.outputs['difference-count']).toBe('6')
    expect(r.sim.count('results')).toBe(2)
    const sql = Object.entries(r.files).find(([name]) => name.endsWith('.sql'))?.[1]
    expect(sql?.match(/^-- progressId \d+: /gm)).toHaveLength(6)
    expect(r.stdout).toContain('::group::Differences found by comparison run')
    expect(r.stdout.match(/::error title=Differs%3A /g)).toHaveLength(6)
  })

  it('passes a clean schema run and a data run with differences softened', async () => {
    const same = await runInProcess(quickRun('compare-same'))
    expect(same.exitCode).toBe(0)
    expect(same.outputs['difference-count']).toBe('0')
    const data = await runInProcess(quickRun('data-compare-differ'), {
      'fail-on-difference': 'false'
    })
    expect(data.exitCode).toBe(0)
    expect(data.outputs['difference-count']).toBe('21')
    expect(data.stdout).toMatch(/::warning::.*The step passes because fail-on-difference is false/)
    expect(visibleText(data.summary)).toMatch(/Tables\s+6 compared, 3 differ/)
  })

  it('fails a busy task, an undocumented status and a contradiction', async () => {
    const busy = await runInProcess('compare-busy', { 'when-busy': 'fail' })
    expect(busy.exitCode).toBe(1)
    expect(busy.stdout).toMatch(/::error::.*task status invalid.*`concurrency:`/)
    const odd = await runInProcess(quickRun('compare-same', { finalStatus: 'finished' }, {}), {
      'fail-on-difference': 'false'
    })
    expect(odd.exitCode).toBe(1)
    expect(odd.outputs['comparison-status']).toBe('finished')
    const contradict = await runInProcess(quickRun('data-compare-contradict'))
    expect(contradict.exitCode).toBe(1)
    expect(contradict.stdout).toMatch(/counts contradict each other/)
  })

  it('fails an object whose correction SQL is refused, naming it', async () => {
    const scenario = quickRun(
      'compare-same',
      {},
      {
        correctionSqlAnswer: c =>
          c.n === 1 ? { data: undefined, success: false, message: 'no such object' } : undefined
      }
    )
    const r = await runInProcess(scenario, { 'fail-on-difference': 'false' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /::error::.*could not be read, so it is not verified: shop\.\w+ \(no such object/
    )
    expect(r.outputs['difference-count']).toBeUndefined()
  })

  it('times out in the run and while reading results', async () => {
    const stuckClock = new FakeClock()
    const stuck = await runInProcess('compare-stuck', { 'timeout-seconds': '1.5' }, stuckClock)
    expect(stuck.exitCode).toBe(1)
    expect(stuck.stdout).toMatch(
      /::error::.*The comparison run \d+ did not finish within timeout-seconds/
    )
    expect(stuckClock.elapsed()).toBe(1500)
    // Each correction SQL answer takes 0.4 s: the six cannot all be read within 2 s.
    const clock = new FakeClock()
    const slow = await runInProcess(
      quickRun(
        'compare-differ',
        {},
        {
          correctionSqlAnswer: () => {
            clock.advance(400)
            return undefined
          }
        }
      ),
      { 'timeout-seconds': '2' },
      clock
    )
    expect(slow.exitCode).toBe(1)
    expect(slow.stdout).toMatch(
      /::error::.*Reading the results of comparison run \d+ did not finish/
    )
  })

  it('stops the run when cancelled during it', async () => {
    // The runner cancels while the action asks how the run goes, the second time.
    const scenario = quickRun(
      'compare-stuck',
      { durationMs: Number.POSITIVE_INFINITY },
      {
        execStatusAnswer: c => {
          if (c.n === 2) process.emit('SIGINT', 'SIGINT')
          return undefined
        }
      }
    )
    const r = await runInProcess(scenario, { 'timeout-seconds': '20' })
    expect(r.exitCode).toBe(1)
    expect(r.sim.count('stop')).toBe(1)
    expect(r.stdout).toMatch(/::warning::Asked NineData to stop comparison run \d+/)
    expect(r.summary).toContain('🛑 NineData schema comparison: wait cancelled')
  })

  it('never passes results pages it cannot verify', async () => {
    type Page = { total: number; compareResults: unknown[] }
    const paged = (change: (page: Page, n: number) => Partial<Page>) =>
      quickRun(
        'compare-differ',
        {},
        {
          resultsAnswer: c => {
            const page = c.natural as Page | undefined
            return page ? { data: { ...page, ...change(page, c.n) } } : undefined
          }
        }
      )
    const cases: [Scenario, RegExp][] = [
      [
        paged((p, n) => (n === 2 ? { total: p.total + 1 } : {})),
        /the total changed from 130 to 131 between result pages/
      ],
      [
        paged((_p, n) => (n === 2 ? { compareResults: [] } : {})),
        /page 2 is empty, but only 100 of 130 results were listed/
      ],
      [
        paged((p, n) =>
          n === 1 ? { compareResults: [...p.compareResults, p.compareResults[0]] } : {}
        ),
        /page 1 holds 101 results \(asked for 100\)/
      ],
      [
        paged(() => ({ total: 100_001 })),
        /100001 results are more than this action reads \(100000\)/
      ]
    ]
    for (const [scenario, why] of cases) {
      const r = await runInProcess(scenario, { 'fail-on-difference': 'false' })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(why)
      expect(r.outputs['difference-count']).toBeUndefined()
      await stopSimulators()
    }
  })
})
