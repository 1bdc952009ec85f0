import { afterEach, describe, expect, it } from '@jest/globals'
import { JOB_TOKEN, runnerEvent, startGitHubStandIn } from '../../simulator/github.js'
import { startAction, visibleText } from '../helpers/action-runner.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// Cancelled means cancelled, for the pull request comment too: a step cancelled during the wait
// writes no comment (and sends GitHub nothing), and a cancel that comes while the comment is being
// written stops it: nothing new is written, the summary stays, the process ends on its own. The
// bundle runs as a runner runs it, against the GitHub stand-in.

const open: { close(): Promise<void> | void }[] = []
afterEach(async () => {
  await stopSimulators()
  for (const thing of open.splice(0)) await thing.close()
})

async function pullRequest() {
  const github = await startGitHubStandIn()
  open.push(github)
  const runner = runnerEvent(github, {})
  open.push({ close: () => runner.remove() })
  return { github, env: runner.env }
}

const commentInputs = { 'pr-comment': 'true', 'github-token': JOB_TOKEN }

describe('a cancelled step and the pull request comment', () => {
  it('cancelled during the wait: no comment, no call to GitHub', async () => {
    const { github, env } = await pullRequest()
    const sim = await simulator('slow')
    let signalled = false
    const run = startAction(testInputs(sim.url, { ...commentInputs, 'timeout-seconds': '60' }), {
      env,
      killAfterMs: 30_000,
      onLine: line => {
        if (!signalled && /Precheck .*(Running|Unstarted)/i.test(line)) {
          signalled = true
          run.child.kill('SIGINT')
        }
      }
    })
    const result = await run.done
    expect(signalled).toBe(true)
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain('wait cancelled')
    expect(github.requests).toEqual([])
    expect(github.comments('octo-org', 'app', 7)).toEqual([])
    expect(result.stdout).toContain('The step was cancelled: no pull request comment is written.')
  })

  it('cancelled while the comment is written: it stops, writes nothing, the summary stays', async () => {
    const { github, env } = await pullRequest()
    // Listing the comments hangs far longer than the runner would wait after its signal.
    github.fail({ method: 'GET', path: /comments/, delayMs: 120_000 })
    const sim = await simulator('pass')
    let signalled = false
    const run = startAction(testInputs(sim.url, commentInputs), { env, killAfterMs: 30_000 })
    const waiting = setInterval(() => {
      if (!signalled && github.requests.length > 0) {
        signalled = true
        run.child.kill('SIGINT')
      }
    }, 20)
    const result = await run.done.finally(() => clearInterval(waiting))
    expect(signalled).toBe(true)
    // It ended on its own with the verdict's exit code, not killed by the safety net.
    expect(result.exitCode).toBe(0)
    expect(github.requests.filter(r => r.method !== 'GET')).toEqual([])
    expect(github.comments('octo-org', 'app', 7)).toEqual([])
    expect(visibleText(result.summary)).toMatch(/passed/)
    expect(result.annotations.map(a => a.message)).toContain(
      'Received SIGINT after the verdict was reached: finishing the summary; no pull request comment is written.'
    )
    expect(result.outputs['pr-comment-url']).toBeUndefined()
  })
})
