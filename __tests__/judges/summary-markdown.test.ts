import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ROOT } from '../helpers/action-runner.js'
import { gate, stopSimulators, type Gate } from '../helpers/simulator.js'
import {
  foreignTags,
  itemRows,
  literalMarkdown,
  renderAsGitHub,
  tablesOf
} from './markdown-judge.js'

// The job summary through GitHub's Markdown engine (cmark-gfm with GitHub's extensions): the golden
// summaries and the ones the bundle writes. The tables reach the page as written, failed items and
// NineData's reasons are table cells, the action's own text shows no Markdown characters, and no
// tag on the page is anyone's but the action's (nothing live from server text, with or without
// GitHub's tag filter).

/** What every summary must render to. */
function expectRendersCleanly(summary: string, ownTextOnly: boolean): string {
  const page = renderAsGitHub(summary)
  for (const table of tablesOf(summary)) expect(page).toContain(table)
  expect(page).not.toMatch(/<p>\s*#/)
  expect(foreignTags(page)).toEqual([])
  expect(page).not.toMatch(/<(script|img|iframe|a)\b/i)
  // The only collapsed blocks are the action's own: one per correction SQL, as written.
  const own = summary.match(/<details><summary>/g)?.length ?? 0
  expect(page.match(/<details\b/gi)?.length ?? 0).toBe(own)
  expect(page.match(/<\/details>/gi)?.length ?? 0).toBe(own)
  // Safe without GitHub's tag filter too: the filter has nothing to do.
  expect(renderAsGitHub(summary, false)).toBe(page)
  if (ownTextOnly) expect(literalMarkdown(page)).toEqual([])
  return page
}

describe('the golden summaries, as GitHub renders them', () => {
  const GOLDEN = join(ROOT, '__tests__', 'golden')
  const files = readdirSync(GOLDEN).filter(file => /^summary-.+\.html$/.test(file))
  const golden = (name: string): string =>
    readFileSync(join(GOLDEN, `summary-${name}.html`), 'utf8')

  it('are all judged here', () => {
    expect(files.sort()).toEqual([
      'summary-comparison-differences-data.html',
      'summary-comparison-differences-schema.html',
      'summary-comparison-failed-run.html',
      'summary-comparison-passed.html',
      'summary-comparison-timeout-run.html',
      'summary-failed.html',
      'summary-hostile.html',
      'summary-outage.html',
      'summary-passed.html',
      'summary-timeout.html'
    ])
  })

  // The hostile one quotes Markdown from NineData on purpose: shown as text, it is no defect.
  it.each([
    'passed',
    'failed',
    'timeout',
    'outage',
    'hostile',
    'comparison-passed',
    'comparison-differences-schema',
    'comparison-differences-data',
    'comparison-failed-run',
    'comparison-timeout-run'
  ])('%s', name => {
    // SQL quotes names in backticks: that one shows server text as received too.
    expectRendersCleanly(golden(name), !['hostile', 'comparison-differences-schema'].includes(name))
  })

  it('failed: the failed item and its reason are cells of one row', () => {
    const rows = itemRows(renderAsGitHub(golden('failed')))
    expect(rows).toContainEqual([
      '❌ Failed',
      expect.stringMatching(/^Source Permission Check\s+SourcePermissionCheck$/),
      'checks Source Permission Check',
      'Account lacks SELECT on db1.\nSuggested fix: GRANT SELECT ON db1.* TO app;'
    ])
  })

  describe('the judge fails what it should (the failed summary, changed)', () => {
    it.each([
      ['a blank line inside the item table', '<tbody>\n', '<tbody>\n\n'],
      ['a raw <img> in a cell', 'Account lacks', '<img src=x onerror=alert(1)> Account lacks'],
      ['a raw <script> in a cell', 'Account lacks', '<script>alert(1)</script> Account lacks'],
      ['a raw <details> in a cell', 'Account lacks', '<details open>Account lacks'],
      ['literal Markdown in the reason', 'The precheck failed', 'The **precheck** failed']
    ])('%s', (_label, from, to) => {
      const changed = golden('failed').replace(from, to)
      expect(changed).not.toBe(golden('failed'))
      expect(() => expectRendersCleanly(changed, true)).toThrow()
    })
  })

  it('hostile: the items with server markup are cells, their markup text', () => {
    const rows = itemRows(renderAsGitHub(golden('hostile')))
    expect(rows).toHaveLength(2)
    expect(rows[1]![1]).toContain('<script>alert(1)</script> | **bold** @team')
    expect(rows[0]![1]).toContain('[link](http://x) `code`')
  })
})

describe('summaries the bundle writes, as GitHub renders them', () => {
  const runs: Record<string, Gate> = {}
  beforeAll(async () => {
    const scenarios: [string, string, Record<string, string>][] = [
      ['passed', 'pass', {}],
      ['failed', 'failed', {}],
      ['timeout', 'timeout', { 'timeout-seconds': '2' }],
      ['hostile', 'hostile', {}]
    ]
    await Promise.all(
      scenarios.map(async ([name, scenario, inputs]) => (runs[name] = await gate(scenario, inputs)))
    )
  })
  afterAll(stopSimulators)
  const page = (name: string, ownTextOnly = true): string =>
    expectRendersCleanly(runs[name]!.result.summary, ownTextOnly)

  it('passed: five items, all Success', () => {
    const rows = itemRows(page('passed'))
    expect(rows).toHaveLength(5)
    expect(rows.every(row => row[0] === '✅ Success')).toBe(true)
  })

  it('failed: each failed item and its reason are cells of one row', () => {
    const rows = itemRows(page('failed'))
    expect(rows).toHaveLength(5)
    expect(rows).toContainEqual(
      expect.arrayContaining([
        '❌ Failed',
        expect.stringContaining('Source Permission Check'),
        expect.stringContaining("GRANT SELECT ON *.* TO 'dms_reader'@'%'")
      ])
    )
    expect(rows).toContainEqual(
      expect.arrayContaining([
        '❌ Failed',
        expect.stringContaining('Target Object Existence Check'),
        expect.stringContaining('Table `orders_archive` does not exist in the target database')
      ])
    )
  })

  it('timeout: the last status seen, with the items still running', () => {
    const rows = itemRows(page('timeout'))
    expect(rows.map(row => row[0])).toEqual([
      '⏳ Running',
      '⏳ Running',
      '⏳ Running',
      '✅ Success',
      '✅ Success'
    ])
  })

  it('hostile: server markup stays text in its cells', () => {
    const rows = itemRows(page('hostile', false))
    expect(rows).toHaveLength(8)
    expect(rows).toContainEqual(
      expect.arrayContaining([
        '❌ Failed',
        expect.stringContaining('<script>alert("x")</script>'),
        expect.stringContaining(
          '<iframe src="https://evil.example"></iframe></td></tr></table><h1>Injected</h1>'
        )
      ])
    )
    expect(rows).toContainEqual(
      expect.arrayContaining([
        expect.stringContaining('**bold** _it_ [link](https://evil.example) `code` # heading')
      ])
    )
  })
})
