import { afterEach, describe, expect, it } from '@jest/globals'
import { SCENARIOS } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator } from '../../simulator/server.js'
import { ACTION_NODE, runAction, visibleText } from '../helpers/action-runner.js'

// The gate end to end: the bundled action against the simulator, as a runner runs it.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function gate(
  scenario: string,
  inputs: Record<string, string> = {},
  env?: Record<string, string>
) {
  sim = await startSimulator({ scenario })
  const result = await runAction(
    {
      'api-url': sim.url,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': 'cc-th6j3fs58y',
      'poll-interval-seconds': '0.5',
      'timeout-seconds': '30',
      ...inputs
    },
    { env }
  )
  return { result, sim }
}

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
    expect(result.summary).toContain('✅ NineData precheck passed')
    expect(result.summary).toContain(result.outputs['precheck-task-id'])
    expect(result.summary).toContain('cc-th6j3fs58y')
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
    expect(result.summary).toContain('❌ NineData precheck failed')
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
    expect(result.summary).toContain('❌ NineData precheck failed')
  })

  it('fails on a Failed item even when NineData reports overall Success', async () => {
    const { result } = await gate('success-with-failed-item')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Success')
    expect(result.outputs['failed-count']).toBe('1')
    expect(result.annotations.at(-1)!.message).toMatch(
      /NineData reported Success, but 1 check item of 5 failed/
    )
    expect(result.summary).toContain('❌ NineData precheck failed')
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
    expect(result.summary).toContain('⏱️ NineData precheck timed out')
    expect(result.summary).toContain('⏳&nbsp;Running')
    expect(result.durationMs).toBeGreaterThanOrEqual(2900)
    expect(result.durationMs).toBeLessThan(15_000)
  })

  it('never passes on a status the docs do not list', async () => {
    const { result } = await gate('unknown-status', { 'timeout-seconds': '2' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Paused')
    expect(result.annotations.at(-1)!.message).toMatch(/"Paused".*not one NineData documents/)
  })

  it('passes an overall Success whose item never finished, but warns and names it', async () => {
    sim = await startSimulator({
      scenario: {
        ...SCENARIOS['pass']!,
        name: 'success-with-running-item',
        items: () =>
          SCENARIOS['pass']!.items('').map((item, i) =>
            i === 0 ? { ...item, doneAfterMs: Number.POSITIVE_INFINITY } : item
          ),
        // After the other items (the last ends at 1.2 s), so only the first is left unfinished.
        durationMs: 1500,
        finalStatus: 'Success'
      }
    })
    const result = await runAction({
      'api-url': sim.url,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': 'cc-1',
      'poll-interval-seconds': '0.5'
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('Success')
    const warning = result.annotations.find(a => a.level === 'warning')
    expect(warning?.message).toMatch(
      /1 of 5 check items reported no final status: Source Connection Check/
    )
    expect(result.summary).toContain('⏳&nbsp;Running')
  })

  it('reads statuses case-insensitively ("SUCCESS" is Success)', async () => {
    const { result } = await gate('lowercase-success')
    expect(result.exitCode).toBe(0)
    expect(result.outputs['status']).toBe('SUCCESS')
  })

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
    expect(result.summary).toContain('could not reach a verdict')
    expect(visibleText(result.summary)).toContain('task not found')
  })

  it('polls a given precheck-task-id without starting one', async () => {
    sim = await startSimulator({ scenario: 'pass' })
    const precheckTaskId = sim.addPrecheck('cc-given', 5000)
    const result = await runAction({
      'api-url': sim.url,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': 'cc-given',
      'precheck-task-id': precheckTaskId
    })
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
    sim = await startSimulator({ scenario: 'failed' })
    const result = await runAction(
      {
        'api-url': sim.url,
        'access-key-id': 'demo-key',
        'access-key-secret': 'demo-secret',
        'task-id': 'cc-1',
        'poll-interval-seconds': '0.5'
      },
      { noSummaryFile: true }
    )
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

describe('bad input fails before any request, naming the input', () => {
  const valid = {
    'api-url': 'http://127.0.0.1:9',
    'access-key-id': 'demo-key',
    'access-key-secret': 'demo-secret',
    'task-id': 'cc-abc'
  }
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing api-url', { 'api-url': '' }, /`api-url` is required/],
    [
      'api-url not a URL',
      { 'api-url': 'ninedata.example.com' },
      /`api-url` must be an http or https URL/
    ],
    [
      'api-url not http',
      { 'api-url': 'ftp://ninedata.example.com' },
      /`api-url` must start with http/
    ],
    ['missing access-key-id', { 'access-key-id': '' }, /`access-key-id` is required/],
    ['missing access-key-secret', { 'access-key-secret': '' }, /`access-key-secret` is required/],
    ['missing task-id', { 'task-id': '  ' }, /`task-id` is required/],
    [
      'poll interval not a number',
      { 'poll-interval-seconds': 'fast' },
      /`poll-interval-seconds` must be a positive number/
    ],
    [
      'poll interval zero',
      { 'poll-interval-seconds': '0' },
      /`poll-interval-seconds` must be greater than 0/
    ],
    [
      'timeout negative',
      { 'timeout-seconds': '-5' },
      /`timeout-seconds` must be a positive number/
    ],
    [
      'request timeout not a number',
      { 'request-timeout-seconds': '1e3' },
      /`request-timeout-seconds` must be a positive number/
    ],
    [
      'fail-on-failure not boolean',
      { 'fail-on-failure': 'yes' },
      /`fail-on-failure` must be true or false, got "yes"/
    ],
    ['job-summary not boolean', { 'job-summary': 'maybe' }, /`job-summary` must be true or false/]
  ]
  it.each(cases)('%s', async (_name, override, expected) => {
    sim = await startSimulator({ scenario: 'pass' })
    const result = await runAction({ ...valid, 'api-url': sim.url, ...override })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(result.annotations.at(-1)!.message).toMatch(expected)
    if (!('job-summary' in override)) expect(visibleText(result.summary)).toMatch(expected)
  })

  it('lists every problem at once', async () => {
    const result = await runAction({ ...valid, 'task-id': '', 'timeout-seconds': 'soon' })
    expect(result.exitCode).toBe(1)
    const message = result.annotations.at(-1)!.message
    expect(message).toContain('`task-id` is required')
    expect(message).toContain('`timeout-seconds` must be a positive number')
  })
})
