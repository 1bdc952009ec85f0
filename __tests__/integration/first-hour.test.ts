import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, retryWarnings, runAction, visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  gate,
  simulator,
  stopSimulators,
  testInputs
} from '../helpers/simulator.js'

// The messages a new user meets while wiring the gate into a workflow: each says what to change,
// before any request where it can.

afterEach(stopSimulators)

describe('a first workflow: messages that send users the right way', () => {
  it.each([
    [
      'the API path pasted into api-url',
      { 'api-url': '__URL__/openapi/v1' },
      /^Invalid input: `api-url` must be the base URL without the API path: drop "\/openapi\/v1" \(use http:\/\/127\.0\.0\.1:\d+\)/
    ],
    [
      'no scheme in api-url',
      { 'api-url': 'localhost:8080' },
      /^Invalid input: `api-url` "localhost:8080" has no scheme: add https:\/\/ \(or http:\/\/\) in front/
    ],
    [
      'a precheck ID in task-id',
      { 'task-id': 'pcte-abc' },
      /`task-id` "pcte-abc" looks like a precheck ID \(pcte-\.\.\.\): task-id takes the comparison task/
    ],
    [
      'a task ID in precheck-task-id',
      { 'precheck-task-id': 'cc-abc' },
      /`precheck-task-id` "cc-abc" looks like a comparison task ID: put it in task-id/
    ],
    [
      'an invisible character in task-id',
      { 'task-id': 'cc-abc\u200b' },
      /`task-id` "cc-abc\\u200b" is not a valid ID: it contains whitespace, control or invisible characters/
    ]
  ])(
    '%s: refused before any request, naming the input and the fix',
    async (_name, override, expected) => {
      const sim = await simulator('pass')
      const inputs = testInputs(sim.url)
      for (const [name, value] of Object.entries(override))
        inputs[name] = value.replace('__URL__', sim.url)
      const result = await runAction(inputs)
      expect(result.exitCode).toBe(1)
      expect(sim.requests).toEqual([])
      expect(failureMessage(result)).toMatch(expected)
      expect(visibleText(result.summary)).toMatch(/Invalid input/)
    }
  )

  it('https:// to a plain-http port: says to check the scheme and port, at once', async () => {
    const sim = await simulator('pass')
    const result = await runAction(testInputs(sim.url.replace('http://', 'https://')))
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeLessThan(10_000)
    expect(retryWarnings(result)).toEqual([])
    const message = failureMessage(result)
    expect(message).toMatch(/TLS handshake failed/)
    expect(message).toMatch(/check the scheme and port of `api-url`/i)
    // No raw OpenSSL text with its escaped newline.
    expect(message).not.toMatch(/%0A|SSL routines|\n/)
  })

  it('the timeout names the value that ran out and the input that raises it', async () => {
    const { result } = await gate('timeout', { 'timeout-seconds': '2' })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(
      /^The precheck did not finish within timeout-seconds \(2 s\)\. The last status seen was "Running"\. Raise `timeout-seconds` to wait longer\.$/
    )
  })

  it('"task status invalid" comes with the hint about a concurrency group', async () => {
    const { result } = await gate(customScenario({ startError: 'task status invalid' }))
    expect(result.exitCode).toBe(1)
    const message = failureMessage(result)
    expect(message).toMatch(/NineData said "task status invalid" \(requestId sim-\w+\)\./)
    expect(message).toMatch(/`concurrency:` group per comparison task/)
  })

  it('an empty secret (a pull request from a fork) fails with the input named, sending nothing', async () => {
    const sim = await simulator('pass')
    const result = await runAction(testInputs(sim.url, { 'access-key-secret': '' }))
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toEqual([])
    expect(failureMessage(result)).toBe(
      'Invalid input: `access-key-secret` is required but was empty or not set.'
    )
  })
})
