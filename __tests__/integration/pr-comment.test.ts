import { compareInputs } from '../helpers/comparison.js'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  JOB_TOKEN,
  runnerEvent,
  startGitHubStandIn,
  type Fault,
  type GitHubStandIn,
  type RunnerEventOptions
} from '../../simulator/github.js'
import type { ActionResult } from '../helpers/action-runner.js'
import { gate, stopSimulators, TEST_TASK_ID } from '../helpers/simulator.js'

// The verdict as a pull request comment, from the bundled action run as a runner runs it: the event
// payload in GITHUB_EVENT_PATH, GITHUB_API_URL naming the GitHub stand-in, which keeps the comments
// across runs. The comment never changes the verdict, the exit code or the other outputs.

const FORK_TOKEN = 'ghs_forkPullRequestReadOnly'
const ACCESS_SECRET = 's3cr3t-DO-NOT-LEAK-42'
const MARKER = `<!-- ninedata-precheck-gate:task=${TEST_TASK_ID} -->`
const open: { close(): Promise<void> | void }[] = []

afterEach(async () => {
  await stopSimulators()
  for (const thing of open.splice(0)) await thing.close()
})

async function standIn(): Promise<GitHubStandIn> {
  const github = await startGitHubStandIn({
    tokens: {
      [JOB_TOKEN]: { login: 'github-actions[bot]', type: 'Bot', installation: true },
      [FORK_TOKEN]: {
        login: 'github-actions[bot]',
        type: 'Bot',
        installation: true,
        readOnly: true
      }
    }
  })
  open.push(github)
  return github
}

/** The bundled action on a pull_request run (or another event) against the stand-in. */
async function prRun(
  github: GitHubStandIn,
  scenario: string,
  inputs: Record<string, string> = {},
  event: RunnerEventOptions & { env?: Record<string, string>; accessKeySecret?: string } = {}
): Promise<ActionResult> {
  const runner = runnerEvent(github, event)
  open.push({ close: () => runner.remove() })
  const { result } = await gate(
    scenario,
    { 'pr-comment': 'true', 'github-token': JOB_TOKEN, ...inputs },
    { env: { ...runner.env, ...event.env } },
    event.accessKeySecret ? { accessKeySecret: event.accessKeySecret } : {}
  )
  return result
}

const comments = (github: GitHubStandIn) => github.comments('octo-org', 'app', 7)
const warnings = (result: ActionResult) =>
  result.annotations.filter(a => a.level === 'warning').map(a => a.message)
/** The outputs every run sets, without the comment's. */
const verdictOutputs = (result: ActionResult) => {
  const {
    'pr-comment-url': _url,
    'report-file': _file,
    'junit-file': _junit,
    'request-id': _id,
    ...rest
  } = result.outputs
  return { ...rest, 'precheck-task-id': rest['precheck-task-id']?.slice(0, 5) }
}

