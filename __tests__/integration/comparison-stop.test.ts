import { afterEach, describe, expect, it } from '@jest/globals'
import type { Scenario } from '../../simulator/scenarios.js'
import type { RunAnswerContext } from '../../simulator/types.js'
import { failureMessage, startAction, type ActionResult } from '../helpers/action-runner.js'
import { compareInputs, quickRun, requestsOf } from '../helpers/comparison.js'
import { gate, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// A run this step may have started is stopped, whatever made the gate give up on it: an execute
// call without an answer (timed out, or cancelled while waiting), a run status the gate cannot read
// or that NineData does not document, besides a cancel or a timeout during the run. The stop names
// only the task. A run the step surely did not start (every execute refused before NineData acted)
// is left alone. The bundle runs as a runner runs it; the simulator says whether its run was stopped.

afterEach(stopSimulators)

const TASK = 'cc-th6j3fs58y'

function stopWarning(result: ActionResult): string | undefined {
  return result.annotations.find(
    a => a.level === 'warning' && /^(Asked NineData to stop|Could not stop)/.test(a.message)
  )?.message
}

/** The run starts, but its execute answer never comes. */
const executeHangs = (overrides: Partial<Scenario> = {}) =>
  quickRun(
    'compare-same',
    { durationMs: Number.POSITIVE_INFINITY },
    { executeAnswer: () => ({ fault: { type: 'hang' } }), ...overrides }
  )

describe('the execute call gets no answer', () => {
  it('timed out: the run it may have started is stopped, and the log says why', async () => {
    const scenario = executeHangs()
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'timeout-seconds': '3', 'request-timeout-seconds': '30' })
    )
    expect(result.exitCode).toBe(1)
    expect(requestsOf(sim, 'stop').map(r => JSON.parse(r.body))).toEqual([{ taskId: TASK }])
    expect(sim.runs[0]?.stoppedAt).toBeDefined()
    expect(stopWarning(result)).toMatch(
      new RegExp(
        `^Asked NineData to stop the comparison run of task ${TASK} \\(requestId sim-[0-9a-f]+\\): the execute call got no answer before timeout-seconds ran out, so a run may have started\\.$`
      )
    )
    expect(failureMessage(result)).toMatch(/NineData was asked to stop the run\./)
  })

  it('cancelled while waiting for it: stopped as well', async () => {
    const scenario = executeHangs()
    const sim = await simulator(scenario)
    let signalled = false
    const run = startAction(
      testInputs(sim.url, compareInputs(scenario, { 'timeout-seconds': '30' })),
      {
        killAfterMs: 20_000,
        onLine: line => {
          if (!signalled && /Starting a run of schema comparison task/.test(line)) {
            signalled = true
            // The execute request is on its way; give it a moment to arrive.
            setTimeout(() => run.child.kill('SIGINT'), 300)
          }
        }
      }
    )
    const result = await run.done
    expect(signalled).toBe(true)
    expect(result.exitCode).not.toBe(0)
    expect(requestsOf(sim, 'stop')).toHaveLength(1)
    expect(stopWarning(result)).toMatch(
      /the execute call got no answer before the step was cancelled, so a run may have started\.$/
    )
  })

  it('every execute refused before NineData acted (429): nothing is stopped', async () => {
    const scenario = quickRun(
      'compare-same',
      {},
      {
        faults: [
          {
            on: 'execute',
            times: 1000,
            kind: { type: 'http', status: 429, body: '{"success":false,"message":"slow down"}' }
          }
        ]
      }
    )
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'timeout-seconds': '3' })
    )
    expect(result.exitCode).toBe(1)
    expect(requestsOf(sim, 'execute').length).toBeGreaterThan(0)
    expect(requestsOf(sim, 'stop')).toEqual([])
    expect(stopWarning(result)).toBeUndefined()
  })
})

describe('the gate gives up on a started run', () => {
  const withStatus = (answer: (c: RunAnswerContext) => unknown) =>
    quickRun(
      'compare-same',
      { durationMs: Number.POSITIVE_INFINITY },
      { execStatusAnswer: c => ({ data: answer(c) }) }
    )

  it.each([
    [
      'an undocumented status',
      (c: RunAnswerContext) => ({ ...(c.natural as object), status: 'paused' }),
      /it reported a status NineData does not document, so the gate gave up on it\.$/
    ],
    [
      'an unreadable status answer',
      (c: RunAnswerContext) => ({ ...(c.natural as object), status: '' }),
      /its status could not be read, so the gate gave up on it\.$/
    ]
  ])('%s: the run is stopped, the log and the reason say so', async (_label, answer, why) => {
    const scenario = withStatus(answer)
    const { result, sim } = await gate(scenario, compareInputs(scenario))
    expect(result.exitCode).toBe(1)
    expect(requestsOf(sim, 'stop')).toHaveLength(1)
    expect(sim.runs[0]?.stoppedAt).toBeDefined()
    const execId = result.outputs['comparison-exec-id']
    expect(stopWarning(result)).toMatch(
      new RegExp(`^Asked NineData to stop comparison run ${execId} of task ${TASK} `)
    )
    expect(stopWarning(result)).toMatch(why)
    expect(failureMessage(result)).toMatch(/NineData was asked to stop the run\./)
  })
})
