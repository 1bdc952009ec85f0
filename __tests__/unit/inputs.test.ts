import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, InputError, parseInputs, wantsJobSummary } from '../../src/inputs.js'

const valid: Record<string, string> = {
  'api-url': 'https://ninedata.example.com/',
  'access-key-id': 'AK',
  'access-key-secret': 'SK',
  'task-id': 'cc-th6j3fs58y'
}
const getter = (values: Record<string, string>) => (name: string) => values[name] ?? ''

function problems(values: Record<string, string>): string[] {
  try {
    parseInputs(getter(values))
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as InputError).problems
  }
  throw new Error('expected an InputError')
}

describe('parseInputs', () => {
  it('applies the defaults and normalises the URL', () => {
    expect(parseInputs(getter(valid))).toEqual({
      apiUrl: 'https://ninedata.example.com',
      accessKeyId: 'AK',
      accessKeySecret: 'SK',
      taskId: 'cc-th6j3fs58y',
      precheckTaskId: '',
      pollIntervalMs: 5000,
      timeoutMs: 900_000,
      requestTimeoutMs: 30_000,
      failOnFailure: true,
      jobSummary: true
    })
  })

  it('keeps a path prefix of a private deployment', () => {
    expect(
      parseInputs(getter({ ...valid, 'api-url': 'http://10.0.0.5:8080/ninedata//' })).apiUrl
    ).toBe('http://10.0.0.5:8080/ninedata')
  })

  it('accepts fractions and the YAML booleans', () => {
    const inputs = parseInputs(
      getter({
        ...valid,
        'poll-interval-seconds': '0.25',
        'timeout-seconds': '.5',
        'fail-on-failure': 'False',
        'job-summary': 'TRUE'
      })
    )
    expect(inputs.pollIntervalMs).toBe(250)
    expect(inputs.timeoutMs).toBe(500)
    expect(inputs.failOnFailure).toBe(false)
    expect(inputs.jobSummary).toBe(true)
  })

  it.each([
    ['api-url', 'not a url', /`api-url` must be an http or https URL/],
    ['api-url', 'ftp://x.example', /`api-url` must start with http/],
    ['api-url', 'https://user:pw@x.example', /`api-url` must not contain a user name or password/],
    ['api-url', 'https://x.example/?a=1', /`api-url` must be a base URL without a query string/],
    ['task-id', 'cc abc', /`task-id` must not contain spaces/],
    ['precheck-task-id', 'pcte-1\n', /^$/],
    ['poll-interval-seconds', '-1', /`poll-interval-seconds` must be a positive number/],
    ['poll-interval-seconds', '0.0', /`poll-interval-seconds` must be greater than 0/],
    ['poll-interval-seconds', '7200', /`poll-interval-seconds` must be at most 3600/],
    ['timeout-seconds', 'Infinity', /`timeout-seconds` must be a positive number/],
    ['timeout-seconds', '5s', /`timeout-seconds` must be a positive number/],
    ['request-timeout-seconds', '0x10', /`request-timeout-seconds` must be a positive number/],
    ['fail-on-failure', 'yes', /`fail-on-failure` must be true or false, got "yes"/],
    ['job-summary', '1', /`job-summary` must be true or false/]
  ])('refuses %s = %j', (name, value, expected) => {
    if (expected.source === '^$') {
      // Surrounding whitespace (a trailing newline from a YAML block scalar) is trimmed, not refused.
      expect(parseInputs(getter({ ...valid, [name]: value })).precheckTaskId).toBe('pcte-1')
      return
    }
    const found = problems({ ...valid, [name]: value })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(expected)
  })

  it('reports every missing required input at once', () => {
    expect(problems({})).toEqual([
      '`api-url` is required but was empty or not set.',
      '`access-key-id` is required but was empty or not set.',
      '`access-key-secret` is required but was empty or not set.',
      '`task-id` is required but was empty or not set.'
    ])
    expect(new InputError(['a', 'b']).message).toBe('Invalid inputs:\n- a\n- b')
  })

  it('has the same defaults as action.yml', () => {
    const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      expect([name, action.inputs[name]?.default]).toEqual([name, value])
    }
  })

  it('reads job-summary leniently when the inputs are invalid', () => {
    expect(wantsJobSummary(getter({ 'job-summary': 'false' }))).toBe(false)
    expect(wantsJobSummary(getter({ 'job-summary': 'nonsense' }))).toBe(true)
    expect(wantsJobSummary(getter({}))).toBe(true)
  })
})
