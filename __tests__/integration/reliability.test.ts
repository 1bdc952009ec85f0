import { afterEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { SCENARIOS, type Scenario } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/server.js'
import {
  failureMessage,
  retryWarnings,
  runAction,
  visibleText,
  type ActionResult,
  type RunOptions
} from '../helpers/action-runner.js'

// Issue 3, "Survive a real pipeline": the bundled action against simulated faults, drifting clocks,
// rejected credentials, cancellation, huge and hostile answers, and secrets. Every test asserts the
// exit code, what the log and the summary say, and that the outputs are still there.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const TASK = 'cc-reliab1ty'
const TEN_MINUTES = 10 * 60 * 1000

interface Gate {
  result: ActionResult
  sim: Simulator
  /** Local time just before the simulator started (its `atMs` counts from about then). */
  simStartedAt: number
}

async function gate(
  scenario: string | Scenario,
  inputs: Record<string, string> = {},
  options: RunOptions = {},
  simOptions: Omit<SimulatorOptions, 'scenario'> = {}
): Promise<Gate> {
  const simStartedAt = Date.now()
  sim = await startSimulator({ scenario, ...simOptions })
  const result = await runAction(
    {
      'api-url': sim.url,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': TASK,
      'poll-interval-seconds': '0.5',
      'timeout-seconds': '30',
      ...inputs
    },
    options
  )
  return { result, sim, simStartedAt }
}

const custom = (overrides: Partial<Scenario>, base = 'pass'): Scenario => ({
  ...SCENARIOS[base]!,
  name: `custom-${base}`,
  ...overrides
})

/**
 * The signed API requests (not /openapi/now, which is unsigned), each with how far its timestamp
 * was from the simulator's clock when it arrived.
 */
const signedRequests = (g: Gate) =>
  g.sim.requests
    .filter(r => r.path !== '/openapi/now')
    .map(request => ({
      request,
      offBy:
        Date.parse(String(request.headers['timestamp'])) -
        (g.simStartedAt + request.atMs + (g.sim.scenario.clockSkewMs ?? 0))
    }))

/** Every output a finished wait sets, with the counts of the last status seen. */
function expectOutputs(result: ActionResult, status: string, itemCount: number): void {
  expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
  expect(result.outputs['request-id']).toMatch(/^sim-/)
  expect(result.outputs['status']).toBe(status)
  expect(result.outputs['item-count']).toBe(String(itemCount))
  expect(JSON.parse(result.outputs['items']!)).toHaveLength(itemCount)
  expect(Array.isArray(JSON.parse(result.outputs['failed-items']!))).toBe(true)
}

describe('transient faults are retried, each retry is logged with its reason', () => {
  it('passes the flaky scenario, logging each retry with its reason and not the gateway page', async () => {
    const { result, sim } = await gate('flaky')
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData precheck passed')
    // The precheck ends after 1.2 s, usually before the 3rd status query; on a slow machine sooner.
    const faults = sim.requests.filter(r => r.answer !== '200').map(r => r.answer)
    expect([
      ['fault:reset', '502'],
      ['fault:reset', '502', '503']
    ]).toContainEqual(faults)
    // One warning per retry, naming the reason, never the gateway's HTML.
    const warnings = retryWarnings(result)
    expect(warnings).toHaveLength(faults.length)
    expect(warnings[0]).toMatch(
      /^POST \/openapi\/v1\/compareschema\/precheck\/start failed: .*(ECONNRESET|socket hang up)/
    )
    expect(warnings[1]).toMatch(/HTTP 502 .*body of \d+ bytes \(text\/html\)/)
    if (faults.length > 2)
      expect(warnings[2]).toMatch(/HTTP 503 .*service busy.*Retry-After asks for 1\.0s/)
    expect(result.stdout).not.toMatch(/<html|<h1>/)
    // The start was retried: the log says which precheck this run follows, and it is the one polled.
    const precheck = result.outputs['precheck-task-id']!
    expect(result.log).toContain(`this run follows ${precheck} only`)
    const polled = sim.requests.filter(r => r.path.endsWith('/status'))
    expect(polled.every(r => r.query['precheckTaskId'] === precheck)).toBe(true)
  })

  it('meets every fault of flaky (cut body and 429 too) when the precheck runs longer, and passes', async () => {
    const { result, sim } = await gate('flaky-long')
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData precheck passed')
    const faults = sim.requests.filter(r => r.answer !== '200')
    expect(faults.map(r => r.answer)).toEqual(['fault:reset', '502', '503', 'fault:cut', '429'])
    const warnings = retryWarnings(result)
    expect(warnings).toHaveLength(5)
    expect(warnings[0]).toMatch(/precheck\/start failed: .*(ECONNRESET|socket hang up)/)
    expect(warnings[1]).toMatch(/precheck\/status failed: HTTP 502/)
    expect(warnings[2]).toMatch(/HTTP 503.*Retry-After asks for 1\.0s/)
    expect(warnings[3]).toMatch(/closed before the answer was complete/)
    expect(warnings[4]).toMatch(/HTTP 429.*Retry-After asks for 1\.0s/)
    expect(result.stdout).not.toMatch(/<html|<h1>/)
    // Retry-After was honoured: the next request came at least about a second later.
    for (const answer of ['503', '429']) {
      const at = sim.requests.findIndex(r => r.answer === answer)
      expect(sim.requests[at + 1]!.atMs - sim.requests[at]!.atMs).toBeGreaterThanOrEqual(900)
    }
    expect(result.log).toContain(`this run follows ${result.outputs['precheck-task-id']} only`)
    expect(result.durationMs).toBeLessThan(20_000)
  })

  // The second case: NineData is 20 minutes ahead and its Retry-After date is 2.5 s ahead of its own
  // clock, so the date must be read on NineData's clock, not the runner's.
  it.each([
    ['honours Retry-After given as an HTTP date', 'retry-after-date'],
    ["reads a Retry-After date on NineData's clock, not the runner's", 'retry-after-date-skew']
  ])('%s', async (_name, scenario) => {
    const { result, sim } = await gate(scenario)
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    const warnings = retryWarnings(result)
    expect(warnings).toHaveLength(1)
    const asked = Number(/Retry-After asks for (\d+\.\d)s/.exec(warnings[0]!)?.[1])
    expect(asked).toBeGreaterThanOrEqual(1)
    expect(asked).toBeLessThanOrEqual(3)
    const at = sim.requests.findIndex(r => r.answer === '503')
    expect(sim.requests[at + 1]!.atMs - sim.requests[at]!.atMs).toBeGreaterThanOrEqual(1300)
  })

  it('gives up a hanging request after request-timeout-seconds and retries it', async () => {
    const { result, sim } = await gate(
      custom({ faults: [{ on: 'status', from: 2, times: 1, kind: { type: 'hang' } }] }),
      { 'request-timeout-seconds': '1' }
    )
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData precheck passed')
    const warnings = retryWarnings(result)
    expect(warnings).toEqual([
      expect.stringMatching(/status failed: no answer within 1s \(request-timeout-seconds\)/)
    ])
    const at = sim.requests.findIndex(r => r.answer === 'fault:hang')
    expect(at).toBeGreaterThan(0)
    const gap = sim.requests[at + 1]!.atMs - sim.requests[at]!.atMs
    expect(gap).toBeGreaterThanOrEqual(1000)
    expect(gap).toBeLessThan(5000)
    expect(result.durationMs).toBeLessThan(15_000)
  })

  it('never retries past timeout-seconds, even against a server that always answers 503', async () => {
    const { result, sim } = await gate(
      custom({
        faults: [{ on: 'any', times: 1e9, kind: { type: 'http', status: 503, body: 'busy' } }]
      }),
      { 'timeout-seconds': '3' }
    )
    expect(result.exitCode).toBe(1)
    // 3 s of waiting, plus starting Node and writing the report.
    expect(result.durationMs).toBeLessThan(3000 + 2500)
    const last = sim.requests.at(-1)!.atMs - sim.requests[0]!.atMs
    expect(last).toBeLessThan(3000)
    expect(sim.requests.length).toBeGreaterThanOrEqual(2)
    expect(retryWarnings(result).length).toBe(sim.requests.length - 1)
    const message = failureMessage(result)
    expect(message).toMatch(/NineData did not start a precheck for task cc-reliab1ty/)
    expect(message).toMatch(/HTTP 503/)
    expect(message).toMatch(/another try would pass timeout-seconds/)
    expect(result.outputs['status']).toBe('')
    expect(result.summary).toContain('could not reach a verdict')
    expect(visibleText(result.summary)).toContain('another try would pass timeout-seconds')
  })

  it('does not wait for a Retry-After that ends after timeout-seconds', async () => {
    const { result, sim } = await gate(
      custom({
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
    expect(result.durationMs).toBeLessThan(2500)
    expect(failureMessage(result)).toMatch(/HTTP 429.*another try would pass timeout-seconds/)
    expect(result.summary).toContain('could not reach a verdict')
  })

  it('does not retry business errors (success: false) of the start call', async () => {
    const { result, sim } = await gate(custom({ startError: 'PERMISSION_DENY module:DataSource' }))
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
    expect(result.summary).toContain('could not reach a verdict')
  })
})

describe("a drifting runner clock is corrected to NineData's", () => {
  it('passes when NineData is 20 minutes ahead (learnt from the Date header)', async () => {
    const g = await gate('clock-skew')
    const { result, sim } = g
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData precheck passed')
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /clock is 20m \d+s behind NineData's.*requests are now signed with NineData's time/
        )
      })
    )
    // Only the very first request (signed before anything was known) was rejected.
    expect(sim.requests.filter(r => r.answer !== '200').map(r => r.answer)).toEqual(['401'])
    expect(sim.requests[0]!.answer).toBe('401')
    const signed = signedRequests(g)
    expect(Math.abs(signed[0]!.offBy)).toBeGreaterThan(TEN_MINUTES)
    const accepted = signed.filter(({ request }) => request.answer === '200')
    expect(accepted.length).toBe(signed.length - 1)
    expect(accepted.length).toBeGreaterThanOrEqual(2)
    for (const { offBy } of accepted) expect(Math.abs(offBy)).toBeLessThan(TEN_MINUTES)
  })

  it('passes when NineData is 20 minutes behind, sends no Date header and rejects with HTTP 200', async () => {
    const g = await gate('clock-skew-no-date')
    const { result, sim } = g
    expect(result.exitCode).toBe(0)
    expectOutputs(result, 'Success', 5)
    expect(result.summary).toContain('✅ NineData precheck passed')
    // Without a Date header, the client had to ask NineData for its time.
    expect(sim.count('now')).toBe(1)
    expect(result.annotations).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/clock is 20m \d+s ahead of NineData's \(\/openapi\/now\)/)
      })
    )
    // The first start was signed with the runner's clock and rejected; every later one was right.
    // (The rejection came as HTTP 200, so the answer codes cannot tell; the timestamps can.)
    const signed = signedRequests(g)
    expect(Math.abs(signed[0]!.offBy)).toBeGreaterThan(TEN_MINUTES)
    expect(signed.length).toBeGreaterThanOrEqual(3)
    for (const { offBy } of signed.slice(1)) expect(Math.abs(offBy)).toBeLessThan(TEN_MINUTES)
    expect(sim.count('start')).toBe(2)
  })
})

