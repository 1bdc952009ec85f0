import { afterEach } from '@jest/globals'
import {
  JOB_TOKEN,
  runnerEvent,
  startGitHubStandIn,
  type GitHubStandIn,
  type RunnerEventOptions
} from '../../simulator/github.js'
import type { ActionResult } from './action-runner.js'
import { gate, stopSimulators, TEST_TASK_ID } from './simulator.js'

// The pull request comment's test kit: a GitHub stand-in that keeps the comments across runs, and
// the bundled action run on a pull_request event against it (the event payload in
// GITHUB_EVENT_PATH, GITHUB_API_URL naming the stand-in). Importing it registers the clean-up.

export const FORK_TOKEN = 'ghs_forkPullRequestReadOnly'
export const ACCESS_SECRET = 's3cr3t-DO-NOT-LEAK-42'
export const MARKER = `<!-- ninedata-precheck-gate:task=${TEST_TASK_ID} -->`
const open: { close(): Promise<void> | void }[] = []

afterEach(async () => {
  await stopSimulators()
  for (const thing of open.splice(0)) await thing.close()
})

export async function standIn(): Promise<GitHubStandIn> {
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
export async function prRun(
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

export const comments = (github: GitHubStandIn) => github.comments('octo-org', 'app', 7)
export const warnings = (result: ActionResult) =>
  result.annotations.filter(a => a.level === 'warning').map(a => a.message)
/** The outputs every run sets, without the comment's. */
export const verdictOutputs = (result: ActionResult) => {
  const {
    'pr-comment-url': _url,
    'report-file': _file,
    'junit-file': _junit,
    'request-id': _id,
    ...rest
  } = result.outputs
  return { ...rest, 'precheck-task-id': rest['precheck-task-id']?.slice(0, 5) }
}
