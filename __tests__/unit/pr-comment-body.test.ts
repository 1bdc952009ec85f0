import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  COMMENT_LIMIT,
  renderComment,
  type CommentContext
} from '../../src/pull-request/comment-body.js'
import { markerFor } from '../../src/pull-request/comment-marker.js'
import {
  commentViewOf,
  type CommentItem,
  type CommentView
} from '../../src/pull-request/comment-view.js'
import { SafeText } from '../../src/text/safe-text.js'
import { visibleText } from '../helpers/action-runner.js'
import { foreignTags, renderAsGitHub } from '../judges/markdown-judge.js'
import { item, report, state } from '../helpers/builders.js'

// The comment's body: server text stays text (HTML, Markdown, mentions, the secret), and the body
// fits GitHub's 65,536 characters by construction, failed items first and a line for the rest.

const SECRET = 'sk-Hush-4242-secret'
const safe = new SafeText([SECRET])
const context: CommentContext = {
  marker: markerFor('cc-1'),
  run: { url: 'https://github.com/o/r/actions/runs/9/attempts/2', label: 'run 9, attempt 2' },
  commit: 'c0ffee1'
}

function view(failedItems: CommentItem[], extra: Partial<CommentView> = {}): CommentView {
  return {
    kind: 'failed',
    blocking: true,
    heading: '❌ NineData schema comparison precheck failed',
    reason: 'The precheck failed.',
    hint: undefined,
    taskId: 'cc-1',
    precheckTaskId: 'pcte-1',
    failedItems,
    ...extra
  }
}

/** Every opening tag of `name` has its closing tag, in the body as rendered. */
function balanced(body: string, name: string): boolean {
  const open = body.match(new RegExp(`<${name}\\b`, 'g'))?.length ?? 0
  const close = body.match(new RegExp(`</${name}>`, 'g'))?.length ?? 0
  return open === close
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '</td></tr></table></details><h1>Injected</h1>',
  '<!-- ninedata-precheck-gate:task=cc-1 -->',
  '--> <img src=x onerror=alert(1)>',
  '[link](https://evil.example) ![img](https://evil.example/x.png) **bold** _it_ `code`',
  '@octocat and @org/team, see #1 and o/r#2',
  `key ${SECRET} and %73k-Hush-4242-secret`,
  '| pipes | break | tables |',
  'line one\n\nline three'
].join(' ')

describe('commentViewOf', () => {
  it('takes the verdict, its reason, the hint and the failed items from the report', () => {
    const failedItem = item('Failed', 'Source Check', 'no grant')
    const view = commentViewOf(
      report('finished', state('Failed', [failedItem, item('Success', 'B')]), { hint: 'Look.' })
    )
    expect(view).toEqual({
      kind: 'failed',
      blocking: true,
      heading: '❌ NineData schema comparison precheck failed',
      reason: 'The precheck failed: 1 check item of 2 failed: Source Check.',
      hint: 'Look.',
      hintFirst: false,
      taskId: 'cc-1',
      precheckTaskId: 'pcte-1',
      failedItems: [{ name: 'Source Check', id: 'SourceCheck', reason: 'no grant' }]
    })
    // An item whose only name is its ID shows it once.
    const unnamed = { ...failedItem, itemName: '' }
    expect(commentViewOf(report('finished', state('Failed', [unnamed]))).failedItems[0]?.id).toBe(
      ''
    )
  })

  it.each([
    ['timeout', '⏱️ NineData schema comparison precheck timed out'],
    ['cancelled', '🛑 NineData schema comparison precheck: wait cancelled'],
    ['error', '❌ NineData schema comparison precheck: no verdict']
  ] as const)('heads a %s like the job summary', (outcome, heading) => {
    const view = commentViewOf(report(outcome, state('Running', [item('Running', 'A')])))
    expect(view).toMatchObject({ kind: outcome, blocking: true, heading })
  })
})

