import { afterEach, describe, expect, it } from '@jest/globals'
import { item, leakedForms, statusData } from '../../simulator/hostile.js'
import { runnerEvent, startGitHubStandIn, type GitHubStandIn } from '../../simulator/github.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import type { SchemaObject } from '../../simulator/types.js'
import type { ActionResult } from '../helpers/action-runner.js'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { customScenario, gate, stopSimulators } from '../helpers/simulator.js'

// The github-token is a secret of the step from its first line when pr-comment is on, like the
// access key secret: when NineData's text carries it (in a check item's message, an object's name,
// its correction SQL), it is hidden in the log, the annotations, the outputs, the summary, the
// report file, the correction SQL file and the comment. The bundle runs as a runner runs it.

/** A token of the shape GitHub's are (`ghp_` and 36 characters): its `_` must not be escaped. */
const TOKEN = 'ghp_T0kenInServerText0123456789abcdefgh'
const open: { close(): Promise<void> | void }[] = []

afterEach(async () => {
  await stopSimulators()
  for (const thing of open.splice(0)) await thing.close()
})

async function pullRequestEnv(): Promise<{ github: GitHubStandIn; env: Record<string, string> }> {
  const github = await startGitHubStandIn({
    tokens: { [TOKEN]: { login: 'octocat', type: 'User' } }
  })
  open.push(github)
  const runner = runnerEvent(github, {})
  open.push({ close: () => runner.remove() })
  return { github, env: runner.env }
}

/** Every surface a user or a later step reads, the comment included: none may hold the token. */
function expectHidden(result: ActionResult, github: GitHubStandIn): void {
  const lines = result.stdout.split('\n')
  // Masked first thing: nothing is printed before the runner is told to mask it.
  expect(lines.slice(0, 2)).toContain(`::add-mask::${TOKEN}`)
  const channels: Record<string, string> = {
    log: lines.filter(line => !line.startsWith('::add-mask::')).join('\n'),
    stderr: result.stderr,
    summary: result.summary,
    outputs: JSON.stringify(result.outputs),
    files: JSON.stringify(result.tempFiles),
    comment: JSON.stringify(github.comments('octo-org', 'app', 7).map(c => c.body))
  }
  for (const [name, text] of Object.entries(channels))
    expect([name, leakedForms(text, TOKEN)]).toEqual([name, []])
  expect(result.summary).toContain('***')
}

function failedItem(c: AnswerContext) {
  return {
    data: statusData(c, 'Failed', [
      item(`check_${TOKEN}`, `Grant for ${TOKEN}`, 'Failed', {
        itemDescription: `token ${encodeURIComponent(TOKEN)}`,
        errorMessage: `refused: ${JSON.stringify({ token: TOKEN })} and ${TOKEN}`
      })
    ])
  }
}

function leakingObject(): SchemaObject {
  return {
    schemaName: 'shop',
    objectName: `leak_${TOKEN}`,
    objectType: 'TABLE',
    sourceDdl: `CREATE TABLE \`leak\` (\`c\` varchar(64) DEFAULT '${TOKEN}')`,
    targetDdl: '',
    correctSql: `CREATE TABLE \`shop\`.\`leak\` (\`c\` varchar(64) DEFAULT '${TOKEN}');`
  }
}

describe('the github-token in what NineData sends back', () => {
  it('a failed check item carrying it: hidden everywhere, the comment too', async () => {
    const { github, env } = await pullRequestEnv()
    const { result } = await gate(
      customScenario({ statusAnswer: failedItem }),
      { 'pr-comment': 'true', 'github-token': TOKEN },
      { env }
    )
    expect(result.exitCode).toBe(1)
    expect(github.comments('octo-org', 'app', 7)).toHaveLength(1)
    expectHidden(result, github)
  })

  it('correction SQL carrying it: hidden in the SQL file, the summary and the comment', async () => {
    const { github, env } = await pullRequestEnv()
    const scenario = quickRun('compare-differ', { objects: () => [leakingObject()] })
    const { result } = await gate(
      scenario,
      compareInputs(scenario, { 'pr-comment': 'true', 'github-token': TOKEN }),
      { env }
    )
    expect(result.exitCode).toBe(1)
    const sql = Object.entries(result.tempFiles).find(([name]) => name.endsWith('.sql'))?.[1]
    expect(sql).toContain("DEFAULT '***');")
    expectHidden(result, github)
  })

  it('with pr-comment off the token is not the step’s: it is neither masked nor read', async () => {
    const { result } = await gate('pass', { 'github-token': TOKEN })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toContain(`::add-mask::${TOKEN}`)
  })
})
