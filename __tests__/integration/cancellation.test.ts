import { afterEach, describe, expect, it } from '@jest/globals'
import type { Scenario } from '../../simulator/scenarios.js'
import type { Simulator } from '../../simulator/server.js'
import {
  failureMessage,
  startAction,
  visibleText,
  type ActionResult
} from '../helpers/action-runner.js'
import {
  customScenario,
  expectOutputs,
  simulator,
  stopSimulators,
  testInputs
} from '../helpers/simulator.js'

// The runner cancels a step with SIGINT, then SIGTERM: the action stops waiting at once and
// reports what it saw. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('cancellation (the runner sends SIGINT, then SIGTERM) reports what was seen', () => {
  /**
   * Runs `scenario` and sends `signal` once `ready(stdout, sim)` holds (plus a short pause).
   * Returns the result and how many requests reached the simulator after the signal.
   */
  async function cancelled(
    scenario: string | Scenario,
    signal: NodeJS.Signals,
    ready: (stdout: string, s: Simulator) => boolean,
    inputs: Record<string, string> = {}
  ) {
    const sim = await simulator(scenario)
    let sentBeforeSignal = -1
    let stdout = ''
    // timeout-seconds of 10 minutes, far past the hang detector: only the signal can end the wait.
    const run = startAction(testInputs(sim.url, { 'timeout-seconds': '600', ...inputs }), {
      killAfterMs: 150_000,
      onLine: line => (stdout += `${line}\n`)
    })
    const check = setInterval(() => {
      if (!ready(stdout, sim)) return
      clearInterval(check)
      setTimeout(() => {
        sentBeforeSignal = sim.requests.length
        run.child.kill(signal)
      }, 300)
    }, 50)
    const result = await run.done
    clearInterval(check)
    expect(sentBeforeSignal).toBeGreaterThan(0)
    return { result, sentAfterSignal: sim.requests.length - sentBeforeSignal }
  }

  function expectCancelledReport(result: ActionResult, signal: string): void {
    expect(result.exitCode).not.toBe(0)
    expect(result.exitCode).not.toBeNull()
    expect(result.annotations).toContainEqual({
      level: 'warning',
      title: undefined,
      message: `Received ${signal}: the wait was cancelled; reporting what was seen so far.`
    })
    expect(failureMessage(result)).toMatch(
      /The wait was cancelled before the precheck finished\. The last status seen was "Running"/
    )
    expect(result.summary).toContain('🛑 NineData schema comparison precheck: wait cancelled')
    expectOutputs(result, 'Running', 5)
  }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops waiting on %s, asks nothing more, and reports the last status',
    async signal => {
      const { result, sentAfterSignal } = await cancelled('timeout', signal, stdout =>
        stdout.includes('2/5 check items done')
      )
      expectCancelledReport(result, signal)
      // At most a poll already on its way when the signal came; no poll after it.
      expect(sentAfterSignal).toBeLessThanOrEqual(1)
      // The last seen items: two done, three still running.
      expect(result.summary.match(/<tr><td>✅&nbsp;Success/g)).toHaveLength(2)
      expect(result.summary.match(/<tr><td>⏳&nbsp;Running/g)).toHaveLength(3)
      expect(visibleText(result.summary)).toContain('Source Connection Check')
      expect(result.outputs['failed-count']).toBe('0')
    }
  )

  it('stops even while a request hangs', async () => {
    const hanging = customScenario(
      { faults: [{ on: 'status', from: 2, times: 1e9, kind: { type: 'hang' } }] },
      'timeout'
    )
    // A request timeout of 10 minutes: only the signal can end the hung request in time.
    const { result, sentAfterSignal } = await cancelled(
      hanging,
      'SIGINT',
      (_stdout, s) => s.requests.some(r => r.answer === 'fault:hang'),
      { 'request-timeout-seconds': '600' }
    )
    expectCancelledReport(result, 'SIGINT')
    expect(sentAfterSignal).toBe(0)
    // The status seen before the hang is what is reported.
    expect(result.summary.match(/<tr><td>/g)).toHaveLength(5)
  })
})
