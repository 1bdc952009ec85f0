import { describe, expect, it } from '@jest/globals'
import { InputError, parseInputs } from '../../src/inputs.js'

// Every problem is named, with the value it refused, before any request.

const good: Record<string, string> = {
  'api-url': 'https://ninedata.example.com/',
  'access-key-id': 'ak',
  'access-key-secret': 'sk',
  'task-id': 'cc-abc'
}

function problems(inputs: Record<string, string>): string[] {
  try {
    parseInputs(name => ({ ...good, ...inputs })[name] ?? '')
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  return []
}

describe('parseInputs', () => {
  it('reads good inputs with action.yml defaults', () => {
    const inputs = parseInputs(name => good[name] ?? '')
    expect(inputs).toMatchObject({
      apiUrl: 'https://ninedata.example.com',
      comparison: 'schema',
      pollIntervalMs: 5000,
      timeoutMs: 900_000,
      requestTimeoutMs: 30_000,
      failOnFailure: true,
      jobSummary: true
    })
  })

  it('picks the comparison from the task ID, and refuses what it cannot tell', () => {
    expect(parseInputs(name => ({ ...good, 'task-id': 'cd-1' })[name] ?? '').comparison).toBe(
      'data'
    )
    expect(problems({ 'task-id': 'xx-1' })).toEqual([
      expect.stringMatching(
        /^`comparison` is auto, but `task-id` "xx-1" starts with neither cc- .* nor cd- /
      )
    ])
    expect(problems({ 'task-id': 'cc-1', comparison: 'data' })).toEqual([
      expect.stringMatching(
        /^`comparison` is "data", but `task-id` "cc-1" is a schema comparison task/
      )
    ])
    expect(problems({ comparison: 'both' })).toEqual([
      expect.stringMatching(/^`comparison` must be schema, data or auto, got "both"/)
    ])
    expect(problems({ 'task-id': 'xx-1', comparison: 'data' })).toEqual([])
  })

  it.each([
    ['https://h/openapi', /drop "\/openapi"/],
    ['https://h/openapi/v1/', /drop "\/openapi\/v1" \(use https:\/\/h\)/],
    ['h:443', /has no scheme: add https:\/\//],
    ['localhost:8080', /has no scheme: add https:\/\//],
    ['ninedata.example.com', /has no scheme: add https:\/\//],
    ['ftp://h', /must start with https:\/\/ or http:\/\//],
    ['https://u:p@h', /must not contain a user name or password/],
    ['https://h?x=1', /without a query string/]
  ])('explains what is wrong with api-url %s', (url, message) => {
    const [problem, ...rest] = problems({ 'api-url': url })
    expect(problem).toMatch(message)
    expect(problem).toMatch(/^`api-url`/)
    expect(rest).toEqual([])
  })

  it('never echoes a password of an unparseable api-url', () => {
    const all = problems({ 'api-url': 'https://user:hunter2@[bad' }).join('\n')
    expect(all).toMatch(/api-url/)
    expect(all).not.toContain('hunter2')
  })

  it('hints at swapped IDs and shows refused IDs visibly', () => {
    expect(problems({ 'task-id': 'pcte-1' })).toEqual([
      expect.stringMatching(/looks like a precheck ID/)
    ])
    expect(problems({ 'precheck-task-id': 'cc-2' })).toEqual([
      expect.stringMatching(/^`precheck-task-id` "cc-2" looks like a comparison task ID/)
    ])
    expect(problems({ 'task-id': 'cc-1\u200b' })).toEqual([
      expect.stringMatching(/^`task-id` "cc-1\\u200b" is not a valid ID: it contains whitespace/)
    ])
    expect(problems({ 'precheck-task-id': 'p'.repeat(129) })).toEqual([
      expect.stringMatching(/129 characters long/)
    ])
  })

  it.each([
    ['poll-interval-seconds', '0.0000001', /at least 0.1 seconds/],
    ['poll-interval-seconds', '0', /at least 0.1 seconds/],
    ['timeout-seconds', '0.5', /at least 1 seconds/],
    ['timeout-seconds', '1e3', /must be a number of seconds/],
    ['request-timeout-seconds', '601', /at most 600 seconds/],
    ['fail-on-failure', 'yes', /must be true or false, got "yes"/]
  ])('refuses %s = %s', (name, value, message) => {
    const [problem] = problems({ [name]: value })
    expect(problem).toMatch(new RegExp(`^\`${name}\``))
    expect(problem).toMatch(message)
  })

  it('lists every problem at once', () => {
    expect(
      problems({ 'api-url': '', 'access-key-id': '', 'task-id': '', 'timeout-seconds': 'x' })
    ).toHaveLength(4)
  })
})