describe('one comment per gate on the pull request', () => {
  it("creates it, updates it on the next run, keeps another task's apart, never touches others'", async () => {
    const github = await standIn()
    const theirs = github.addComment('octo-org', 'app', 7, `${MARKER}\nsomeone copied the marker`)
    const theirsBefore = { ...theirs }

    const first = await prRun(github, 'failed')
    expect(first.exitCode).toBe(1)
    const url = first.outputs['pr-comment-url']
    expect(url).toMatch(/^https:\/\/github\.example\/octo-org\/app\/pull\/7#issuecomment-\d+$/)
    expect(first.log).toContain(`Wrote the verdict comment on pull request #7: ${url}`)
    expect(warnings(first)).toEqual([])
    expect(comments(github)).toHaveLength(2)
    const ours = comments(github)[1]!
    expect(ours.user.login).toBe('github-actions[bot]')
    expect(
      ours.body.startsWith(`${MARKER}\n### ❌ NineData schema comparison precheck failed`)
    ).toBe(true)
    expect(ours.body).toContain('Source Permission Check')
    expect(ours.body).toContain('https://github.example/octo-org/app/actions/runs/4242/attempts/1')
    expect(ours.body).toContain('commit <code>c0ffee1</code>')

    const second = await prRun(github, 'pass', {}, { runId: '4243' })
    expect(second.exitCode).toBe(0)
    expect(second.outputs['pr-comment-url']).toBe(url)
    expect(comments(github)).toHaveLength(2)
    expect(ours.edits).toBe(1)
    expect(ours.body).toContain('### ✅ NineData schema comparison precheck passed')
    expect(ours.body).toContain('/actions/runs/4243/attempts/1')

    const other = await prRun(github, 'failed', { 'task-id': 'cc-othertask9' })
    expect(other.outputs['pr-comment-url']).not.toBe(url)
    expect(comments(github)).toHaveLength(3)
    expect(comments(github)[2]!.body.split('\n')[0]).toBe(
      '<!-- ninedata-precheck-gate:task=cc-othertask9 -->'
    )
    expect(ours.edits).toBe(1)
    expect(comments(github)[0]).toEqual(theirsBefore)
  })

  it('changes nothing else: same exit code, outputs and summary as a run without it', async () => {
    const github = await standIn()
    const without = (await gate('failed')).result
    const withComment = await prRun(github, 'failed')
    expect(withComment.exitCode).toBe(without.exitCode)
    expect(verdictOutputs(withComment)).toEqual(verdictOutputs(without))
    const shape = (summary: string) => summary.replace(/pcte-\w+|sim-\w+|\d+(\.\d+)?s\b/g, '…')
    expect(shape(withComment.summary)).toBe(shape(without.summary))
  })

  it('makes no call on a push, and says why in a debug line', async () => {
    const github = await standIn()
    const result = await prRun(github, 'failed', {}, { event: 'push', env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(1)
    expect(github.requests).toEqual([])
    expect(result.outputs['pr-comment-url']).toBeUndefined()
    expect(warnings(result)).toEqual([])
    expect(result.stdout).toContain(
      '::debug::pr-comment is on, but this run is a push event: a comment is written only on pull_request and pull_request_target runs.'
    )
  })

  it('fits a 3,000-item precheck within 65,536 characters, and says what was left out', async () => {
    const github = await standIn()
    const result = await prRun(github, 'huge')
    expect(result.exitCode).toBe(1)
    const [comment] = comments(github)
    expect(comment).toBeDefined()
    const body = comment!.body
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('#### Failed check items (1000)')
    const shown = body.match(/<tr><td><strong>/g)?.length ?? 0
    const left =
      /<p>(\d+) more failed check items not shown: GitHub limits a comment to 65,536 characters\./.exec(
        body
      )
    expect(shown).toBeGreaterThan(20)
    expect(shown + Number(left?.[1])).toBe(1000)
  })

  it('never shows the token or the access key secret: log, outputs, summary, comment', async () => {
    const github = await standIn()
    const result = await prRun(
      github,
      'echo-secret',
      { 'access-key-secret': ACCESS_SECRET },
      { env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' }, accessKeySecret: ACCESS_SECRET }
    )
    // The simulator's echo-secret scenario expects the secret it echoes.
    expect(result.exitCode).toBe(1)
    for (const secret of [JOB_TOKEN, ACCESS_SECRET]) {
      // Only the runner's masking commands name it (main masks first thing; the comment again).
      const naming = result.stdout.split('\n').filter(line => line.includes(secret))
      expect(naming.length).toBeGreaterThan(0)
      expect(naming.filter(line => line !== `::add-mask::${secret}`)).toEqual([])
      expect(result.stderr).not.toContain(secret)
      for (const value of Object.values(result.outputs)) expect(value).not.toContain(secret)
      expect(result.summary).not.toContain(secret)
      expect(comments(github)[0]?.body).not.toContain(secret)
    }
    expect(comments(github)[0]?.body).toContain('secret *** (echoed')
    // The token went where it belongs: to the GitHub API, in the Authorization header.
    expect(github.requests.every(r => r.token === JOB_TOKEN && r.scheme === 'token')).toBe(true)
  })
})

describe('never in the way: one warning, and the step ends as the precheck decided', () => {
  const cases: [
    string,
    (github: GitHubStandIn) => void | Promise<void>,
    Record<string, string>,
    RegExp
  ][] = [
    [
      "403: a fork's read-only token",
      () => undefined,
      { 'github-token': FORK_TOKEN },
      /could not write the comment: GitHub answered 403 "Resource not accessible by integration"\. The job needs `permissions: pull-requests: write`; on pull requests from forks GitHub gives a read-only token/
    ],
    [
      '404',
      github => github.fail({ status: 404, message: 'Not Found' } satisfies Fault),
      {},
      /could not list the pull request comments: GitHub answered 404 "Not Found"\. The token cannot see this repository or pull request/
    ],
    [
      '422',
      github =>
        github.fail({
          method: 'POST',
          status: 422,
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', code: 'custom', message: 'body is too long' }]
        }),
      {},
      /could not write the comment: GitHub answered 422 "Validation Failed \(body is too long\)"/
    ],
    [
      'a refused connection',
      github => github.unreachable(),
      {},
      /could not list the pull request comments: GitHub's API did not answer \(connect ECONNREFUSED 127\.0\.0\.1:\d+\) after 3 attempts/
    ]
  ]

  it.each(cases)('%s', async (_name, setUp, inputs, warning) => {
    const github = await standIn()
    await setUp(github)
    const result = await prRun(github, 'failed', inputs)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['status']).toBe('Failed')
    expect(result.outputs['failed-count']).toBe('2')
    expect(result.outputs['pr-comment-url']).toBeUndefined()
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
    const said = warnings(result)
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(warning)
    expect(said[0]).toMatch(/The verdict is unchanged\.$/)
    expect(comments(github)).toEqual([])
    // The step's own failure message is the precheck's, as without the comment.
    const failures = result.annotations.filter(a => a.level === 'error' && a.title === undefined)
    expect(failures.map(a => a.message)).toEqual([
      expect.stringMatching(/^The precheck failed: 2 check items of 5 failed/)
    ])
  })

  it('a passing precheck stays green when GitHub refuses the comment', async () => {
    const github = await standIn()
    const result = await prRun(github, 'pass', { 'github-token': FORK_TOKEN })
    expect(result.exitCode).toBe(0)
    expect(warnings(result)).toEqual([expect.stringContaining('GitHub answered 403')])
  })
})

describe('the comment of a comparison run', () => {
  it('names the objects that differ, with their correction SQL collapsed and escaped', async () => {
    const github = await standIn()
    const result = await prRun(github, 'compare-differ', compareInputs('compare-differ'))
    expect(result.exitCode).toBe(1)
    const [comment] = comments(github)
    expect(comment?.body).toContain('### ❌ NineData schema comparison found differences')
    expect(comment?.body).toContain('differences counted: 6')
    expect(comment?.body.match(/<details><summary>Correction SQL<\/summary><pre>/g)).toHaveLength(6)
    // SQL backticks stay text, never Markdown code.
    expect(comment?.body).toContain('ALTER TABLE &#96;shop&#96;.&#96;inventory&#96;')
    expect(result.outputs['pr-comment-url']).toMatch(/#issuecomment-\d+$/)
  })
})
