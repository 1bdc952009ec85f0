import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import {
  customScenario,
  gate,
  SCENARIOS,
  statusHook,
  statusRequests,
  stopSimulators
} from '../helpers/simulator.js'

// Waiting on real time: items still running under an overall Success, a precheck that never
// ends, and the pause after a slow poll. (Which precheck is followed and failures that stick:
// follow.test.ts; more waiting on a fake clock: __tests__/in-process/waiting.test.ts.) The bundled
// action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('items still Unstarted or Running under an overall Success', () => {
  it('keeps polling an overall Success whose item never finishes, and fails at the timeout naming it', async () => {
    const { result, sim } = await gate(
      customScenario({
        items: () =>
          SCENARIOS['pass']!.items('').map((item, i) =>
            i === 0 ? { ...item, doneAfterMs: Number.POSITIVE_INFINITY } : item
          ),
        // After the other items (the last ends at 0.9 s), so only the first is left unfinished.
        durationMs: 1500,
        finalStatus: 'Success'
      }),
      { 'timeout-seconds': '4' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Success')
    // It kept polling past the overall Success until timeout-seconds ended the wait.
    expect(statusRequests(sim).length).toBeGreaterThanOrEqual(2)
    expect(failureMessage(result)).toMatch(
      /NineData reported Success, but 1 check item never reported a final status: Source Connection Check/
    )
    expect(result.summary).toContain('⏳&nbsp;Running')
    expect(result.summary).toContain('⏱️ NineData schema comparison precheck timed out')
  })
})

describe('the timeout', () => {
  it('ends a precheck that never finishes, with outputs and summary of the last status', async () => {
    const { result } = await gate('timeout', { 'timeout-seconds': '3' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Running')
    expect(result.outputs['item-count']).toBe('5')
    expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
    expect(result.annotations.at(-1)!.message).toMatch(
      /did not finish within timeout-seconds.*"Running"/
    )
    expect(result.summary).toContain('⏱️ NineData schema comparison precheck timed out')
    expect(result.summary).toContain('⏳&nbsp;Running')
  })
})

describe('the poll schedule', () => {
  it('never polls again sooner than twice as long as the last poll took', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({ fault: { type: 'delay', ms: 700 } })),
      {
        'poll-interval-seconds': '0.1'
      }
    )
    expect(result.exitCode).toBe(0)
    const arrivals = statusRequests(sim).map(r => r.atMs)
    expect(arrivals.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < arrivals.length; i++)
      // 700 ms answering, then at least 2 x 700 ms of waiting (some slack for timers).
      expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(1_900)
  })
})
