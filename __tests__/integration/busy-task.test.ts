import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import { customScenario, gate, stopSimulators, TEST_TASK_ID } from '../helpers/simulator.js'

// A task another precheck or run holds ("task status invalid" on start or execute): with
// when-busy: wait the gate waits until the task is free, then starts its own (never following the
// other one); with fail it fails at once. The bundled action against the simulator, short polls.

afterEach(stopSimulators)

const QUICK = { 'poll-interval-seconds': '0.2' }

describe('when-busy: wait', () => {
  it('waits for a busy task to be free, then starts and follows its own precheck', async () => {
    const { result, sim } = await gate(customScenario({ busyForDetailPolls: 3 }), QUICK)
    expect(result.exitCode).toBe(0)
    // Refused once, then three detail queries, the third seeing the task free, then its own start.
    expect(sim.count('start')).toBe(2)
    expect(sim.count('taskDetail')).toBe(3)
    const waiting = result.log.split('\n').filter(line => line.includes('is busy'))
    expect(waiting).toHaveLength(1)
    expect(waiting[0]).toContain(`Comparison task ${TEST_TASK_ID} is busy`)
    expect(waiting[0]).toMatch(/"task status invalid" \(requestId sim-\w+\)/)
    expect(waiting[0]).toContain('waiting for the task to be free')
    const started = sim.requests.filter(r => r.kind === 'start' && !r.busy)
    expect(started).toHaveLength(1)
    const followed = sim.requests
      .filter(r => r.kind === 'status')
      .map(r => r.query['precheckTaskId'])
    expect(new Set(followed)).toEqual(new Set([result.outputs['precheck-task-id']]))
    expect(result.outputs['task-id']).toBe(TEST_TASK_ID)
  })

  it('a task that never frees up times out, saying it was still waiting for the task', async () => {
    const { result, sim } = await gate(
      customScenario({ busyForDetailPolls: Number.POSITIVE_INFINITY }),
      { ...QUICK, 'timeout-seconds': '2' }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    const message = failureMessage(result)
    expect(message).toContain('No precheck was started within timeout-seconds (2 s)')
    expect(message).toContain(`still waiting for comparison task ${TEST_TASK_ID} to be free`)
    expect(message).toContain('its last status was "prechecking"')
    expect(result.outputs['precheck-task-id']).toBeUndefined()
    expect(visibleText(result.summary)).toContain('still waiting for comparison task')
  })

  it('a busy comparison run waits too, then starts its own run', async () => {
    const { result, sim } = await gate(
      customScenario(
        {
          executeAnswer: context =>
            context.n === 1
              ? { data: undefined, success: false, message: 'task status invalid' }
              : undefined
        },
        'compare-same'
      ),
      { ...QUICK, 'run-comparison': 'true' }
    )
    expect(result.exitCode).toBe(0)
    expect(sim.count('execute')).toBe(2)
    expect(sim.count('taskDetail')).toBe(1)
    expect(result.log).toMatch(/is busy: NineData refused to start a comparison run/)
    expect(result.outputs['comparison-exec-id']).toBe(String(sim.runs.at(-1)!.execId))
  })
})

describe('when-busy: fail', () => {
  it('fails at once with the concurrency: hint, asking nothing more', async () => {
    const { result, sim } = await gate(customScenario({ busyForDetailPolls: 3 }), {
      ...QUICK,
      'when-busy': 'fail'
    })
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('taskDetail')).toBe(0)
    expect(failureMessage(result)).toMatch(
      /NineData said "task status invalid".*`concurrency:` group per comparison task/
    )
  })

  it('refuses a when-busy that is neither wait nor fail, before any request', async () => {
    const { result, sim } = await gate('pass', { 'when-busy': 'queue' })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain('`when-busy` must be wait or fail, got "queue"')
    expect(sim.requests).toHaveLength(0)
  })
})