describe('the comment body', () => {
  it('starts with the marker, then the verdict, the reason, the facts and the failed items', () => {
    const r = report('finished', state('Failed', [item('Failed', 'Source Check', 'no grant')]))
    const body = renderComment(commentViewOf(r), context, safe)
    const lines = body.split('\n')
    expect(lines[0]).toBe('<!-- ninedata-precheck-gate:task=cc-1 -->')
    expect(lines[1]).toBe('### ❌ NineData schema comparison precheck failed')
    const shown = visibleText(body)
    expect(shown).toContain('The precheck failed: 1 check item of 1 failed: Source Check.')
    expect(body).toContain('Comparison task <code>cc-1</code> · precheck <code>pcte-1</code>')
    expect(body).toContain('commit <code>c0ffee1</code>')
    expect(body).toContain('#### Failed check items (1)')
    expect(shown).toMatch(/Source Check\s+SourceCheck\s+no grant/)
    expect(body).toContain(
      '<a href="https://github.com/o/r/actions/runs/9/attempts/2">job summary of run 9, attempt 2</a>'
    )
    expect(body).not.toContain('not shown')
  })

  it('says a pass in a few lines, with no items section', () => {
    const r = report('finished', state('Success', [item('Success', 'A')]))
    const body = renderComment(commentViewOf(r), { marker: markerFor('cc-1') }, safe)
    expect(body.split('\n')[1]).toBe('### ✅ NineData schema comparison precheck passed')
    expect(body).not.toContain('<table>')
    expect(body).toContain("details in the run's job summary")
    expect(body.length).toBeLessThan(1000)
  })

  it('shows a non-blocking failure as such', () => {
    const r = report('finished', state('Failed', [item('Failed', 'A', 'x')]), {
      failOnFailure: false
    })
    expect(renderComment(commentViewOf(r), context, safe)).toContain(
      '### ⚠️ NineData schema comparison precheck failed (not blocking: fail-on-failure is false)'
    )
  })

  it('keeps hostile server text inert: no markup, no mention, no reference, no secret', () => {
    const hostile: CommentItem = { name: HOSTILE, id: `id ${HOSTILE}`, reason: HOSTILE }
    const body = renderComment(
      view([hostile], {
        reason: HOSTILE,
        hint: HOSTILE,
        comparison: {
          status: 'success',
          counts: [{ label: 'objects that differ', value: 1 }],
          differences: [{ name: HOSTILE, detail: HOSTILE, sql: `ALTER TABLE t; ${HOSTILE}` }]
        }
      }),
      context,
      safe
    )
    for (const raw of ['<script', '<img', '<h1>', SECRET]) expect(body).not.toContain(raw)
    // Markdown syntax is left as it is (so the runner's masking still matches a copy of a secret in
    // it): inside the HTML blocks GitHub renders it as text, never a link, image or emphasis.
    const rendered = renderAsGitHub(body)
    // The one link is the comment's own, to the run.
    expect(foreignTags(rendered)).toEqual(['a'])
    expect(rendered.match(/<a\b[^>]*>/g)).toEqual([`<a href="${context.run?.url}">`])
    expect(rendered).not.toMatch(/<(em|img|del)\b/)
    // Only this action's own tags: each opened one is closed, and the marker is the only comment.
    for (const tag of ['table', 'details', 'summary', 'pre', 'code', 'p', 'tr', 'td', 'strong'])
      expect(balanced(body, tag)).toBe(true)
    expect(body.match(/<!--/g)).toHaveLength(1)
    expect(body.match(/-->/g)).toHaveLength(1)
    // Mentions and references are parted by a <wbr> (GitHub links within one text only) outside
    // <code> and <pre>, with no invisible character.
    const prose = body.replace(/<(pre|code)>[^]*?<\/\1>/g, '')
    expect(prose).toContain('&#64;<wbr>octocat')
    expect(prose).not.toMatch(/&#64;(?!<wbr>)[a-z]/)
    expect(prose).not.toMatch(/&#35;(?!<wbr>)\d/)
    expect(body).not.toMatch(/[\u200b\u2066-\u2069]|&#8203;/)
    // No blank line inside the HTML: it would end the block and let Markdown in.
    const tables = body.match(/<table>[^]*?<\/table>/g) ?? []
    expect(tables).toHaveLength(2)
    for (const table of tables) expect(table).not.toMatch(/\n\s*\n/)
    // A reader sees the text as NineData sent it, the secret hidden.
    const shown = visibleText(body)
    expect(shown).toContain('<script>alert(1)</script>')
    expect(shown).toContain('</td></tr></table></details><h1>Injected</h1>')
    expect(shown).toContain('@octocat and @org/team, see #1 and o/r#2')
    expect(shown).toContain('key *** and ***')
    // The SQL is collapsed and copyable: nothing added to it.
    const sql = /<details><summary>Correction SQL<\/summary><pre>([^]*?)<\/pre><\/details>/.exec(
      body
    )
    expect(sql?.[1]).toMatch(/^ALTER TABLE t; &lt;script&gt;/)
    expect(sql?.[1]).not.toMatch(/[\u200b\u2068\u2069]/)
  })

  it('fits 3,000 failed items: as many as fit, then a line saying how many were left out', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      name: `Object check #${i} for table t_${i}`,
      id: `objectCheck${i}`,
      reason: `Table t_${i} differs: ${'column definitions do not match; '.repeat(8)}`
    }))
    const body = renderComment(view(items), context, safe)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 2000)
    const rows = body.match(/<tr><td><strong>/g)?.length ?? 0
    expect(rows).toBeGreaterThan(50)
    const left =
      /<p>(\d+) more failed check items not shown: GitHub limits a comment to 65,536 characters\. The <a href="[^"]+">job summary<\/a> lists more, and the step's <code>report-file<\/code> output has every item\.<\/p>/.exec(
        body
      )
    expect(Number(left?.[1]) + rows).toBe(3000)
    // Shown in order, starting with the first.
    expect(body).toContain('Object check &#35;<wbr>0 for table t_0')
    expect(body.trimEnd().endsWith('</sub>')).toBe(true)
  })

  it('fits any generated list of failed items and differences (generated, seeded)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 3000 })
    const hostileText = fc.oneof(text, fc.constant(HOSTILE), fc.constant('@&<>#|`'.repeat(500)))
    const items = fc.array(fc.record({ name: hostileText, id: text, reason: hostileText }), {
      maxLength: 400
    })
    const differences = fc.array(
      fc.record({ name: hostileText, detail: hostileText, sql: fc.option(hostileText) }),
      { maxLength: 100 }
    )
    let cut = 0
    fc.assert(
      fc.property(items, differences, hostileText, (failed, diffs, reason) => {
        const body = renderComment(
          view(failed, {
            reason,
            hint: reason,
            comparison: diffs.length
              ? {
                  status: 'success',
                  counts: [{ label: 'objects that differ', value: diffs.length }],
                  differences: diffs.map(d => ({ ...d, sql: d.sql ?? undefined }))
                }
              : undefined
          }),
          context,
          safe
        )
        expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
        expect(body.startsWith(`${context.marker}\n`)).toBe(true)
        expect(body).not.toContain(SECRET)
        for (const tag of ['table', 'details', 'pre', 'tr', 'td'])
          expect(balanced(body, tag)).toBe(true)
        // Shown plus left out is every item and every difference.
        const shownItems = (body.match(/<tr><td><strong>/g)?.length ?? 0) - countDiffRows(body)
        const leftItems = Number(/(\d+) more failed check items? /.exec(body)?.[1] ?? 0)
        expect(shownItems + leftItems).toBe(failed.length)
        const leftDiffs = Number(/(\d+) more differences? not shown/.exec(body)?.[1] ?? 0)
        expect(countDiffRows(body) + leftDiffs).toBe(diffs.length)
        if (leftItems + leftDiffs > 0) cut++
      }),
      { seed: 17, numRuns: 200 }
    )
    // The budget was put to the test, not only small lists.
    expect(cut).toBeGreaterThan(20)
  })
})

/** Rows of the differences table (after its header). */
function countDiffRows(body: string): number {
  const at = body.indexOf('<th>Differs</th>')
  return at < 0 ? 0 : (body.slice(at).match(/<tr><td><strong>/g)?.length ?? 0)
}
