import { afterEach, describe, expect, it } from '@jest/globals'
import type { Scenario } from '../../simulator/scenarios.js'
import { failureMessage, startAction, visibleText } from '../helpers/action-runner.js'
import { compareInputs, quickRun, requestsOf } from '../helpers/comparison.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// The runner cancels the step (SIGINT, then SIGTERM) while the comparison run goes on: the action
// asks NineData to stop the run, says so in the log, reports what it saw and fails.

afterEach(stopSimulators)

/** Runs the bundle on `scenario`; sends `signal` once the log shows the run `running`. */
async function cancelledDuringRun(scenario: Scenario, signal: NodeJS.Signals) {
  const sim = await simulator(scenario)
  let signalled = false
  // timeout-seconds of 10 minutes, past the hang detector: only the signal can end the wait.
  const run = startAction(
    testInputs(sim.url, compareInputs(scenario, { 'timeout-seconds': '600' })),
    {
      killAfterMs: 150_000,
      onLine: line => {
        if (!signalled && /\] Comparison run \d+: running\b/.test(line)) {
          signalled = true
          run.child.kill(signal)
        }
      }
    }
  )
  const result = await run.done
  expect(signalled).toBe(true)
  return { result, sim }
}

describe('cancelled while the comparison run goes on', () => {
  it('SIGINT stops the run on NineData, says so, and reports what was seen', async () => {
    const { result, sim } = await cancelledDuringRun(
      quickRun('compare-stuck', { durationMs: Number.POSITIVE_INFINITY }),
      'SIGINT'
    )
    expect(result.exitCode).not.toBe(0)
    // It ended by itself (the runner stand-in kills only a process that hangs for minutes).
    expect(result.exitCode).not.toBeNull()
    const execId = result.outputs['comparison-exec-id']!
    expect(execId).toMatch(/^\d+$/)
    expect(result.outputs['comparison-status']).toBe('running')

    // One stop request, for the task, and the simulator's run was stopped by it.
    const stops = requestsOf(sim, 'stop')
    expect(stops).toHaveLength(1)
    expect(stops[0]).toMatchObject({ method: 'POST', path: '/openapi/v1/compareschema/stop' })
    expect(JSON.parse(stops[0]!.body)).toEqual({ taskId: 'cc-th6j3fs58y' })
    expect(sim.runs[0]?.stoppedAt).toBeDefined()
    expect(sim.count('results')).toBe(0)

    const warnings = result.annotations.filter(a => a.level === 'warning').map(a => a.message)
    expect(warnings[0]).toBe(
      'Received SIGINT: the wait was cancelled; reporting what was seen so far.'
    )
    expect(warnings[1]).toMatch(
      new RegExp(
        `^Asked NineData to stop comparison run ${execId} of task cc-th6j3fs58y \\(requestId sim-[0-9a-f]+\\): the step was cancelled while the run went on\\.$`
      )
    )
    expect(failureMessage(result)).toBe(
      `The precheck passed. The wait for comparison run ${execId} was cancelled before it finished. The last run status seen was "running". NineData was asked to stop the run.`
    )
    expect(result.summary).toContain('## 🛑 NineData schema comparison: wait cancelled')
    expect(visibleText(result.summary)).toMatch(/Stop request\s+sent/)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['report-file']).toBeDefined()
  })

  it('SIGTERM on a data run whose stop NineData refuses: says the stop failed, still reports', async () => {
    const scenario = quickRun(
      'data-compare-same',
      { durationMs: Number.POSITIVE_INFINITY },
      { stopAnswer: () => ({ data: undefined, success: false, message: 'task status invalid' }) }
    )
    const { result, sim } = await cancelledDuringRun(scenario, 'SIGTERM')
    expect(result.exitCode).not.toBe(0)
    const execId = result.outputs['comparison-exec-id']!
    expect(requestsOf(sim, 'stop').map(r => r.path)).toEqual(['/openapi/v1/comparedata/stop'])
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          new RegExp(
            `^Could not stop comparison run ${execId} \\(the step was cancelled while the run went on\\): Stopping comparison run ${execId} failed: NineData said "task status invalid"`
          )
        )
      })
    )
    expect(failureMessage(result)).toMatch(/Asking NineData to stop the run failed: /)
    expect(result.summary).toContain('## 🛑 NineData data comparison: wait cancelled')
    expect(visibleText(result.summary)).toMatch(/Stop request\s+Stopping comparison run/)
    expect(result.outputs['comparison-status']).toBe('running')
  })
})
