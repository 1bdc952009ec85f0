import { describe, expect, it } from '@jest/globals'
import { compareInputs } from '../helpers/comparison.js'
import { type Fault, type GitHubStandIn } from '../../simulator/github.js'
import { comments, FORK_TOKEN, prRun, standIn, warnings } from '../helpers/pr-comment-run.js'

// When GitHub refuses or fails the comment, one warning says why and the step ends as the gate
// decided; the comment of a comparison run shows the differences and their SQL.

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
