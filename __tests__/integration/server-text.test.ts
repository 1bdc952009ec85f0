import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import {
  customScenario,
  foreignCommands,
  gate,
  item,
  statusData,
  statusHook,
  stopSimulators,
  type AnswerContext,
  failedWith
} from '../helpers/simulator.js'
import { foreignTags, renderAsGitHub } from '../judges/markdown-judge.js'

// Text from NineData is shown as text: never markup in the summary, never a workflow command in
// the log (neither `::name::` at the start of a line nor `##[name]` anywhere in it), never a raw
// control character. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

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

describe('hostile server text is shown as text', () => {
  it('keeps the summary table intact and shows HTML, Markdown, RTL and emoji literally', async () => {
    const { result } = await gate('hostile')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['item-count']).toBe('8')
    expect(result.outputs['failed-count']).toBe('6')
    const summary = result.summary
    expect(summary).toContain('❌ NineData schema comparison precheck failed')

    // No markup from the server survives as markup.
    for (const raw of ['<script', '<iframe', '<img', '<h1>', '<b>', '@octocat'])
      expect(summary).not.toContain(raw)
    // Markdown syntax is left as written (inert inside the HTML blocks): rendered as GitHub does,
    // the page holds no tag the action did not write, so no link, image or emphasis.
    expect(foreignTags(renderAsGitHub(summary))).toEqual([])
    // The items table: one header row and one row per item, no blank line that ends the HTML block.
    const table = /<table>\n<thead>[\s\S]*?<\/table>/.exec(summary)?.[0]
    expect(table).toBeDefined()
    expect(table!.match(/<tr>/g)).toHaveLength(8 + 1)
    expect(table!.match(/<\/tr>/g)).toHaveLength(8 + 1)
    expect(table).not.toMatch(/\n[ \t]*\n/)
    expect(summary.match(/<table>/g)).toHaveLength(2)
    expect(summary.match(/<\/table>/g)).toHaveLength(2)

    const shown = visibleText(summary)
    expect(shown).toContain('<script>alert("x")</script>')
    expect(shown).toContain(
      '<iframe src="https://evil.example"></iframe></td></tr></table><h1>Injected</h1>'
    )
    expect(shown).toContain('Pipes | break | tables')
    expect(shown).toContain('[link](https://evil.example)')
    expect(shown).toContain('فحص الاتصال بالمصدر')
    expect(shown).toContain('خطأ: لا يمكن الاتصال | שגיאה')
    expect(shown).toContain('Emoji 🚀🔥👩‍👩‍👧‍👦 check')
    // Invisible controls are written out, not kept: the bidi override, bell, NUL and escape, and
    // the action adds none (no isolation marks, no zero-width space).
    const invisible = ['\u202E', '\u202C', '\u0000', '\u0007', '\u001b', '\u200b']
    for (const char of invisible) expect(summary).not.toContain(char)
    expect(summary).not.toMatch(/[\u2066-\u2069]/)
    expect(shown).toContain('<U+202E>evil override<U+202C> end')
    // Very long text is shortened, and says so.
    expect(shown).toMatch(/L{300}… \(4700 more characters\)/)
    expect(shown).toMatch(/y+… \(\d+ more characters\)/)
    expect(Buffer.byteLength(summary)).toBeLessThan(64 * 1024)
    // The log and annotations carry no terminal control characters either.
    for (const char of invisible) expect(result.stdout).not.toContain(char)
    expect(result.log).toContain('Failed: <script>alert("x")</script> [xssCheck] — <iframe')
    expect(result.log).toContain('Success: Bell and NUL and ESC[31m red [controlCheck]')
  })
})

// A runner takes `##[command]data` ANYWHERE in a line as a command, not only at its start: its
// OutputManager hands every line containing "##[" to the command parser, which, when the `::` form
// does not parse, finds the prefix with IndexOf("##["). Registered commands include error, warning,
// notice, add-mask, set-output, save-state and stop-commands. The runner stand-in only models `::`
// at the start of a line, so these tests look for `##[` themselves.
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

describe('server text never becomes a ##[...] command anywhere in a log line', () => {
  it('an item message with "##[error]" mid-line forges no annotation', async () => {
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Failed', [
          item('x', 'X', 'Failed', { errorMessage: 'denied ##[error]forged annotation' })
        ])
      }))
    )
    expect(run.result.exitCode).toBe(1)
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
    // The requestId is logged with the start; as a command it would make the runner ignore every
    // later ::error:: (the item annotations and the step's failure message).
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
