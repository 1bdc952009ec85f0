import { afterEach, describe, expect, it } from '@jest/globals'
import { item, leakedForms, secretForms, statusData } from '../../simulator/hostile.js'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { runAction, visibleText, failureMessage } from '../helpers/action-runner.js'
import {
  stopSimulators,
  everythingShown,
  foreignCommands,
  gate,
  TEST_TASK_ID,
  customScenario,
  statusHook,
  statusRequests
} from '../helpers/simulator.js'

// Issue 8, classes 2, 3 and 6: server text never leaks the secret, never becomes a workflow
// command, and never costs more than linear time. The bundle against the simulator.

afterEach(stopSimulators)

/** A secret with the characters that escape differently in JSON, URLs and HTML. */
const TRICKY = 'Zq9_ab"c\\d&e<f'

/** Overall Failed with one failed item whose message (and name) carry `text`. */
const failedWith =
  (errorMessage: string, itemName = 'Echo Check') =>
  (context: AnswerContext) => ({
    data: statusData(context, 'Failed', [
      item('srcDataSourceCheck', 'Source Connection Check', 'Success'),
      item('echoCheck', itemName, 'Failed', { errorMessage })
    ])
  })

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
})

describe('redaction never changes what is judged', () => {
  it.each([['Failed'], ['precheckItems']])(
    'a secret that is "%s" does not turn a failed precheck into a pass',
    async secret => {
      const { result } = await gate('failed', { 'timeout-seconds': '20' }, { secret })
      expect(result.exitCode).toBe(1)
      expect(result.outputs['failed-count']).toBe('2')
      // Judged from the answer, not after a timeout on a mangled status.
      expect(result.durationMs).toBeLessThan(15_000)
      expect(
        result.annotations.filter(a => a.level === 'error' && a.title !== undefined)
      ).toHaveLength(2)
    }
  )
})

describe('an api-url that cannot be parsed is never echoed with its userinfo', () => {
  it.each([
    ['a space in the host', 'https://admin:Pa55w0rd-Q7@nine data.example.com'],
    ['a broken IPv6 host', 'http://admin:Pa55w0rd-Q7@[::1:8080/'],
    ['a port out of range', 'https://admin:Pa55w0rd-Q7@ninedata.example.com:99999']
  ])('%s', async (_label, apiUrl) => {
    const result = await runAction({
      'api-url': apiUrl,
      'access-key-id': 'demo-key',
      'access-key-secret': 'demo-secret',
      'task-id': TEST_TASK_ID
    })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/api-url/)
    for (const text of [result.stdout, result.stderr, result.summary])
      expect(text).not.toContain('Pa55w0rd-Q7')
  })
})

