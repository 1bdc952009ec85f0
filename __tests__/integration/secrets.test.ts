import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, runAction, visibleText } from '../helpers/action-runner.js'
import { gate, stopSimulators, TEST_TASK_ID } from '../helpers/simulator.js'

// The access key secret never leaves the action: not in the log (debug lines included), the
// annotations, outputs, summary, report file or stderr, in any form a reader could decode, and
// hiding it never changes what is judged. The bundled action against the simulator, as a runner
// runs it.

afterEach(stopSimulators)

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
    // The scenario that echoes the secret must also show where it was hidden (one run per case).
    /* eslint-disable jest/no-conditional-expect */
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
    /* eslint-enable jest/no-conditional-expect */
  })
})

describe('redaction never changes what is judged', () => {
  it.each([['Failed'], ['precheckItems']])(
    'a secret that is "%s" does not turn a failed precheck into a pass',
    async secret => {
      const { result, report } = await gate('failed', { 'timeout-seconds': '20' }, { secret })
      expect(result.exitCode).toBe(1)
      expect(result.outputs['failed-count']).toBe('2')
      // Judged from the answer, not after a timeout on a mangled status.
      expect(report?.verdict?.kind).toBe('failed')
      expect(
        result.annotations.filter(a => a.level === 'error' && a.title !== undefined)
      ).toHaveLength(2)
    }
  )
})

describe('an api-url that cannot be parsed is never echoed with its userinfo', () => {
  it.each([
    ['a space in the host', 'https://admin:Pa55w0rd-Q7@nine data.example.com'],
    ['a broken IPv6 host', 'http://admin:Pa55w0rd-Q7@[::1:8080/'],
    ['a port out of range', 'https://admin:Pa55w0rd-Q7@ninedata.example.com:99999']
  ])('%s', async (_label, apiUrl) => {
    const result = await runAction({
      'api-url': apiUrl,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': TEST_TASK_ID
    })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/api-url/)
    for (const text of [result.stdout, result.stderr, result.summary])
      expect(text).not.toContain('Pa55w0rd-Q7')
  })
})
