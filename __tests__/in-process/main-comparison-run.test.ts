import { afterEach, describe, expect, it } from '@jest/globals'
import type { Scenario } from '../../simulator/scenarios.js'
import { visibleText } from '../helpers/action-runner.js'
import { runInProcess } from '../helpers/in-process-run.js'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { manyObjects } from '../../simulator/compare-objects.js'
import type { RecordedRequest, Simulator } from '../../simulator/server.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// main.run() in-process against the simulator with run-comparison on: the comparison phase's paths
// as the bundle tests take them, measured for coverage of the source. The action and the simulator's
// scenario share a FakeClock: the precheck, the run and timeout-seconds pass in fake time, and only
// the requests take real time.

afterEach(stopSimulators)

/** Runs the action in this process against `scenario`, both on `clock`. */
async function runScenario(
  scenario: string | Scenario,
  extra: Record<string, string> = {},
  clock = new FakeClock(),
  watch: (sim: Simulator) => void = () => undefined
) {
  const sim = await simulator(scenario, { now: clock.now })
  watch(sim)
  const run = await runInProcess(testInputs(sim.url, compareInputs(scenario, extra)), clock)
  return { sim, ...run }
}

describe('run() with run-comparison', () => {
  it('fails on differing schema objects and writes the SQL file', async () => {
    const r = await runScenario(quickRun('compare-differ'))
    expect(r.exitCode).toBe(1)
    expect(r.outputs['difference-count']).toBe('6')
    expect(r.sim.count('results')).toBe(2)
    const sql = Object.entries(r.files).find(([name]) => name.endsWith('.sql'))?.[1]
    expect(sql?.match(/^-- progressId \d+: /gm)).toHaveLength(6)
    expect(r.stdout).toContain('::group::Differences found by comparison run')
    expect(r.stdout.match(/::error title=Differs%3A /g)).toHaveLength(6)
  })

  it('passes a clean schema run and a data run with differences softened', async () => {
    const same = await runScenario(quickRun('compare-same'))
    expect(same.exitCode).toBe(0)
    expect(same.outputs['difference-count']).toBe('0')
    const data = await runScenario(quickRun('data-compare-differ'), {
      'fail-on-difference': 'false'
    })
    expect(data.exitCode).toBe(0)
    expect(data.outputs['difference-count']).toBe('21')
    expect(data.stdout).toMatch(/::warning::.*The step passes because fail-on-difference is false/)
    expect(visibleText(data.summary)).toMatch(/Tables\s+6 compared, 3 differ/)
  })

  it('fails a busy task, an undocumented status and a contradiction', async () => {
    const busy = await runScenario('compare-busy', { 'when-busy': 'fail' })
    expect(busy.exitCode).toBe(1)
    expect(busy.stdout).toMatch(/::error::.*task status invalid.*`concurrency:`/)
    const odd = await runScenario(quickRun('compare-same', { finalStatus: 'finished' }, {}), {
      'fail-on-difference': 'false'
    })
    expect(odd.exitCode).toBe(1)
    expect(odd.outputs['comparison-status']).toBe('finished')
    const contradict = await runScenario(quickRun('data-compare-contradict'))
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
    const r = await runScenario(scenario, { 'fail-on-difference': 'false' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /::error::.*could not be read, so it is not verified: shop\.\w+ \(no such object/
    )
    expect(r.outputs['difference-count']).toBeUndefined()
  })

  it('times out in the run and while reading results', async () => {
    const stuckClock = new FakeClock()
    const stuck = await runScenario('compare-stuck', { 'timeout-seconds': '1.5' }, stuckClock)
    expect(stuck.exitCode).toBe(1)
    expect(stuck.stdout).toMatch(
      /::error::.*The comparison run \d+ did not finish within timeout-seconds/
    )
    expect(stuckClock.elapsed()).toBe(1500)
    // Each correction SQL answer takes 0.4 s: the six cannot all be read within 2 s.
    const clock = new FakeClock()
    const slow = await runScenario(
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
    const r = await runScenario(scenario, { 'timeout-seconds': '20' })
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
      const r = await runScenario(scenario, { 'fail-on-difference': 'false' })
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(why)
      expect(r.outputs['difference-count']).toBeUndefined()
      await stopSimulators()
    }
  })

  it('reads through a NineData that throttles: fewer calls at once, every object read', async () => {
    // 429 whenever more than 6 result calls are in flight, as a rate-limited NineData would.
    const objects = () => manyObjects(600, [10, 300, 599])
    const scenario = quickRun('compare-differ', { objects, throttleAbove: 6, resultLatencyMs: 20 })
    // On the FakeClock every retry's wait adds up, however many run at once: time is not the point.
    const r = await runScenario(scenario, { 'timeout-seconds': '86400' })
    expect(r.exitCode).toBe(1)
    expect(r.outputs['difference-count']).toBe('3')
    const calls = r.sim.requests.filter(q => q.kind === 'correctionSql')
    const refused = calls.filter(q => q.answer === '429').length
    // Every object answered once, plus the refused tries again. How few are refused depends on
    // real request timing (the machine's load), so the share is measured by npm run bench:compare;
    // the window's halving is proven on a scripted server in request-window tests.
    expect(calls.length - refused).toBe(600)
    expect(refused).toBeGreaterThan(0)
    expect(r.stdout).toMatch(/NineData pushed back \d+ times?, and the reader slowed down/)
  })

  it('waits out a Retry-After for every result call, and never has more than 16 in flight', async () => {
    const clock = new FakeClock()
    const objects = () => manyObjects(400, [5])
    let refusedAt: number | undefined
    const scenario = quickRun(
      'compare-differ',
      { objects },
      {
        correctionSqlAnswer: c => {
          if (c.n !== 100) return undefined
          refusedAt = clock.elapsed()
          return { body: '{}', status: 429, headers: { 'retry-after': '20' } }
        }
      }
    )
    let arrival: (request: RecordedRequest) => number = () => 0
    const r = await runScenario(scenario, { 'timeout-seconds': '600' }, clock, sim => {
      arrival = clock.timeArrivals(sim)
    })
    expect(r.outputs['difference-count']).toBe('1')
    const calls = r.sim.requests.filter(q => q.kind === 'correctionSql')
    expect(Math.max(...calls.map(q => q.inFlight ?? 0))).toBeLessThanOrEqual(16)
    // Only the calls already on their way when the 429 came arrive before the 20 s are over.
    const later = calls.slice(100).map(arrival)
    expect(later.filter(at => at < refusedAt! + 20_000).length).toBeLessThan(16)
    expect(later.filter(at => at >= refusedAt! + 20_000).length).toBeGreaterThan(250)
    expect(calls.length).toBe(401)
  })

  it('a Retry-After longer than the time left ends the read at timeout-seconds, never a pass', async () => {
    const clock = new FakeClock()
    const scenario = quickRun(
      'compare-same',
      {},
      {
        correctionSqlAnswer: c =>
          c.n === 3 ? { body: '{}', status: 429, headers: { 'retry-after': '100' } } : undefined
      }
    )
    const r = await runScenario(scenario, { 'timeout-seconds': '60' }, clock)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /Reading the results of comparison run \d+ did not finish within timeout-seconds/
    )
    expect(r.outputs['difference-count']).toBeUndefined()
    expect(clock.elapsed()).toBeLessThanOrEqual(61_000)
  })
})
