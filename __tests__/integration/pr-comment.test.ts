import { describe, expect, it } from '@jest/globals'
import { JOB_TOKEN } from '../../simulator/github.js'
import {
  ACCESS_SECRET,
  comments,
  MARKER,
  prRun,
  standIn,
  verdictOutputs,
  warnings
} from '../helpers/pr-comment-run.js'
import { gate } from '../helpers/simulator.js'

// The verdict as a pull request comment, from the bundled action run as a runner runs it. The
// comment never changes the verdict, the exit code or the other outputs.

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
