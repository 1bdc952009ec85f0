import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { visibleText } from '../helpers/action-runner.js'
import { runInProcess } from '../helpers/in-process-run.js'
import { FakeClock } from '../helpers/fake-clock.js'
import {
  customScenario,
  simulator,
  stopSimulators,
  TEST_TASK_ID,
  testInputs
} from '../helpers/simulator.js'

// main.run() in-process against the simulator: the same paths as the bundle tests, measured for
// coverage of the source. The runner's files are real files; stdout is captured as the runner would.
// The action and the simulator's scenario share a FakeClock (`clock`, new for each test): prechecks
// and timeout-seconds pass in fake time.

let clock: FakeClock

beforeEach(() => {
  clock = new FakeClock()
})
afterEach(stopSimulators)

const base = (url: string) =>
  testInputs(url, { 'poll-interval-seconds': '0.2', 'timeout-seconds': '20' })

describe('run()', () => {
  it('passes a passing precheck', async () => {
    const sim = await simulator('pass', { now: clock.now })
    const r = await runInProcess(base(sim.url), clock)
    expect(r.exitCode).toBe(0)
    expect(r.outputs['status']).toBe('Success')
    expect(r.summary).toContain('✅ NineData schema comparison precheck passed')
    expect(r.stdout).toContain('::group::All 5 check items')
  })

  it('fails a failing precheck with annotations', async () => {
    const sim = await simulator('failed', { now: clock.now })
    const r = await runInProcess(base(sim.url), clock)
    expect(r.exitCode).toBe(1)
    expect(r.outputs['failed-count']).toBe('2')
    expect(r.stdout).toMatch(/::error title=Source Permission Check::/)
  })

  it('reports a business error with the requestId', async () => {
    const sim = await simulator('task-not-found', { now: clock.now })
    const r = await runInProcess(base(sim.url), clock)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toContain(
      `::error::NineData did not start a precheck for task ${TEST_TASK_ID}: NineData said "task not found" (requestId sim-`
    )
  })

  it('reports rejected credentials with a hint', async () => {
    const sim = await simulator('pass', { now: clock.now })
    const r = await runInProcess({ ...base(sim.url), 'access-key-secret': 'wrong-secret' }, clock)
    expect(r.exitCode).toBe(1)
    expect(visibleText(r.summary)).toMatch(/rejected the credentials.*signature mismatch/)
    expect(visibleText(r.summary)).toMatch(/Check the access-key-id and access-key-secret inputs/)
  })

  it('reports a protocol error as an error, never a pass', async () => {
    const sim = await simulator('pass', { now: clock.now })
    const id = sim.addPrecheck('cc-other')
    const r = await runInProcess({ ...base(sim.url), 'precheck-task-id': id }, clock)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/precheck task not found/)
  })

  it('times out, and reports invalid inputs', async () => {
    const sim = await simulator('timeout', { now: clock.now })
    const r = await runInProcess({ ...base(sim.url), 'timeout-seconds': '1' }, clock)
    expect(r.exitCode).toBe(1)
    expect(clock.elapsed()).toBe(1000)
    expect(r.outputs['status']).toBe('Running')
    const bad = await runInProcess({ ...base(sim.url), 'timeout-seconds': 'x' }, clock)
    expect(bad.exitCode).toBe(1)
    expect(visibleText(bad.summary)).toContain('timeout-seconds must be a number of seconds')
    expect(bad.summary).toContain('<code>timeout-seconds</code>')
  })

  it('is cancelled by SIGINT and reports what it saw', async () => {
    // The runner cancels while the action asks for the third time how the precheck goes.
    const cancelling = customScenario(
      {
        statusAnswer: c => {
          if (c.n === 3) process.emit('SIGINT', 'SIGINT')
          return undefined
        }
      },
      'timeout'
    )
    const sim = await simulator(cancelling, { now: clock.now })
    const r = await runInProcess({ ...base(sim.url), 'timeout-seconds': '30' }, clock)
    expect(clock.elapsed()).toBeLessThan(5000)
    expect(r.exitCode).toBe(1)
    expect(r.summary).toContain('🛑 NineData schema comparison precheck: wait cancelled')
    expect(r.outputs['status']).toBe('Running')
  })

  it('warns but passes on failed items with fail-on-failure false', async () => {
    const sim = await simulator('failed', { now: clock.now })
    const r = await runInProcess({ ...base(sim.url), 'fail-on-failure': 'false' }, clock)
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/::warning::.*fail-on-failure is false/)
  })
})
