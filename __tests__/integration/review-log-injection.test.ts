import { afterEach, describe, expect, it } from '@jest/globals'
import { item, statusData } from '../../simulator/hostile.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { stopSimulators, gate, customScenario, statusHook } from '../helpers/simulator.js'

// Review (second reader): the runner acts on `##[command]data` ANYWHERE in a line, not only at its
// start. actions/runner src/Runner.Worker/Handlers/OutputManager.cs hands every line that contains
// "##[" to ActionCommandManager.TryProcessCommand; after the `::` (v2) parse fails it calls
// ActionCommand.TryParse (src/Runner.Common/ActionCommand.cs), which finds the prefix with
// message.IndexOf("##["). Registered commands include error, warning, notice, add-mask,
// set-output, save-state and stop-commands. The runner stand-in (scripts/lib/action-runner.ts)
// only models `::` at the start of a line, so the project's own tests cannot see this.

afterEach(stopSimulators)

const REGISTERED =
  'error|warning|notice|debug|group|endgroup|add-mask|set-output|save-state|stop-commands|echo|add-matcher|remove-matcher|set-env|add-path'
const V2 = new RegExp(`^::(${REGISTERED})( [^:]*)?::`, 'i')
const V1 = new RegExp(`##\\[(${REGISTERED})[\\] ]`, 'i')

/** Lines a runner would take as a `##[...]` (v1) command: not a v2 command, but `##[` inside. */
function v1Commands(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .filter(line => !V2.test(line.trimStart()))
    .filter(line => V1.test(line))
}

describe('review: server text never becomes a ##[...] command anywhere in a log line', () => {
  it('an item message with "##[error]" mid-line forges no annotation', async () => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Failed', [
          item('x', 'X', 'Failed', { errorMessage: 'denied ##[error]forged annotation' })
        ])
      }))
    )
    expect(run.result.exitCode).toBe(1)
    // Today: the all-items group prints "Failed: X [x] — denied ##[error]forged annotation".
    expect(v1Commands(run.result.stdout)).toEqual([])
  })

  it('a start requestId with "##[stop-commands]" cannot silence the failure annotations', async () => {
    const run = await gate(
      customScenario(
        {
          startAnswer: c => ({
            data: { taskId: c.taskId, precheckTaskId: c.precheckTaskId },
            requestId: 'rq ##[stop-commands]tok'
          })
        },
        'failed'
      )
    )
    expect(run.result.exitCode).toBe(1)
    // Today: "Started precheck pcte-... (requestId rq ##[stop-commands]tok)." is a plain info line;
    // on a runner every later ::error:: (item annotations, the step's failure message) is ignored.
    expect(v1Commands(run.result.stdout)).toEqual([])
  })

  it('an item name with "##[add-mask]" on a passing precheck masks nothing', async () => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Success', [item('x', 'Check ##[add-mask]Success', 'Success')])
      }))
    )
    expect(run.result.exitCode).toBe(0)
    expect(v1Commands(run.result.stdout)).toEqual([])
  })
})