describe('server text never becomes a workflow command', () => {
  const forged = (result: { annotations: { message: string; title?: string }[] }) =>
    result.annotations.filter(a => /forged/i.test(`${a.title ?? ''} ${a.message}`))

  it('a precheckTaskId with "\\n::error::" forges nothing (and is refused)', async () => {
    const { result, sim } = await gate(
      customScenario({
        startAnswer: context => ({
          data: {
            taskId: context.taskId,
            precheckTaskId: 'pcte-1\n::error::forged by precheckTaskId'
          }
        })
      })
    )
    expect(result.annotations.filter(a => a.message === 'forged by precheckTaskId')).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(0)
  })

  it('a status requestId with "\\n::error::" forges nothing', async () => {
    const { result } = await gate(
      statusHook(context =>
        context.natural
          ? { data: context.natural, requestId: 'sim-1\n::error::forged by requestId' }
          : undefined
      )
    )
    expect(result.annotations.filter(a => a.message === 'forged by requestId')).toEqual([])
    expect(result.stdout).not.toMatch(/^::error::forged/m)
  })

  it('a start requestId with "\\r\\n::warning::" forges nothing', async () => {
    const { result } = await gate(
      customScenario({
        startAnswer: context => ({
          data: context.natural,
          requestId: 'sim-2\r\n::warning::forged by start requestId'
        })
      })
    )
    expect(result.annotations.filter(a => /forged by start requestId/.test(a.message))).toEqual([])
  })

  it('item names with "\\n::error::" and "\\r::error::" on a passing precheck forge nothing', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          item('a', 'Check A\n::error::forged by itemName', 'Success'),
          item('b', 'Check B\r::error::forged by a carriage return', 'Success', {
            itemDescription: 'desc\n::error::forged by itemDescription'
          })
        ])
      }))
    )
    expect(result.exitCode).toBe(0)
    expect(forged(result)).toEqual([])
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
  })

  it('a failed item message with "\\n::error title=Fake::" forges no annotation', async () => {
    const { result } = await gate(
      statusHook(failedWith('denied\n::error title=Fake::forged by errorMessage'))
    )
    expect(result.exitCode).toBe(1)
    expect(result.annotations.filter(a => a.title === 'Fake')).toEqual([])
    expect(result.stdout).not.toMatch(/^::error title=Fake::/m)
  })

  it('"::stop-commands::" from the server is inert: the real failure annotations still count', async () => {
    const { result } = await gate(
      statusHook(
        failedWith(
          'first line\n::stop-commands::pause-token\nmore',
          '\n::stop-commands::pause-token'
        )
      )
    )
    expect(result.exitCode).toBe(1)
    expect(result.stdout).not.toMatch(/^::stop-commands::/m)
    expect(foreignCommands(result.stdout)).toEqual([])
    expect(failureMessage(result)).not.toBe('')
  })

  it('an item name with "\\n::add-mask::Success" masks nothing', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [item('m', 'Mask\n::add-mask::Success', 'Success')])
      }))
    )
    expect(result.exitCode).toBe(0)
    const masks = result.stdout.split('\n').filter(line => line.startsWith('::add-mask::'))
    expect(masks).toEqual(['::add-mask::demo-secret'])
  })

  it('escape and other control characters in item text never reach the log raw', async () => {
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          item(
            'c',
            'Red\u001b[31m text\u0007 bell\u0008 back\u000b vt\u000c ff\u007f del',
            'Success'
          )
        ])
      }))
    )
    expect(result.exitCode).toBe(0)
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/)
  })
})

describe('cost stays linear whatever the server sends', () => {
  it('1 MB of whitespace in a failed item message: the run ends fast', async () => {
    const { result } = await gate(
      statusHook(failedWith(`${' '.repeat(1_000_000)}then the reason`)),
      {},
      { killAfterMs: 40_000 }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('1')
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('1 MB of mixed whitespace in a passing item name and description: the run ends fast', async () => {
    const spaces = ' \t'.repeat(500_000)
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          item('w', `Wide${spaces}name`, 'Success', { itemDescription: `${spaces}d` })
        ])
      })),
      {},
      { killAfterMs: 40_000 }
    )
    expect(result.exitCode).toBe(0)
    expect(result.durationMs).toBeLessThan(10_000)
  })

  it('10,000 items: passes, the all-items log group is capped and says how many were left out', async () => {
    let items: Record<string, unknown>[] | undefined
    const run = await gate(
      statusHook(context => {
        items ??= Array.from({ length: 10_000 }, (_, i) =>
          item(`objectCheck${i}`, `Object check #${i}`, 'Success')
        )
        return { data: statusData(context, 'Success', items) }
      })
    )
    const { result } = run
    expect(result.exitCode).toBe(0)
    expect(result.outputs['item-count']).toBe('10000')
    const lines = result.stdout.split('\n')
    const open = lines.findIndex(line => line.startsWith('::group::'))
    const close = lines.findIndex((line, i) => i > open && line.startsWith('::endgroup::'))
    expect(open).toBeGreaterThanOrEqual(0)
    const group = lines.slice(open + 1, close)
    expect(group.length).toBeLessThanOrEqual(2_100)
    expect(group.join('\n')).toMatch(/8,?000/)
    expect(group.join('\n')).toMatch(/left out|not shown|omitted|more/i)
    expect(run.report?.items).toHaveLength(10_000)
  })

  it('never polls again sooner than twice as long as the last poll took', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({ fault: { type: 'delay', ms: 700 } })),
      {
        'poll-interval-seconds': '0.1'
      }
    )
    expect(result.exitCode).toBe(0)
    const arrivals = statusRequests(sim).map(r => r.atMs)
    expect(arrivals.length).toBeGreaterThanOrEqual(2)
    for (let i = 1; i < arrivals.length; i++)
      // 700 ms answering, then at least 2 x 700 ms of waiting (some slack for timers).
      expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(1_900)
  })
})
