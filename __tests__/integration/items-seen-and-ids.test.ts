import { afterEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import {
  JOB_TOKEN,
  runnerEvent,
  startGitHubStandIn,
  type GitHubStandIn
} from '../../simulator/github.js'
import type { AnswerContext, HookAnswer } from '../../simulator/scenarios.js'
import { failureMessage, runAction } from '../helpers/action-runner.js'
import {
  customScenario,
  gate,
  item,
  simulator,
  stopSimulators,
  testInputs
} from '../helpers/simulator.js'

// The bundle, as a runner runs it: every item seen at any poll must end in Success, failed items
// are softened only next to items that all succeeded, IDs arrive as strings, one-value outputs are
// bounded, and a signal after the verdict is reported as what it is.

afterEach(stopSimulators)

/** Answers the status queries in turn (the last one repeats), each about the precheck asked. */
function statusScript(...answers: Record<string, unknown>[]) {
  return (ctx: AnswerContext): HookAnswer => {
    const data = answers[Math.min(ctx.n, answers.length) - 1]!
    return { data: { taskId: ctx.taskId, precheckTaskId: ctx.precheckTaskId, ...data } }
  }
}

describe('items seen at any poll', () => {
  it('an item that vanishes from the final Success never passes, even with fail-on-failure: false', async () => {
    const scenario = customScenario({
      statusAnswer: statusScript(
        {
          status: 'Running',
          precheckItems: [item('a', 'Check a', 'Success'), item('b', 'Check b', 'Running')]
        },
        { status: 'Success', precheckItems: [item('a', 'Check a', 'Success')] }
      )
    })
    const { result } = await gate(scenario, {
      'poll-interval-seconds': '0.1',
      'fail-on-failure': 'false'
    })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(
      "NineData's last answer no longer lists 1 check item that was seen at an earlier poll: Check b"
    )
    expect(result.summary).toContain('Gone from the last answer')
  })

  it('an empty final list after running items is not a pass', async () => {
    const scenario = customScenario({
      statusAnswer: statusScript(
        { status: 'Running', precheckItems: [item('a', 'Check a', 'Running')] },
        { status: 'Success', precheckItems: [] }
      )
    })
    const { result } = await gate(scenario, { 'poll-interval-seconds': '0.1' })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain('no longer lists 1 check item')
  })

  it('fail-on-failure: false does not soften failed items next to items that never ran', async () => {
    const scenario = customScenario({
      statusAnswer: statusScript({
        status: 'Failed',
        precheckItems: [
          item('a', 'Check a', 'Failed'),
          item('b', 'Check b', 'Running'),
          item('c', 'Check c', 'Unstarted')
        ]
      })
    })
    const { result } = await gate(scenario, { 'fail-on-failure': 'false' })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain(
      '2 check items never reported a final status: Check b, Check c'
    )
    const plain = await gate(
      customScenario({
        statusAnswer: statusScript({
          status: 'Failed',
          precheckItems: [item('a', 'Check a', 'Failed'), item('b', 'Check b', 'Success')]
        })
      }),
      { 'fail-on-failure': 'false' }
    )
    expect(plain.result.exitCode).toBe(0)
    expect(plain.result.annotations.map(a => a.message).join('\n')).toContain(
      'The step passes because fail-on-failure is false.'
    )
  })
})

describe('IDs arrive as JSON strings', () => {
  it.each([
    ['a 20-digit number', '12345678901234567890'],
    ['true', 'true'],
    ['1e400', '1e400']
  ])('a precheckTaskId sent as %s is not followed', async (_label, id) => {
    // Raw JSON text: the number is written as NineData would, not as JavaScript would round it.
    const scenario = customScenario({
      startAnswer: ctx => ({
        body: `{"success":true,"requestId":"r1","data":{"taskId":"${ctx.taskId}","precheckTaskId":${id}}}`
      })
    })
    const { result, sim } = await gate(scenario)
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain('data.precheckTaskId is')
    expect(failureMessage(result)).toContain('not a string ID')
    expect(sim.count('status')).toBe(0)
  })
})

describe('one-value outputs are bounded', () => {
  it('a 300 KB status and requestId are cut for the outputs, judged as received', async () => {
    const huge = 'X'.repeat(300_000)
    const scenario = customScenario({
      statusAnswer: ctx => ({
        requestId: `req-${huge}`,
        data: {
          taskId: ctx.taskId,
          precheckTaskId: ctx.precheckTaskId,
          status: huge,
          precheckItems: []
        }
      })
    })
    const { result } = await gate(scenario)
    expect(result.exitCode).toBe(1)
    for (const name of ['status', 'request-id']) {
      expect(result.outputs[name]!.length).toBeLessThan(1100)
      expect(result.outputs[name]).toMatch(/more characters\)$/)
    }
    // Judged as received: a status nobody documents, however long, is never a pass.
    expect(result.summary).toContain('precheck: no verdict')
  })
})

describe('a signal after the verdict', () => {
  let github: GitHubStandIn | undefined
  afterEach(async () => {
    await github?.close()
    github = undefined
  })

  it('is logged as such, and the verdict stands', async () => {
    github = await startGitHubStandIn()
    // The comment is written after the verdict: a slow GitHub leaves time for a signal then.
    github.fail({ delayMs: 2500 })
    const sim = await simulator('pass')
    const event = runnerEvent(github)
    let signalled = false
    let child: ChildProcess | undefined
    const result = await runAction(
      testInputs(sim.url, { 'pr-comment': 'true', 'github-token': JOB_TOKEN }),
      {
        env: event.env,
        onLine: line => {
          if (!signalled && line.startsWith('The precheck passed')) {
            signalled = true
            setTimeout(() => child?.kill('SIGINT'), 200)
          }
        },
        onSpawn: spawned => (child = spawned)
      }
    )
    event.remove()
    expect(signalled).toBe(true)
    const warnings = result.annotations.map(a => a.message).join('\n')
    expect(warnings).toContain(
      'Received SIGINT after the verdict was reached: finishing the summary; no pull request comment is written.'
    )
    expect(warnings).not.toContain('the wait was cancelled')
    expect(result.exitCode).toBe(0)
  })
})