describe('rejected credentials fail fast, with what NineData said and what to check', () => {
  const cases: [string, Record<string, string>, Partial<Scenario>, RegExp][] = [
    [
      'a wrong access-key-secret (HTTP 401)',
      { 'access-key-secret': 'not-the-secret' },
      {},
      /signature mismatch/
    ],
    [
      'a wrong access-key-secret (HTTP 200, success: false)',
      { 'access-key-secret': 'not-the-secret' },
      { authFailure: 'envelope200' },
      /signature mismatch/
    ],
    ['an unknown access-key-id', { 'access-key-id': 'nobody' }, {}, /AccessKey ID not found/]
  ]
  it.each(cases)('%s', async (_name, inputs, overrides, said) => {
    const { result, sim } = await gate(custom(overrides), inputs)
    expect(result.exitCode).toBe(1)
    // One try, NineData's time once, at most one retry after a clock correction.
    expect(sim.requests.length).toBeLessThanOrEqual(3)
    expect(sim.count('start')).toBeLessThanOrEqual(2)
    expect(sim.count('status')).toBe(0)
    expect(retryWarnings(result)).toEqual([])
    expect(result.durationMs).toBeLessThan(5000)
    const message = failureMessage(result)
    expect(message).toMatch(said)
    expect(message).toMatch(/rejected the credentials or the request signature/)
    expect(message).toMatch(/access-key-id and access-key-secret/)
    expect(message).toMatch(/clock/)
    // The requestId support needs is the rejection's, and the output and summary show the same one.
    const requestId = /requestId (sim-[0-9a-f]+)/.exec(message)?.[1]
    expect(requestId).toBeDefined()
    expect(result.outputs['request-id']).toBe(requestId)
    const shown = visibleText(result.summary)
    expect(shown).toMatch(said)
    expect(shown).toContain('access-key-id and access-key-secret')
    expect(shown).toContain(requestId!)
    expect(result.outputs['status']).toBe('')
  })
})

