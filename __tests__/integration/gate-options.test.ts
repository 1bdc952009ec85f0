import { afterEach, describe, expect, it } from '@jest/globals'
import { runAction, visibleText } from '../helpers/action-runner.js'
import { gate, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// The gate's inputs that change how it reports, and NineData's business errors. The bundled action
// against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('options and business errors', () => {
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
  })

  it('polls a given precheck-task-id without starting one', async () => {
    const sim = await simulator('pass')
    const precheckTaskId = sim.addPrecheck('cc-given', 5000)
    const result = await runAction(
      testInputs(sim.url, { 'task-id': 'cc-given', 'precheck-task-id': precheckTaskId })
    )
    expect(result.exitCode).toBe(0)
    expect(sim.count('start')).toBe(0)
    expect(sim.count('status')).toBe(1)
    expect(result.outputs['precheck-task-id']).toBe(precheckTaskId)
    expect(result.log).toContain(`Following precheck ${precheckTaskId}`)
  })

  it('reports failed items as warnings and passes with fail-on-failure: false', async () => {
    const { result } = await gate('failed', { 'fail-on-failure': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['failed-count']).toBe('2')
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    const warnings = result.annotations.filter(a => a.level === 'warning')
    expect(warnings.map(w => w.title).slice(0, 2)).toEqual([
      'Source Permission Check',
      'Target Object Existence Check'
    ])
    expect(warnings.at(-1)!.message).toMatch(/passes because fail-on-failure is false/)
    expect(result.summary).toContain('not blocking: fail-on-failure is false')
  })

  it('still fails on errors of its own with fail-on-failure: false', async () => {
    const { result } = await gate('task-not-found', { 'fail-on-failure': 'false' })
    expect(result.exitCode).toBe(1)
  })

  it('still sets outputs and the verdict when the runner gives no summary file', async () => {
    const { result } = await gate('failed', {}, { noSummaryFile: true })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('2')
    expect(
      result.annotations.some(
        a => a.level === 'warning' && /Could not write the job summary/.test(a.message)
      )
    ).toBe(true)
  })

  it('writes no summary with job-summary: false, but still the outputs', async () => {
    const { result } = await gate('pass', { 'job-summary': 'false' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toBe('')
    expect(result.outputs['status']).toBe('Success')
  })
})
