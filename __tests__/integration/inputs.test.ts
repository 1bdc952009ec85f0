import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, runAction, visibleText } from '../helpers/action-runner.js'
import { DEMO_CREDENTIALS, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// Bad input fails before any request, naming the input and, where it can, the fix, in the log and
// the summary. The bundled action as a runner runs it, against a simulator that must see no request.

afterEach(stopSimulators)

describe('bad input fails before any request, naming the input', () => {
  const valid = {
    'api-url': 'http://127.0.0.1:9',
    ...DEMO_CREDENTIALS,
    'task-id': 'cc-abc'
  }
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing api-url', { 'api-url': '' }, /`api-url` is required/],
    [
      'api-url not a URL',
      { 'api-url': 'ninedata.example.com' },
      /`api-url` "ninedata.example.com" has no scheme: add https:\/\//
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
      /`poll-interval-seconds` must be a number of seconds \(e\.g\. 5 or 0\.5\), got "fast"/
    ],
    [
      'poll interval zero',
      { 'poll-interval-seconds': '0' },
      /`poll-interval-seconds` must be at least 0\.1 seconds, got "0"/
    ],
    [
      'timeout negative',
      { 'timeout-seconds': '-5' },
      /`timeout-seconds` must be a number of seconds \(e\.g\. 900 or 1800\), got "-5"/
    ],
    [
      'request timeout not a number',
      { 'request-timeout-seconds': '1e3' },
      /`request-timeout-seconds` must be a number of seconds \(e\.g\. 30 or 60\), got "1e3"/
    ],
    [
      'fail-on-failure not boolean',
      { 'fail-on-failure': 'yes' },
      /`fail-on-failure` must be true or false, got "yes"/
    ],
    ['job-summary not boolean', { 'job-summary': 'maybe' }, /`job-summary` must be true or false/]
  ]
  it.each(cases)('%s', async (_name, override, expected) => {
    const sim = await simulator('pass')
    const result = await runAction({ ...valid, 'api-url': sim.url, ...override })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(result.annotations.at(-1)!.message).toMatch(expected)
    // The summary shows the input's name as code (no backticks in the visible text).
    const shown = new RegExp(expected.source.replace(/`/g, ''))
    // A refused job-summary cannot say whether the summary is wanted: only the others check it.
    // eslint-disable-next-line jest/no-conditional-expect
    if (!('job-summary' in override)) expect(visibleText(result.summary)).toMatch(shown)
  })

  it('lists every problem at once', async () => {
    const result = await runAction({ ...valid, 'task-id': '', 'timeout-seconds': 'soon' })
    expect(result.exitCode).toBe(1)
    const message = result.annotations.at(-1)!.message
    expect(message).toContain('`task-id` is required')
    expect(message).toContain('`timeout-seconds` must be a number of seconds')
    // Each problem on a line of its own too, and the example given is one the input accepts.
    const errors = result.annotations.filter(a => a.level === 'error').map(a => a.message)
    expect(errors.slice(0, 2)).toEqual([
      expect.stringMatching(
        /^Invalid input: `task-id` is required, or instead `source-datasource`, `target-datasource` and `databases`/
      ),
      'Invalid input: `timeout-seconds` must be a number of seconds (e.g. 900 or 1800), got "soon".'
    ])
  })
})

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

  it('an empty secret (a pull request from a fork) fails with the input named, sending nothing', async () => {
    const sim = await simulator('pass')
    const result = await runAction(testInputs(sim.url, { 'access-key-secret': '' }))
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toEqual([])
    // The two usual causes, named.
    expect(failureMessage(result)).toBe(
      "Invalid input: `access-key-secret` is required but was empty or not set. A workflow run from a fork's pull request (or Dependabot's) gets no secrets, and a misspelled secret name gives an empty value: check the name in `secrets.` against the repository's or environment's secrets."
    )
  })
})

describe('input floors: values that would round to a storm are refused, naming the input', () => {
  const refused: [string, string][] = [
    ['poll-interval-seconds', '0.0000001'],
    ['poll-interval-seconds', '0.05'],
    ['timeout-seconds', '0.5'],
    ['request-timeout-seconds', '0.001']
  ]
  it.each(refused)('%s: %s', async (input, value) => {
    const sim = await simulator('pass')
    const result = await runAction({ ...testInputs(sim.url), [input]: value })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(failureMessage(result)).toContain(`\`${input}\``)
  })

  it('the floors themselves are accepted (0.1 s poll, 1 s request timeout)', async () => {
    const sim = await simulator('pass')
    const result = await runAction({
      ...testInputs(sim.url),
      'poll-interval-seconds': '0.1',
      'request-timeout-seconds': '1'
    })
    expect(result.exitCode).toBe(0)
  })
})