describe('cancellation (the runner sends SIGINT, then SIGTERM) reports what was seen', () => {
  /**
   * Runs `scenario` and sends `signal` once `ready(stdout, sim)` holds (plus a short pause).
   * Returns the result and how long after the signal the process exited.
   */
  async function cancelled(
    scenario: string | Scenario,
    signal: NodeJS.Signals,
    ready: (stdout: string, s: Simulator) => boolean,
    inputs: Record<string, string> = {}
  ) {
    let signalledAt = 0
    let exitedAt = 0
    const onSpawn = (child: ChildProcess): void => {
      let stdout = ''
      child.stdout!.on('data', (chunk: string | Buffer) => (stdout += chunk.toString()))
      child.on('exit', () => (exitedAt = Date.now()))
      const check = setInterval(() => {
        if (!ready(stdout, sim!)) return
        clearInterval(check)
        setTimeout(() => {
          signalledAt = Date.now()
          child.kill(signal)
        }, 300)
      }, 50)
      child.on('exit', () => clearInterval(check))
    }
    const { result } = await gate(
      scenario,
      { 'timeout-seconds': '60', ...inputs },
      { onSpawn, killAfterMs: 30_000 }
    )
    expect(signalledAt).toBeGreaterThan(0)
    return { result, afterSignalMs: exitedAt - signalledAt }
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
    expect(result.summary).toContain('🛑 NineData precheck wait cancelled')
    expectOutputs(result, 'Running', 5)
  }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops waiting on %s within 1.5 s and reports the last status',
    async signal => {
      const { result, afterSignalMs } = await cancelled('timeout', signal, stdout =>
        stdout.includes('2/5 check items done')
      )
      expectCancelledReport(result, signal)
      expect(afterSignalMs).toBeLessThan(1500)
      // The last seen items: two done, three still running.
      expect(result.summary.match(/<tr><td>✅&nbsp;Success/g)).toHaveLength(2)
      expect(result.summary.match(/<tr><td>⏳&nbsp;Running/g)).toHaveLength(3)
      expect(visibleText(result.summary)).toContain('Source Connection Check')
      expect(result.outputs['failed-count']).toBe('0')
    }
  )

  it('stops within 1.5 s even while a request hangs', async () => {
    const hanging = custom(
      { faults: [{ on: 'status', from: 2, times: 1e9, kind: { type: 'hang' } }] },
      'timeout'
    )
    const { result, afterSignalMs } = await cancelled(
      hanging,
      'SIGINT',
      (_stdout, s) => s.requests.some(r => r.answer === 'fault:hang'),
      { 'request-timeout-seconds': '300' }
    )
    expectCancelledReport(result, 'SIGINT')
    expect(afterSignalMs).toBeLessThan(1500)
    // The status seen before the hang is what is reported.
    expect(result.summary.match(/<tr><td>/g)).toHaveLength(5)
  })
})

