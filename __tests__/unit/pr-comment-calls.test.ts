import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  CommentOutcome,
  PullRequestCommentOptions
} from '../../src/pull-request/comment-post.js'
import { commentOnPullRequest } from '../../src/pull-request/pr-comment.js'
import { markerFor } from '../../src/pull-request/comment-marker.js'
import type { Report } from '../../src/report/report-model.js'
import {
  JOB_TOKEN,
  runnerEvent,
  startGitHubStandIn,
  type GitHubStandIn,
  type StandInOptions
} from '../../simulator/github.js'
import { parseAnnotations, parseOutputFile } from '../helpers/action-runner.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { captureStdout } from '../helpers/in-process-run.js'
import { item, report, state } from '../helpers/builders.js'

// The comment's calls in-process, through Octokit, against the GitHub stand-in (a real HTTP server):
// find-or-create, whose comments count as this gate's, pages, GitHub Enterprise Server, and every
// way GitHub can refuse or fail, each ending in at most one warning. The retries wait and the deadline
// is read on a FakeClock (only the requests' own timeouts run on real timers).

const PAT = 'ghp_releaseBotPersonalToken'
const FORK = 'ghs_forkReadOnlyToken'
const TOKENS: StandInOptions['tokens'] = {
  [JOB_TOKEN]: { login: 'github-actions[bot]', type: 'Bot', installation: true },
  [PAT]: { login: 'release-bot' },
  [FORK]: { login: 'github-actions[bot]', type: 'Bot', installation: true, readOnly: true }
}
const failed = report('finished', state('Failed', [item('Failed', 'Source Check', 'no grant')]), {
  taskId: 'cc-task1'
})
const passed = report('finished', state('Success', [item('Success', 'Source Check')]), {
  taskId: 'cc-task1'
})

let dir: string
const cleanup: (() => Promise<void> | void)[] = []
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'pr-comment-'))))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done()
})

async function standIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const github = await startGitHubStandIn({ tokens: TOKENS, ...options })
  cleanup.push(() => github.close())
  return github
}

interface Posted {
  outcome: CommentOutcome
  warnings: string[]
  stdout: string
  url: string | undefined
  /** The clock the call ran on: its `sleeps` are the waits between attempts. */
  clock: FakeClock
}

/**
 * One comment call as main makes it, with the runner's event and output file, on `options.time`
 * (a new FakeClock when not given); the deadline is 30 s of that clock unless given.
 */
async function post(
  github: GitHubStandIn,
  r: Report = failed,
  options: Partial<PullRequestCommentOptions> & { time?: FakeClock } = {},
  eventName = 'pull_request'
): Promise<Posted> {
  const clock = options.time ?? new FakeClock()
  const event = runnerEvent(github, { event: eventName })
  cleanup.push(() => event.remove())
  const output = join(dir, 'output')
  writeFileSync(output, '')
  const saved = process.env['GITHUB_OUTPUT']
  process.env['GITHUB_OUTPUT'] = output
  let outcome: CommentOutcome = { action: 'off' }
  try {
    const stdout = await captureStdout(async () => {
      outcome = await commentOnPullRequest(r, {
        enabled: true,
        token: JOB_TOKEN,
        deadline: clock.now() + 30_000,
        env: event.env,
        ...options,
        time: clock
      })
    })
    const warnings = parseAnnotations(stdout)
      .filter(a => a.level === 'warning')
      .map(a => a.message)
    const url = parseOutputFile(readFileSync(output, 'utf8'))['pr-comment-url']
    return { outcome, warnings, stdout, url, clock }
  } finally {
    process.env['GITHUB_OUTPUT'] = saved
  }
}

const comments = (github: GitHubStandIn) => github.comments('octo-org', 'app', 7)
const calls = (github: GitHubStandIn) => github.requests.map(r => `${r.method} ${r.path}`)

