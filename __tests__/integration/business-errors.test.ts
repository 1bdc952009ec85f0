import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, retryWarnings, visibleText } from '../helpers/action-runner.js'
import { customScenario, gate, statusHook, stopSimulators } from '../helpers/simulator.js'

// NineData's business errors (`success: false`) are final: the step fails at once with NineData's
// message and requestId, and nothing is retried. The bundled action against the simulator, as a
// runner runs it.

afterEach(stopSimulators)

describe('business errors are final, with what NineData said', () => {
  it('fails with NineData message and requestId on a business error, without retrying', async () => {
    const { result, sim } = await gate('task-not-found')
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    const requestId = sim.requests[0]!.answer === '200' ? result.outputs['request-id'] : undefined
    expect(requestId).toMatch(/^sim-/)
    const failure = result.annotations.at(-1)!.message
    expect(failure).toContain('task not found')
    expect(failure).toContain(requestId!)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toMatch(/precheck: no verdict/)
    expect(visibleText(result.summary)).toContain('task not found')
    // The next step: which input, and what to check in NineData.
    expect(failure).toMatch(
      /Check `task-id`: .*cc-\.\.\. for a schema comparison, cd-\.\.\. for a data comparison.*the NineData account the AccessKey belongs to/
    )
    expect(visibleText(result.summary)).toMatch(/Check task-id ?:/)
  })

  it('does not retry business errors (success: false) of the start call', async () => {
    const { result, sim } = await gate(
      customScenario({ startError: 'PERMISSION_DENY module:DataSource' })
    )
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(1)
    expect(retryWarnings(result)).toEqual([])
    const message = failureMessage(result)
    expect(message).toContain('NineData said "PERMISSION_DENY module:DataSource"')
    expect(message).toContain(`requestId ${result.outputs['request-id']}`)
    expect(result.outputs['status']).toBe('')
    expect(visibleText(result.summary)).toContain('PERMISSION_DENY module:DataSource')
  })

  it('does not retry business errors (success: false) of the status call', async () => {
    const { result, sim } = await gate('pass', { 'precheck-task-id': 'pcte-nosuchthing' })
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(0)
    expect(sim.count('status')).toBe(1)
    expect(retryWarnings(result)).toEqual([])
    const message = failureMessage(result)
    expect(message).toContain(
      'The status query for precheck pcte-nosuchthing failed: NineData said "precheck task not found"'
    )
    expect(result.outputs['precheck-task-id']).toBe('pcte-nosuchthing')
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toMatch(/precheck: no verdict/)
    expect(message).not.toContain('Check `task-id`')
  })

  it('success:false on the status query ends the step at once, with the message and requestId', async () => {
    const { result, sim } = await gate(
      statusHook(context => ({
        data: undefined,
        success: false,
        message: 'precheck task not found',
        requestId: context.requestId
      }))
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    const failure = failureMessage(result)
    expect(failure).toContain('precheck task not found')
    // The requestId support asks for (the simulator's are sim- and 24 hex digits).
    expect(failure).toMatch(/sim-[0-9a-f]{24}/)
  })

  it('success:false after two Running answers is not retried', async () => {
    const { result, sim } = await gate(
      statusHook(context =>
        context.n <= 2
          ? {
              data: {
                taskId: context.taskId,
                precheckTaskId: context.precheckTaskId,
                status: 'Running',
                precheckItems: []
              }
            }
          : { data: undefined, success: false, message: 'task status invalid' }
      )
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(3)
    expect(failureMessage(result)).toContain('task status invalid')
  })

  it('with when-busy: fail, "task status invalid" comes with the hint about a concurrency group', async () => {
    const { result, sim } = await gate(customScenario({ startError: 'task status invalid' }), {
      'when-busy': 'fail'
    })
    expect(sim.count('taskDetail')).toBe(0)
    expect(result.exitCode).toBe(1)
    const message = failureMessage(result)
    expect(message).toMatch(/NineData said "task status invalid" \(requestId sim-\w+\)\./)
    expect(message).toMatch(/`concurrency:` group per comparison task/)
  })
})