describe('a huge precheck stays within GitHub limits without losing anything', () => {
  it('reports 3,000 items (1,000 failed) within 1 MiB of summary, 10 error annotations and 100 KB outputs', async () => {
    const { result } = await gate('huge')
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeLessThan(20_000)

    // Summary: under GitHub's 1 MiB, failed rows first, and a line saying how many were left out.
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    expect(result.summary).toContain('❌ NineData precheck failed')
    const rows = result.summary.match(/<tr><td>(❌|✅)&nbsp;\w+/g)!
    expect(rows.length).toBeGreaterThan(100)
    const firstSuccess = rows.findIndex(r => r.includes('Success'))
    if (firstSuccess >= 0)
      expect(rows.slice(firstSuccess).every(r => r.includes('Success'))).toBe(true)
    expect(rows[0]).toContain('Failed')
    const left = /<p>(\d+) more check items \((\d+) of them failed\) not shown/.exec(result.summary)
    expect(left).not.toBeNull()
    expect(rows.length + Number(left![1])).toBe(3000)
    const failedShown = rows.filter(r => r.includes('Failed')).length
    expect(failedShown + Number(left![2])).toBe(1000)

    // Annotations: 8 items, one counter for the rest, and the step's own failure.
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(10)
    expect(
      errors.slice(0, 8).every(a => /^Object check #\d+ for table t_\d+$/.test(a.title!))
    ).toBe(true)
    expect(errors[8]).toEqual(
      expect.objectContaining({
        title: '992 more failed check items',
        message: expect.stringContaining('992 more check items failed')
      })
    )
    expect(errors[9]!.title).toBeUndefined()
    expect(errors[9]!.message).toMatch(/1000 check items of 3000 failed/)

    // Outputs: counts are exact, the JSON arrays are valid, whole items and capped at 100,000 bytes.
    expect(result.outputs['item-count']).toBe('3000')
    expect(result.outputs['failed-count']).toBe('1000')
    expect(result.outputs['status']).toBe('Failed')
    for (const name of ['items', 'failed-items']) {
      const value = result.outputs[name]!
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(100_000)
      const parsed = JSON.parse(value) as { precheckItem: string }[]
      expect(parsed.length).toBeGreaterThan(0)
      expect(result.log).toContain(`The ${name} output holds the first ${parsed.length} of`)
    }
    // Nothing is lost: the step log lists every item.
    expect(result.log.match(/^Failed: Object check/gm)).toHaveLength(1000)
    expect(result.log.match(/^Success: Object check/gm)).toHaveLength(2000)
  })
})

describe('hostile server text is shown as text', () => {
  it('keeps the summary table intact and shows HTML, Markdown, RTL and emoji literally', async () => {
    const { result } = await gate('hostile')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['item-count']).toBe('8')
    expect(result.outputs['failed-count']).toBe('6')
    const summary = result.summary
    expect(summary).toContain('❌ NineData precheck failed')

    // No markup from the server survives as markup.
    for (const raw of ['<script', '<iframe', '<img', '<h1>', '<b>', '](https', '@octocat'])
      expect(summary).not.toContain(raw)
    // The items table: one header row and one row per item, no blank line that ends the HTML block.
    const table = /<table>\n<thead>[\s\S]*?<\/table>/.exec(summary)?.[0]
    expect(table).toBeDefined()
    expect(table!.match(/<tr>/g)).toHaveLength(8 + 1)
    expect(table!.match(/<\/tr>/g)).toHaveLength(8 + 1)
    expect(table).not.toMatch(/\n[ \t]*\n/)
    expect(summary.match(/<table>/g)).toHaveLength(2)
    expect(summary.match(/<\/table>/g)).toHaveLength(2)

    const shown = visibleText(summary)
    expect(shown).toContain('<script>alert("x")</script>')
    expect(shown).toContain(
      '<iframe src="https://evil.example"></iframe></td></tr></table><h1>Injected</h1>'
    )
    expect(shown).toContain('Pipes | break | tables')
    expect(shown).toContain('[link](https://evil.example)')
    expect(shown).toContain('فحص الاتصال بالمصدر')
    expect(shown).toContain('خطأ: لا يمكن الاتصال | שגיאה')
    expect(shown).toContain('Emoji 🚀🔥👩‍👩‍👧‍👦 check')
    // Invisible controls are gone: the bidi override, bell, NUL and escape.
    const invisible = ['\u202E', '\u0000', '\u0007', '\u001b']
    for (const char of invisible) expect(summary).not.toContain(char)
    expect(shown).toContain('evil override end')
    // Very long text is shortened, and says so.
    expect(shown).toMatch(/L{300}… \(4700 more characters\)/)
    expect(shown).toMatch(/y+… \(\d+ more characters\)/)
    expect(Buffer.byteLength(summary)).toBeLessThan(64 * 1024)
    // The log and annotations carry no terminal control characters either.
    for (const char of invisible) expect(result.stdout).not.toContain(char)
    expect(result.log).toContain('Failed: <script>alert("x")</script> [xssCheck] — <iframe')
    expect(result.log).toContain('Success: Bell and NUL and ESC[31m red [controlCheck]')
  })
})

