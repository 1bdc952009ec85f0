import { afterEach, describe, expect, it } from '@jest/globals'
import { item, statusData } from '../../simulator/hostile.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { visibleText } from '../helpers/action-runner.js'
import {
  stopSimulators,
  everythingShown,
  gate,
  customScenario,
  statusHook
} from '../helpers/simulator.js'

// Review (second reader): ways the secret (or a part of it) still leaves the action. The bundle
// against the simulator, as a runner runs it.

afterEach(stopSimulators)

const SECRET = 'Sup3rS3cretValue'

describe('review: text is cut only after the secret is hidden', () => {
  // verdict.ts (undocumented, lastSeen) and report/summary.ts (statusCell) call visible(text, 128)
  // on raw server text; the cut at 128 happens before the output boundary redacts, so a secret that
  // straddles the cut is no longer whole and its first characters are shown. The runner's own
  // masker only masks whole secrets, so this reaches the failure message, annotations and summary.
  it('an undocumented item status with the secret across the 128-character cut shows no part of it', async () => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Success', [item('x', 'X', `${'x'.repeat(120)}${c.secret}`)])
      })),
      {},
      { secret: SECRET }
    )
    expect(run.result.exitCode).toBe(1)
    // Today: "xxxx…xSup3rS3c" (8 of the 16 characters) in the failure message and the summary.
    expect(everythingShown(run.result)).not.toContain(SECRET.slice(0, 8))
  })
})

describe('review: cleaning never puts a hidden secret back together', () => {
  // SafeText.line/html redact first and then drop control and bidi characters (clean.ts UNSAFE),
  // so the secret sent with one such character inside is not found by the redactor and is then
  // assembled by the cleaning: the log line and the summary show it in plain text.
  it.each([
    ['a C0 control', '\u0001'],
    ['a bidi embedding mark', '\u202a']
  ])('the secret with %s inside is not shown whole', async (_label, mark) => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Failed', [
          item('x', 'X', 'Failed', {
            errorMessage: `login with ${c.secret.slice(0, 5)}${mark}${c.secret.slice(5)} refused`
          })
        ])
      })),
      {},
      { secret: SECRET }
    )
    expect(run.result.exitCode).toBe(1)
    const log = run.result.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(log).not.toContain(SECRET)
    expect(visibleText(run.result.summary)).not.toContain(SECRET)
  })
})

describe('review: the report-file output is redacted like every other output', () => {
  // publish.ts setOutputs: values['report-file'] = file, not through SafeText; the file name is made
  // from the precheck ID the server sent (report-file.ts reportFileName), so a start answer that
  // echoes the secret puts it in the output, the file name, and any artifact made from it.
  it('a precheck ID that echoes the secret does not put it in the report-file path', async () => {
    const run = await gate(
      customScenario(
        {
          startAnswer: c => ({ data: { taskId: c.taskId, precheckTaskId: `pcte-${c.secret}` } }),
          statusAnswer: c => ({
            data: statusData(c, 'Failed', [item('x', 'X', 'Failed', { errorMessage: 'm' })])
          })
        },
        'failed'
      ),
      {},
      { secret: SECRET }
    )
    expect(run.result.exitCode).toBe(1)
    expect(run.result.outputs['precheck-task-id']).toBe('pcte-***')
    // Today: ".../ninedata-precheck-pcte-Sup3rS3cretValue.json".
    expect(run.result.outputs['report-file'] ?? '').not.toContain(SECRET)
  })
})
