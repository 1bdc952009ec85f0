import { afterEach, describe, expect, it } from '@jest/globals'
import { SCENARIOS } from '../../simulator/scenarios.js'
import { failureMessage, ACTION_NODE, visibleText } from '../helpers/action-runner.js'
import { customScenario, gate, stopSimulators, TEST_TASK_ID } from '../helpers/simulator.js'

// The gate end to end: the bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe(`the bundled action (node ${ACTION_NODE === process.execPath ? process.version : ACTION_NODE})`, () => {
  it('passes when every item succeeds, and reports it', async () => {
    const { result, sim } = await gate('pass')
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['item-count']).toBe('5')
    expect(result.outputs['failed-count']).toBe('0')
    expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
    expect(JSON.parse(result.outputs['items']!)).toHaveLength(5)
    expect(JSON.parse(result.outputs['failed-items']!)).toEqual([])
    expect(result.outputs['request-id']).toMatch(/^sim-/)
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(result.summary).toContain('✅ NineData schema comparison precheck passed')
    expect(result.summary).toContain(result.outputs['precheck-task-id'])
    expect(result.summary).toContain(TEST_TASK_ID)
    expect(result.summary.match(/<tr><td>✅&nbsp;Success/g)).toHaveLength(5)
    expect(result.log).toContain(`Started precheck ${result.outputs['precheck-task-id']}`)
    // One start, then status queries; every request was signed correctly (the simulator checks).
    expect(sim.count('start')).toBe(1)
    expect(sim.requests.every(r => r.answer === '200')).toBe(true)
    // The precheck takes 1.2 s; the fast start of the poll schedule sees it within a second or so.
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('fails on failed items, naming them with NineData reason in annotations and summary', async () => {
    const { result } = await gate('failed')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(result.outputs['failed-count']).toBe('2')
    const failed = JSON.parse(result.outputs['failed-items']!) as { precheckItem: string }[]
    expect(failed.map(i => i.precheckItem)).toEqual([
      'compareSrcPermissionCheck',
      'targetDataExistCheck'
    ])
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(3)
    expect(errors[0]).toEqual({
      level: 'error',
      title: 'Source Permission Check',
      message: expect.stringContaining('GRANT SELECT ON *.*')
    })
    expect(errors[1]!.title).toBe('Target Object Existence Check')
    expect(errors[2]!.message).toMatch(
      /2 check items of 5 failed: Source Permission Check, Target Object Existence Check/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
    // Failed rows come first in the table.
    const rows = result.summary.match(/<tr><td>(❌|✅)&nbsp;\w+/g)!
    expect(rows.slice(0, 2).every(r => r.includes('Failed'))).toBe(true)
    expect(rows.slice(2).every(r => r.includes('Success'))).toBe(true)
    expect(visibleText(result.summary)).toContain('Table `orders_archive` does not exist')
  })

  it('fails on an overall Failed without any items', async () => {
    const { result } = await gate('failed-no-items')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(result.outputs['item-count']).toBe('0')
    expect(result.outputs['failed-count']).toBe('0')
    expect(result.annotations.at(-1)!.message).toMatch(
      /overall status Failed without a failed check item/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
  })

  it('fails on a Failed item even when NineData reports overall Success', async () => {
    const { result } = await gate('success-with-failed-item')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['failed-count']).toBe('1')
    expect(result.annotations.at(-1)!.message).toMatch(
      /NineData reported Success, but 1 check item of 5 failed/
    )
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
  })

  it('times out on a precheck that never finishes, with outputs and summary of the last status', async () => {
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
    expect(result.durationMs).toBeGreaterThanOrEqual(2900)
    expect(result.durationMs).toBeLessThan(15_000)
  })

  it('never passes on a status the docs do not list', async () => {
    const { result } = await gate('unknown-status', { 'timeout-seconds': '20' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Paused')
    expect(result.annotations.at(-1)!.message).toMatch(/"Paused": not a status NineData documents/)
    // Not understood is final at once: no waiting for the timeout.
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('keeps polling an overall Success whose item never finishes, and fails at the timeout naming it', async () => {
    const { result } = await gate(
      customScenario({
        items: () =>
          SCENARIOS['pass']!.items('').map((item, i) =>
            i === 0 ? { ...item, doneAfterMs: Number.POSITIVE_INFINITY } : item
          ),
        // After the other items (the last ends at 1.2 s), so only the first is left unfinished.
        durationMs: 1500,
        finalStatus: 'Success'
      }),
      { 'timeout-seconds': '4' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Success')
    expect(result.durationMs).toBeGreaterThanOrEqual(3900)
    expect(failureMessage(result)).toMatch(
      /NineData reported Success, but 1 check item never reported a final status: Source Connection Check/
    )
    expect(result.summary).toContain('⏳&nbsp;Running')
    expect(result.summary).toContain('⏱️ NineData schema comparison precheck timed out')
  })

  it('reads statuses case-insensitively ("SUCCESS" is Success)', async () => {
    const { result } = await gate('lowercase-success')
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('SUCCESS')
  })
})
