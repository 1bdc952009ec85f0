import { describe, expect, it } from '@jest/globals'
import { InputError, parseInputs } from '../../src/inputs.js'
import {
  apiUrlOf,
  readPullRequestEvent,
  runLinkOf
} from '../../src/pull-request/pull-request-event.js'
import {
  GitHubCallError,
  failureOf,
  isTransient,
  warningFor
} from '../../src/pull-request/comment-failure.js'
import { nextPage } from '../../src/pull-request/github-api.js'

// Which runs comment where, how GitHub's refusals read, and the inputs that turn it on.

const payload = JSON.stringify({ pull_request: { number: 12, head: { sha: 'ABCDEF1234567' } } })
const env = (
  extra: Record<string, string | undefined> = {}
): Record<string, string | undefined> => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: '/event.json',
  GITHUB_REPOSITORY: 'octo-org/app',
  ...extra
})
const read = (text: string) => (): string => text

describe('readPullRequestEvent', () => {
  it('reads the pull request of a pull_request or pull_request_target run', () => {
    for (const event of ['pull_request', 'pull_request_target']) {
      expect(readPullRequestEvent(env({ GITHUB_EVENT_NAME: event }), read(payload))).toEqual({
        kind: 'pull-request',
        target: {
          owner: 'octo-org',
          repo: 'app',
          number: 12,
          commit: 'ABCDEF1234567',
          apiUrl: 'https://api.github.com'
        }
      })
    }
  })

  it('takes GitHub Enterprise Server’s API URL from GITHUB_API_URL', () => {
    const reading = readPullRequestEvent(
      env({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }),
      read(payload)
    )
    expect(reading.kind === 'pull-request' && reading.target.apiUrl).toBe(
      'https://ghe.example.com/api/v3'
    )
  })

  it('does nothing on other events, and says why', () => {
    for (const [event, words] of [
      ['push', 'a push event'],
      ['workflow_dispatch', 'a workflow_dispatch event'],
      [undefined, 'GITHUB_EVENT_NAME is not set']
    ] as const) {
      const reading = readPullRequestEvent(env({ GITHUB_EVENT_NAME: event }), () => {
        throw new Error('not read on other events')
      })
      expect(reading).toEqual({ kind: 'other-event', why: expect.stringContaining(words) })
    }
  })

  it('says what is wrong with an unreadable pull request run', () => {
    const why = (e: Record<string, string | undefined>, text = payload): string => {
      const reading = readPullRequestEvent(env(e), read(text))
      return reading.kind === 'unreadable' ? reading.why : `(${reading.kind})`
    }
    expect(why({ GITHUB_REPOSITORY: undefined })).toMatch(/GITHUB_REPOSITORY/)
    expect(why({ GITHUB_REPOSITORY: 'a/b/c' })).toMatch(/GITHUB_REPOSITORY/)
    expect(why({ GITHUB_EVENT_PATH: undefined })).toMatch(/GITHUB_EVENT_PATH is not set/)
    expect(why({ GITHUB_API_URL: 'ftp://x' })).toMatch(/GITHUB_API_URL/)
    expect(why({}, '{not json')).toMatch(/could not be read/)
    expect(why({}, '{"pull_request":{"number":"12"}}')).toMatch(/no pull request number/)
    expect(why({}, '{"pull_request":{"number":0}}')).toMatch(/no pull request number/)
    expect(why({}, '[]')).toMatch(/no pull request number/)
    // A head SHA that is not one is left out, not trusted into the body.
    const reading = readPullRequestEvent(
      env(),
      read('{"pull_request":{"number":3,"head":{"sha":"<b>x</b>"}}}')
    )
    expect(reading.kind === 'pull-request' && reading.target.commit).toBeUndefined()
  })
})

