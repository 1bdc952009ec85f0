import { afterEach, describe, expect, it } from '@jest/globals'
import { runAction, visibleText } from '../helpers/action-runner.js'
import { DEMO_CREDENTIALS, simulator, stopSimulators } from '../helpers/simulator.js'

// Bad input fails before any request, naming the input, in the log and the summary. The bundled
// action as a runner runs it, against a simulator that must see no request.

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
      /`timeout-seconds` must be a number of seconds \(e\.g\. 5 or 0\.5\), got "-5"/
    ],
    [
      'request timeout not a number',
      { 'request-timeout-seconds': '1e3' },
      /`request-timeout-seconds` must be a number of seconds \(e\.g\. 5 or 0\.5\), got "1e3"/
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
    if (!('job-summary' in override)) expect(visibleText(result.summary)).toMatch(expected)
  })

  it('lists every problem at once', async () => {
    const result = await runAction({ ...valid, 'task-id': '', 'timeout-seconds': 'soon' })
    expect(result.exitCode).toBe(1)
    const message = result.annotations.at(-1)!.message
    expect(message).toContain('`task-id` is required')
    expect(message).toContain('`timeout-seconds` must be a number of seconds')
  })
})
