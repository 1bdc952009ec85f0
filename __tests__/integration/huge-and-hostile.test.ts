import { basename } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { visibleText } from '../helpers/action-runner.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// Answers that are very large or carry hostile text: GitHub's limits hold, nothing is lost, and
// server text is shown as text. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('a huge precheck stays within GitHub limits without losing anything', () => {
  it('reports 3,000 items (1,000 failed) within 1 MiB of summary, 10 error annotations and 100 KB outputs', async () => {
    const { result } = await gate('huge')
    expect(result.exitCode).toBe(1)
    expect(result.durationMs).toBeLessThan(20_000)

    // Summary: under GitHub's 1 MiB, failed rows first, and a line saying how many were left out.
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
    const rows = result.summary.match(/<tr><td>(❌|✅)&nbsp;\w+/g)!
    expect(rows.length).toBeGreaterThan(100)
    const firstSuccess = rows.findIndex(r => r.includes('Success'))
    if (firstSuccess >= 0)
      expect(rows.slice(firstSuccess).every(r => r.includes('Success'))).toBe(true)
    expect(rows[0]).toContain('Failed')
    const left = /<p>(\d+) more check items \((\d+) of them failed\) not shown/.exec(result.summary)
    expect(left).not.toBeNull()
    expect(rows.length + Number(left![1])).toBe(3000)
    const failedShown = rows.filter(r => r.includes('Failed')).length
    expect(failedShown + Number(left![2])).toBe(1000)

    // Annotations: 8 items, one counter for the rest, and the step's own failure.
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(10)
    expect(
      errors.slice(0, 8).every(a => /^Object check #\d+ for table t_\d+$/.test(a.title!))
    ).toBe(true)
    expect(errors[8]).toEqual(
      expect.objectContaining({
        title: '992 more failed check items',
        message: expect.stringContaining('992 more check items failed')
      })
    )
    expect(errors[9]!.title).toBeUndefined()
    expect(errors[9]!.message).toMatch(/1000 check items of 3000 failed/)

    // Outputs: counts are exact, the JSON arrays are valid, whole items and capped at 100,000 bytes.
    expect(result.outputs['item-count']).toBe('3000')
    expect(result.outputs['failed-count']).toBe('1000')
    expect(result.outputs['status']).toBe('Failed')
    for (const name of ['items', 'failed-items']) {
      const value = result.outputs[name]!
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(100_000)
      const parsed = JSON.parse(value) as { precheckItem: string }[]
      expect(parsed.length).toBeGreaterThan(0)
      expect(result.log).toContain(`The ${name} output holds the first ${parsed.length} of`)
    }
    // The step log lists 2,000 items, failed first, and says where the rest are.
    expect(result.log.match(/^Failed: Object check/gm)).toHaveLength(1000)
    expect(result.log.match(/^Success: Object check/gm)).toHaveLength(1000)
    expect(result.log).toContain('… and 1000 more check items, left out to keep the log readable')
    // Nothing is lost: the report file has every item.
    const name = basename(result.outputs['report-file']!)
    const report = JSON.parse(result.tempFiles[name]!) as { items: unknown[] }
    expect(report.items).toHaveLength(3000)
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
    for (const raw of ['<script', '<iframe', '<img', '<h1>', '<b>', '](https', '@octocat'])
      expect(summary).not.toContain(raw)
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
    // Invisible controls are gone: the bidi override, bell, NUL and escape.
    const invisible = ['\u202E', '\u0000', '\u0007', '\u001b']
    for (const char of invisible) expect(summary).not.toContain(char)
    expect(shown).toContain('evil override end')
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