describe('the access key secret never leaks, even with step debug logging on', () => {
  const SECRET = 's3cr3t-DO-NOT-LEAK-42'
  const cases: [string, string, string][] = [
    // name, scenario, the secret the simulator expects
    ['pass', 'pass', SECRET],
    ['failed', 'failed', SECRET],
    ['wrong credentials', 'pass', 'the-right-secret-is-another'],
    ['echo-secret', 'echo-secret', SECRET]
  ]
  it.each(cases)('%s', async (name, scenario, simSecret) => {
    const { result } = await gate(
      scenario,
      { 'access-key-secret': SECRET },
      { env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } },
      { accessKeySecret: simSecret }
    )
    expect(result.exitCode).toBe(name === 'pass' ? 0 : 1)
    // Debug lines were written (so the debug path is covered), and the only line with the secret
    // is the mask command, which comes first.
    expect(result.stdout).toContain('::debug::')
    const lines = result.stdout.split('\n')
    expect(lines.filter(line => line.includes(SECRET))).toEqual([`::add-mask::${SECRET}`])
    expect(lines[0]).toBe(`::add-mask::${SECRET}`)
    expect(result.stderr).not.toContain(SECRET)
    for (const value of Object.values(result.outputs)) expect(value).not.toContain(SECRET)
    expect(result.outputs['status']).toBeDefined()
    expect(result.summary).not.toContain(SECRET)
    expect(result.summary.length).toBeGreaterThan(0)
    if (name === 'echo-secret') {
      expect(visibleText(result.summary)).toContain('login failed for key with secret *** (echoed')
      expect(result.outputs['failed-items']).toContain('secret *** (echoed')
      expect(result.annotations).toContainEqual(
        expect.objectContaining({
          title: 'Source Connection Check',
          message: expect.stringContaining('secret ***')
        })
      )
    }
  })
})
