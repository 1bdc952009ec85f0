import { afterEach, describe, expect, it } from '@jest/globals'
import { visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  everythingShown,
  gate,
  item,
  leakedForms,
  secretForms,
  statusData,
  statusHook,
  stopSimulators,
  type AnswerContext,
  failedWith
} from '../helpers/simulator.js'

// Server text that carries the secret: it is hidden at the output boundary in every form a reader
// could decode, before any cut, and no cleaning step puts it back together. (That it never leaks
// and never changes what is judged: secrets.test.ts.) The bundled action against the simulator,
// as a runner runs it.

afterEach(stopSimulators)

/** A secret with the characters that escape differently in JSON, URLs and HTML. */
const TRICKY = 'Zq9_ab"c\\d&e<f'

describe('the secret is redacted at the output boundary in every form', () => {
  const forms = secretForms(TRICKY)
  const echoes: [string, string][] = [
    ['as is', `login failed with secret ${TRICKY} (echoed)`],
    ['JSON-escaped (\\" and \\\\ as text)', `config was {"secret":"${forms['json']}"}`],
    ['URL-encoded', `callback https://hooks.example/?secret=${forms['url']}&x=1`],
    ['base64', `Authorization: Basic ${forms['base64']}`],
    ['HTML-escaped', `<p>secret ${forms['html']}</p>`],
    ['HTML numeric character references', `secret ${forms['htmlNumeric']}`]
  ]
  it.each(echoes)('echoed %s in an item message', async (_label, echo) => {
    const run = await gate(statusHook(failedWith(echo)), {}, { secret: TRICKY })
    expect(run.result.exitCode).toBe(1)
    expect(run.result.outputs['failed-count']).toBe('1')
    expect(leakedForms(everythingShown(run.result), TRICKY)).toEqual([])
    expect(visibleText(run.result.summary)).not.toContain(TRICKY)
  })

  it('echoed as \\u escapes in the raw answer (the parsed text holds the secret)', async () => {
    const run = await gate(
      statusHook(context => {
        const escaped = secretForms(TRICKY)['unicodeEscaped']
        return {
          body: JSON.stringify({
            success: true,
            requestId: context.requestId,
            data: statusData(context, 'Failed', [
              item('echoCheck', 'Echo Check', 'Failed', { errorMessage: 'ESCAPED' })
            ])
          }).replace('ESCAPED', `secret ${escaped}`)
        }
      }),
      {},
      { secret: TRICKY }
    )
    expect(run.result.exitCode).toBe(1)
    expect(leakedForms(everythingShown(run.result), TRICKY)).toEqual([])
    expect(visibleText(run.result.summary)).not.toContain(TRICKY)
  })

  it('a 2-character secret is redacted too, with a warning that it looks too short', async () => {
    const secret = '~^'
    const run = await gate(statusHook(failedWith(`key ${secret} refused`)), {}, { secret })
    expect(run.result.exitCode).toBe(1)
    expect(
      run.result.annotations.some(a => a.level === 'warning' && /short/i.test(a.message))
    ).toBe(true)
    expect(leakedForms(everythingShown(run.result), secret)).toEqual([])
  })

  it('a requestId that carries the secret is redacted in info and debug lines and the output', async () => {
    const run = await gate(
      customScenario({
        startAnswer: context => ({
          data: { taskId: context.taskId, precheckTaskId: context.precheckTaskId },
          requestId: `start-${TRICKY}`
        }),
        statusAnswer: context =>
          context.natural ? { data: context.natural, requestId: `req-${TRICKY}` } : undefined
      }),
      {},
      { secret: TRICKY, env: { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' } }
    )
    expect(run.result.exitCode).toBe(0)
    expect(run.result.outputs['request-id']).toMatch(/^req-/)
    expect(leakedForms(everythingShown(run.result), TRICKY)).toEqual([])
  })

  it('a precheck ID that echoes the secret puts it in neither the outputs nor the report-file path', async () => {
    const SECRET = 'Sup3rS3cretValue'
    // The report file is named after the precheck ID the server sent.
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
    expect(run.result.outputs['report-file'] ?? '').not.toContain(SECRET)
  })
})

describe('text is cut only after the secret is hidden, and cleaning never rebuilds it', () => {
  const SECRET = 'Sup3rS3cretValue'

  // Status text is shortened to 128 characters for messages and the summary. A secret that straddles
  // the cut would no longer be whole if the text were cut first, and the runner's own masker only
  // masks whole secrets.
  it('an undocumented item status with the secret across the 128-character cut shows no part of it', async () => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Success', [item('x', 'X', `${'x'.repeat(120)}${c.secret}`)])
      })),
      {},
      { secret: SECRET }
    )
    expect(run.result.exitCode).toBe(1)
    expect(everythingShown(run.result)).not.toContain(SECRET.slice(0, 8))
  })

  // Control and bidi characters are dropped from text that is shown: a secret sent with one of them
  // inside must not come out whole once they are gone.
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
