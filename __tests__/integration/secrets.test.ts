import { afterEach, describe, expect, it } from '@jest/globals'
import { visibleText } from '../helpers/action-runner.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// The access key secret never leaks: not in the log, the outputs, the summary or stderr, even with
// step debug logging on. The bundled action against the simulator, as a runner runs it.

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
