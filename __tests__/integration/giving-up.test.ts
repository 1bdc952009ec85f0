import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, retryWarnings, visibleText } from '../helpers/action-runner.js'
import { customScenario, gate, stopSimulators, TEST_TASK_ID } from '../helpers/simulator.js'

// When retrying stops: at timeout-seconds, at a Retry-After past it, and at once on a business
// error. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('retrying stops in time, and never for business errors', () => {
  it('never retries past timeout-seconds, even against a server that always answers 503', async () => {
    const { result, sim } = await gate(
      customScenario({
        faults: [
          {
            on: 'any',
            times: 1e9,
            kind: { type: 'http', status: 503, headers: { 'retry-after': '1' }, body: 'busy' }
          }
        ]
      }),
      { 'timeout-seconds': '2.5' }
    )
    expect(result.exitCode).toBe(1)
    // 2.5 s of waiting, plus starting Node and writing the report.
    expect(result.durationMs).toBeLessThan(2500 + 2500)
    expect(sim.requests.map(r => r.answer)).toEqual(['503', '503', '503'])
    const gaps = sim.requests.slice(1).map((r, i) => r.atMs - sim.requests[i]!.atMs)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950)
    // A warning for each retry that was made; after the third failure no try fits before the
    // deadline (NineData asks for 1 s), so the wait runs out.
    expect(retryWarnings(result)).toHaveLength(2)
    expect(result.durationMs).toBeGreaterThanOrEqual(2400)
    const message = failureMessage(result)
    expect(message).toMatch(/^The precheck did not finish within timeout-seconds \(2\.5 s\)/)
    expect(message).toMatch(/NineData gave no usable answer for the last 2(\.\d)?s/)
    expect(message).toMatch(/HTTP 503/)
    expect(message).toMatch(/no time was left for another try/)
    expect(message).toMatch(/No status was seen\. Raise `timeout-seconds` to wait longer\./)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toContain(`NineData schema comparison precheck timed out`)
    expect(visibleText(result.summary)).toContain('no time was left for another try')
    expect(visibleText(result.summary)).toContain(TEST_TASK_ID)
  })

  it('does not try again before a Retry-After that ends after timeout-seconds', async () => {
    const { result, sim } = await gate(
      customScenario({
        faults: [
          {
            on: 'start',
            kind: { type: 'http', status: 429, headers: { 'retry-after': '10' }, body: '' }
          }
        ]
      }),
      { 'timeout-seconds': '3' }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    // The wait still runs to timeout-seconds: NineData may come back, but not before it asked.
    expect(result.durationMs).toBeGreaterThanOrEqual(2900)
    expect(result.durationMs).toBeLessThan(3000 + 3000)
    expect(failureMessage(result)).toMatch(
      /HTTP 429.*Retry-After asks for 10\.0s\); no time was left for another try/
    )
    expect(result.summary).toContain('NineData schema comparison precheck timed out')
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
  })
})