describe('apiUrlOf and runLinkOf', () => {
  it('accept http(s) URLs only', () => {
    expect(apiUrlOf(undefined)).toBe('https://api.github.com')
    expect(apiUrlOf('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
    expect(apiUrlOf('javascript:alert(1)')).toBeUndefined()
    expect(apiUrlOf('https://user:pw@ghe.example.com')).toBeUndefined()
  })

  it('links the run attempt whose job summary has the rest', () => {
    const base = { GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '99' }
    expect(runLinkOf(base)).toEqual({
      url: 'https://github.com/o/r/actions/runs/99',
      label: 'run 99'
    })
    expect(
      runLinkOf({ ...base, GITHUB_SERVER_URL: 'https://ghe.example.com/', GITHUB_RUN_ATTEMPT: '3' })
    ).toEqual({
      url: 'https://ghe.example.com/o/r/actions/runs/99/attempts/3',
      label: 'run 99, attempt 3'
    })
    expect(runLinkOf({ ...base, GITHUB_RUN_ATTEMPT: '1' })?.label).toBe('run 99')
    // Anything that would need escaping in an href: no link at all.
    expect(runLinkOf({ ...base, GITHUB_SERVER_URL: 'https://x" onclick="y' })).toBeUndefined()
    expect(runLinkOf({ ...base, GITHUB_RUN_ID: '9 9' })).toBeUndefined()
    expect(runLinkOf({ GITHUB_RUN_ID: '9' })).toBeUndefined()
  })
})

describe('nextPage', () => {
  const api = 'https://api.github.com'
  it('follows rel="next" on the API’s own origin only', () => {
    const link =
      '<https://api.github.com/repositories/1/issues/2/comments?page=1>; rel="prev", ' +
      '<https://api.github.com/repositories/1/issues/2/comments?page=3>; rel="next", ' +
      '<https://api.github.com/repositories/1/issues/2/comments?page=9>; rel="last"'
    expect(nextPage(link, api, 'list')).toBe(
      'https://api.github.com/repositories/1/issues/2/comments?page=3'
    )
    expect(nextPage('<https://api.github.com/x?page=9>; rel="last"', api, 'list')).toBeUndefined()
    expect(nextPage(undefined, api, 'list')).toBeUndefined()
    // The token goes with every request Octokit sends: never to another host.
    expect(() => nextPage('<https://evil.example/c?page=2>; rel="next"', api, 'list')).toThrow(
      GitHubCallError
    )
  })

  it('reads a long hostile header: no next page in it, and no hang', () => {
    // Linear by construction (split at commas first, then anchored patterns on each part); the
    // test's own timeout is the hang detector, what is asserted is the reading.
    expect(nextPage('<'.repeat(200_000) + '; rel="next"', api, 'list')).toBeUndefined()
    expect(nextPage('<x>; rel="prev", '.repeat(20_000), api, 'list')).toBeUndefined()
    expect(
      nextPage(`${'<x>; rel="prev", '.repeat(20_000)}</n?page=2>; rel="next"`, api, 'list')
    ).toBe('https://api.github.com/n?page=2')
  })
})

describe('failures and their one warning', () => {
  const httpError = (
    status: number,
    data: unknown,
    headers: Record<string, string> = {}
  ): unknown => ({
    status,
    message: 'HttpError',
    response: { data, headers }
  })
  const warn = (error: unknown, doing = 'write the comment'): string =>
    warningFor(new GitHubCallError(failureOf(error), doing), 'pull request #7 of o/r', 3)

  it('names the permission on 403, and what forks get', () => {
    const text = warn(httpError(403, { message: 'Resource not accessible by integration' }))
    expect(text).toMatch(
      /^No pull request comment on pull request #7 of o\/r: could not write the comment: GitHub answered 403 "Resource not accessible by integration"\./
    )
    expect(text).toContain('`permissions: pull-requests: write`')
    expect(text).toContain('pull requests from forks GitHub gives a read-only token')
    expect(text).toMatch(/The verdict is unchanged\.$/)
  })

  it('says a rate limit, a 404, a 422 with its errors, a 401', () => {
    expect(
      warn(httpError(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' }))
    ).toContain('rate limit is used up')
    expect(warn(httpError(404, { message: 'Not Found' }))).toContain(
      'cannot see this repository or pull request'
    )
    expect(
      warn(
        httpError(422, {
          message: 'Validation Failed',
          errors: [{ message: 'body is too long' }, { code: 'invalid' }]
        })
      )
    ).toContain(
      'GitHub answered 422 "Validation Failed (body is too long; invalid)". GitHub refused the comment as invalid.'
    )
    expect(warn(httpError(401, { message: 'Bad credentials' }))).toContain(
      'github-token input was refused'
    )
  })

  it('tells an unreachable API and a slow one apart, with the attempts made', () => {
    expect(
      warn(new Error('connect ECONNREFUSED 127.0.0.1:9'), 'list the pull request comments')
    ).toBe(
      "No pull request comment on pull request #7 of o/r: could not list the pull request comments: GitHub's API did not answer (connect ECONNREFUSED 127.0.0.1:9) after 3 attempts. The verdict is unchanged."
    )
    const slow = warningFor(new GitHubCallError({ kind: 'timeout', ms: 1500 }, 'list'), 'here', 1)
    expect(slow).toContain('no answer within 1.5 s.')
    const late = warningFor(new GitHubCallError({ kind: 'out-of-time' }, 'list'), 'here', 1)
    expect(late).toContain("timeout-seconds, counted from the step's start, left no time for it")
  })

  it('retries the server’s and the network’s trouble, never a refusal', () => {
    expect(isTransient(failureOf(httpError(502, {})))).toBe(true)
    expect(isTransient(failureOf(httpError(429, {})))).toBe(true)
    expect(isTransient(failureOf(new Error('socket hang up')))).toBe(true)
    expect(isTransient({ kind: 'timeout', ms: 1 })).toBe(true)
    for (const status of [401, 403, 404, 422])
      expect(isTransient(failureOf(httpError(status, {})))).toBe(false)
    expect(isTransient({ kind: 'out-of-time' })).toBe(false)
    expect(isTransient({ kind: 'cancelled' })).toBe(false)
  })
})

describe('the inputs', () => {
  const base: Record<string, string> = {
    'api-url': 'https://ninedata.example.com',
    'access-key-id': 'ak',
    'access-key-secret': 'sk-long-enough',
    'task-id': 'cc-abc'
  }
  const parse = (extra: Record<string, string>) =>
    parseInputs(name => ({ ...base, ...extra })[name] ?? '')

  it('leave the comment off by default and read the token', () => {
    expect(parse({})).toMatchObject({ prComment: false, githubToken: '' })
    expect(parse({ 'pr-comment': 'true', 'github-token': ' ghs_x ' })).toMatchObject({
      prComment: true,
      githubToken: 'ghs_x'
    })
  })

  it('refuse a pr-comment that is not a boolean, naming the input', () => {
    expect(() => parse({ 'pr-comment': 'yes' })).toThrow(InputError)
    expect(() => parse({ 'pr-comment': 'yes' })).toThrow(
      '`pr-comment` must be true or false, got "yes".'
    )
  })
})