describe('one comment per gate', () => {
  it('creates it, then updates it in place, and sets pr-comment-url', async () => {
    const github = await standIn()
    const first = await post(github, failed)
    expect(first.outcome).toEqual({
      action: 'created',
      url: expect.stringMatching(/#issuecomment-1001$/)
    })
    expect(first.url).toBe(first.outcome.action === 'created' ? first.outcome.url : '')
    expect(first.warnings).toEqual([])
    expect(first.stdout).toContain(
      'Wrote the verdict comment on pull request #7: https://github.example/octo-org/app/pull/7#issuecomment-1001'
    )
    const second = await post(github, passed)
    expect(second.outcome).toEqual({ action: 'updated', url: first.url })
    expect(comments(github)).toHaveLength(1)
    expect(comments(github)[0]!.edits).toBe(1)
    expect(comments(github)[0]!.body).toContain('### ✅ NineData schema comparison precheck passed')
    // The default token may not read /user: its comments are github-actions[bot]'s.
    expect(calls(github)).toEqual([
      'GET /repos/octo-org/app/issues/7/comments',
      'POST /repos/octo-org/app/issues/7/comments',
      'GET /repos/octo-org/app/issues/7/comments',
      'GET /user',
      'PATCH /repos/octo-org/app/issues/comments/1001'
    ])
    expect(github.requests.every(r => r.token === JOB_TOKEN)).toBe(true)
    // The same body again: nothing to write.
    const third = await post(github, passed)
    expect(third.outcome.action).toBe('unchanged')
    expect(third.url).toBe(first.url)
    expect(github.requests.filter(r => r.method === 'PATCH')).toHaveLength(1)
  })

  it("gives another task's gate its own comment", async () => {
    const github = await standIn()
    await post(github, failed)
    await post(github, { ...failed, taskId: 'cc-task2' })
    await post(github, passed)
    const [one, two] = comments(github)
    expect(comments(github)).toHaveLength(2)
    expect(one!.body.startsWith(`${markerFor('cc-task1')}\n### ✅`)).toBe(true)
    expect(two!.body.startsWith(`${markerFor('cc-task2')}\n### ❌`)).toBe(true)
    expect([one!.edits, two!.edits]).toEqual([1, 0])
  })

  it("never touches someone else's comment, even one that starts with this gate's marker", async () => {
    const github = await standIn()
    const marker = markerFor('cc-task1')
    const copies = [
      github.addComment('octo-org', 'app', 7, `${marker}\nI copied your comment`),
      github.addComment('octo-org', 'app', 7, `Quoting:\n> ${marker}`),
      github.addComment('octo-org', 'app', 7, `${marker}\nfrom another bot`, {
        login: 'other-app[bot]',
        type: 'Bot'
      })
    ]
    const before = copies.map(c => ({ ...c }))
    const first = await post(github, failed)
    expect(first.outcome.action).toBe('created')
    await post(github, passed)
    expect(comments(github)).toHaveLength(4)
    expect(comments(github).slice(0, 3)).toEqual(before)
    expect(github.requests.filter(r => r.method === 'PATCH').map(r => r.path)).toEqual([
      '/repos/octo-org/app/issues/comments/1004'
    ])
  })

  it("with a personal token: the token's user's comment, not github-actions[bot]'s", async () => {
    const github = await standIn()
    await post(github, failed) // github-actions[bot]
    const first = await post(github, failed, { token: PAT })
    expect(first.outcome.action).toBe('created')
    const second = await post(github, passed, { token: PAT })
    expect(second.outcome).toEqual({ action: 'updated', url: first.url })
    expect(comments(github).map(c => [c.user.login, c.edits])).toEqual([
      ['github-actions[bot]', 0],
      ['release-bot', 1]
    ])
  })

  it('follows every page of the list (the Link header), and finds its comment on the last', async () => {
    const github = await standIn()
    for (let i = 0; i < 250; i++) github.addComment('octo-org', 'app', 7, `comment ${i}`)
    expect((await post(github, failed)).outcome.action).toBe('created')
    const again = await post(github, passed)
    expect(again.outcome.action).toBe('updated')
    expect(comments(github)).toHaveLength(251)
    expect(comments(github)[250]!.edits).toBe(1)
    const lists = github.requests.filter(r => r.method === 'GET' && r.path.endsWith('/comments'))
    // Each run reads three pages, the later ones through GitHub's /repositories/{id} links.
    const pages = [
      ['repos', '1'],
      ['repositories', '2'],
      ['repositories', '3']
    ]
    expect(lists.map(r => [r.path.split('/')[1], r.query['page'] ?? '1'])).toEqual([
      ...pages,
      ...pages
    ])
    expect(lists.every(r => r.query['per_page'] === '100')).toBe(true)
  })

  it("works on GitHub Enterprise Server's /api/v3", async () => {
    const github = await standIn({ pathPrefix: '/api/v3' })
    expect(github.url).toMatch(/\/api\/v3$/)
    expect((await post(github)).outcome.action).toBe('created')
    expect((await post(github, passed)).outcome.action).toBe('updated')
  })

  it('leaves pushes and other events alone, with a debug line', async () => {
    const github = await standIn()
    const pushed = await post(github, failed, {}, 'push')
    expect(pushed.outcome.action).toBe('skipped')
    expect(pushed.stdout).toContain(
      '::debug::pr-comment is on, but this run is a push event: a comment is written only on pull_request and pull_request_target runs.'
    )
    expect(pushed.warnings).toEqual([])
    expect(pushed.url).toBeUndefined()
    expect(github.requests).toEqual([])
  })

  it('does nothing at all when off', async () => {
    const github = await standIn()
    const off = await post(github, failed, { enabled: false })
    expect(off).toMatchObject({ outcome: { action: 'off' }, stdout: '' })
    expect(github.requests).toEqual([])
  })
})

describe('never in the way: one warning, nothing else', () => {
  const once = async (
    setUp: (github: GitHubStandIn) => void | Promise<void>,
    options: Partial<PullRequestCommentOptions> & { time?: FakeClock } = {}
  ): Promise<Posted & { github: GitHubStandIn }> => {
    const github = await standIn()
    await setUp(github)
    const posted = await post(github, failed, options)
    expect(posted.outcome.action).toBe('failed')
    expect(posted.warnings).toHaveLength(1)
    expect(posted.url).toBeUndefined()
    // The token is masked first thing, and never printed otherwise.
    const token = options.token ?? JOB_TOKEN
    expect(posted.stdout.split('\n').filter(line => line.includes(token))).toEqual([
      `::add-mask::${token}`
    ])
    return { ...posted, github }
  }

  it("403 on a fork's read-only token: names the permission and what forks get", async () => {
    const { warnings, github } = await once(() => undefined, { token: FORK })
    expect(warnings[0]).toContain(
      'could not write the comment: GitHub answered 403 "Resource not accessible by integration"'
    )
    expect(warnings[0]).toContain('`permissions: pull-requests: write`')
    expect(calls(github)).toEqual([
      'GET /repos/octo-org/app/issues/7/comments',
      'POST /repos/octo-org/app/issues/7/comments'
    ])
  })

  it('404 and 422 are said with GitHub’s message, and not retried', async () => {
    const notFound = await once(github => github.fail({ status: 404, message: 'Not Found' }))
    expect(notFound.warnings[0]).toContain('GitHub answered 404 "Not Found"')
    expect(notFound.github.requests).toHaveLength(1)
    const invalid = await once(github =>
      github.fail({
        method: 'POST',
        status: 422,
        message: 'Validation Failed',
        errors: [{ code: 'custom', message: 'body is too long' }]
      })
    )
    expect(invalid.warnings[0]).toContain(
      'GitHub answered 422 "Validation Failed (body is too long)"'
    )
    expect(invalid.github.requests).toHaveLength(2)
  })

  it('a refused connection: three attempts, a second and two apart, then the warning', async () => {
    const { warnings, stdout, github, clock } = await once(github => github.unreachable())
    expect(warnings[0]).toMatch(
      /could not list the pull request comments: GitHub's API did not answer \(.*ECONNREFUSED.*\) after 3 attempts\. The verdict is unchanged\.$/
    )
    expect(stdout.match(/trying again in [12] s\./g)).toEqual([
      'trying again in 1 s.',
      'trying again in 2 s.'
    ])
    expect(clock.sleeps).toEqual([1000, 2000])
    expect(github.requests).toHaveLength(0)
  })

  it('no retry whose wait would pass the deadline', async () => {
    const clock = new FakeClock()
    // After the first failure a 1 s wait fits in 2.5 s; after the second, a 2 s one does not.
    const { warnings, stdout } = await once(github => github.unreachable(), {
      time: clock,
      deadline: clock.now() + 2500
    })
    expect(warnings[0]).toMatch(/ECONNREFUSED.*\) after 2 attempts\. The verdict is unchanged\.$/)
    expect(stdout.match(/trying again in/g)).toHaveLength(1)
    expect(clock.sleeps).toEqual([1000])
  })

  it('a lost answer to create is retried whole: the retry finds the comment, never a second', async () => {
    const github = await standIn()
    // GitHub wrote the comment, but the answer never came: a bare retried POST would write another.
    github.fail({ method: 'POST', lose: true, times: 1 })
    const first = await post(github, failed)
    expect(first.warnings).toEqual([])
    expect(first.clock.sleeps).toEqual([1000])
    expect(first.outcome).toEqual({
      action: 'unchanged',
      url: expect.stringContaining('#issuecomment-1001')
    })
    expect(comments(github)).toHaveLength(1)
    expect(calls(github)).toEqual([
      'GET /repos/octo-org/app/issues/7/comments',
      'POST /repos/octo-org/app/issues/7/comments',
      'GET /repos/octo-org/app/issues/7/comments',
      'GET /user'
    ])
  })

  it('a 502 is retried, and the comment is written once', async () => {
    const github = await standIn()
    github.fail({ method: 'GET', status: 502, message: 'Bad Gateway', times: 1 })
    const posted = await post(github, failed)
    expect(posted.outcome.action).toBe('created')
    expect(posted.warnings).toEqual([])
    expect(posted.stdout).toContain(
      'Could not list the pull request comments (http); trying again in 1 s.'
    )
    expect(posted.clock.sleeps).toEqual([1000])
    expect(comments(github)).toHaveLength(1)
  })

  it('a hanging API: each request ends at its timeout, and the whole at the deadline', async () => {
    // The requests' timeouts are real timers: a short one keeps the three attempts short. A request
    // that waited for the 60 s answer instead would trip the test's timeout (the hang detector).
    const slow = await once(github => github.fail({ delayMs: 60_000 }), { requestTimeoutMs: 100 })
    expect(slow.warnings[0]).toMatch(/no answer within 0\.1 s after 3 attempts/)
    expect(slow.clock.sleeps).toEqual([1000, 2000])
    expect(slow.github.requests).toHaveLength(3)
    // 0.6 s before the deadline, the request's 10 s timeout is cut to what is left, and not retried.
    const clock = new FakeClock()
    const late = await once(github => github.fail({ delayMs: 60_000 }), {
      time: clock,
      deadline: clock.now() + 600
    })
    expect(late.warnings[0]).toContain(
      "timeout-seconds, counted from the step's start, left no time for it"
    )
    expect(late.github.requests).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('a deadline already passed sends nothing', async () => {
    const clock = new FakeClock()
    const { warnings, github } = await once(() => undefined, {
      time: clock,
      deadline: clock.now() - 1
    })
    expect(warnings[0]).toContain('left no time for it')
    expect(github.requests).toEqual([])
  })

  it('a next page on another host is never asked for: the token stays home', async () => {
    const github = await standIn()
    const elsewhere = await standIn()
    for (let i = 0; i < 100; i++) github.addComment('octo-org', 'app', 7, `c${i}`)
    // A Link header pointing at another origin (the stand-in's own is 127.0.0.1:<port>).
    github.fail({
      method: 'GET',
      headers: { link: `<${elsewhere.url.replace('127.0.0.1', 'localhost')}/x?page=2>; rel="next"` }
    })
    const posted = await post(github, failed)
    expect(posted.outcome.action).toBe('failed')
    expect(posted.warnings[0]).toContain(
      'the Link header names a next page on another host (localhost:'
    )
    expect(elsewhere.requests).toEqual([])
  })

  it('a wrong token: 401, the input named', async () => {
    const { warnings } = await once(() => undefined, { token: 'ghp_wrong' })
    expect(warnings[0]).toContain('GitHub answered 401 "Bad credentials"')
    expect(warnings[0]).toContain('github-token input was refused')
  })

  it('a cancelled step writes nothing', async () => {
    const github = await standIn()
    const posted = await post(github, failed, { signal: AbortSignal.abort() })
    expect(posted.outcome.action).toBe('skipped')
    expect(posted.warnings).toEqual([])
    expect(github.requests).toEqual([])
  })

  it('an empty token or an unreadable event: one warning, no call', async () => {
    const github = await standIn()
    const empty = await post(github, failed, { token: ' ' })
    expect(empty.warnings).toEqual([
      'No pull request comment: the github-token input is empty. The verdict is unchanged.'
    ])
    const unreadable = await post(github, failed, { env: { GITHUB_EVENT_NAME: 'pull_request' } })
    expect(unreadable.warnings).toEqual([
      'No pull request comment: GITHUB_REPOSITORY is not set or not owner/name. The verdict is unchanged.'
    ])
    expect(github.requests).toEqual([])
  })
})
