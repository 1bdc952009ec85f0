import { describe, expect, it } from '@jest/globals'
import type { SchemaObject } from '../../src/ninedata/api-types.js'
import { planAnnotations } from '../../src/report/annotations.js'
import { planOutputs } from '../../src/report/outputs.js'
import { correctionSqlText } from '../../src/report/correction-sql-file.js'
import { renderSummary, SUMMARY_BUDGET_BYTES } from '../../src/report/job-summary.js'
import { SafeText } from '../../src/text/safe-text.js'
import { textWork } from '../../src/text/text-work.js'
import { comparisonReport, runSeen, schemaObject } from '../helpers/comparison.js'
import { item, state } from '../helpers/builders.js'

// The comparison section within GitHub's limits: one 1 MiB budget for both sections, whatever the
// size of the precheck and of the run; server text inert for any input (seeded generated cases).

const SECRET = 's3cr_t-<&>'
const safe = new SafeText([SECRET])
const MiB = 1024 * 1024

/** `count` objects of which every one differs with `sqlBytes` of SQL. */
function differingObjects(count: number, sqlBytes: number): SchemaObject[] {
  return Array.from({ length: count }, (_, i) =>
    schemaObject(
      String(3_000_000 + i),
      `table_${i}`,
      `-- ${i}\n${'ALTER TABLE t ADD c INT; '.repeat(sqlBytes / 25)}`
    )
  )
}

describe('the summary budget with a comparison run', () => {
  it('fits 3,000 check items and 1,000 differing objects of 20 KB SQL each, counting the rest', () => {
    const objects = differingObjects(1000, 20_000)
    const model = comparisonReport(
      runSeen({ results: { kind: 'schema', total: objects.length, objects } })
    )
    const items = Array.from({ length: 3000 }, (_, i) =>
      item(i % 3 === 0 ? 'Failed' : 'Success', `check ${i}`, 'm'.repeat(500))
    )
    // A passing precheck's items (the gate ran the comparison), 3,000 of them with long messages.
    model.state = state(
      'Success',
      items.map(i => ({ ...i, status: 'Success' }))
    )
    const before = { ...textWork }
    const html = renderSummary(model, safe)
    const searched = textWork.searched - before.searched
    const shaped = textWork.shaped - before.shaped
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(Buffer.byteLength(html)).toBeLessThan(MiB)
    // Both sections are there, each with what it could show and a count of the rest.
    const headings = html.match(/^#{2,4} .*$/gm)
    expect(headings).toEqual([
      '## ❌ NineData schema comparison found differences',
      '### Check items',
      '### Comparison run',
      '### Objects that differ',
      '#### Correction SQL'
    ])
    const blocks = html.match(/<details>/g)?.length ?? 0
    expect(blocks).toBeGreaterThan(0)
    const notes = html.match(/<p>[^<]*(not shown|more objects)[^<]*<\/p>/g)
    expect(notes).toEqual([
      expect.stringMatching(
        /^<p>\d+ more check items not shown: GitHub drops a job summary over 1 MiB\. The report-file output has every item\.<\/p>$/
      ),
      '<p>500 more not shown: the report-file output has every result.</p>',
      `<p>The SQL of ${1000 - blocks} more objects is in the correction-sql-file output.</p>`
    ])
    expect(
      html.includes('<tr><th align="left">Objects</th><td>1000 compared, 1000 differ</td></tr>')
    ).toBe(true)
    // Every block that is shown is whole.
    expect(html.match(/<\/details>/g)?.length).toBe(blocks)
    // Linear: what was sent (21.5 MB of SQL and messages) is searched for the secret and shaped
    // at most about once, however the budget cuts it.
    const sent =
      objects.reduce((n, o) => n + (o.correctSql?.length ?? 0), 0) +
      items.reduce((n, i) => n + i.errorMessage.length, 0)
    expect(searched).toBeLessThanOrEqual(1.5 * sent)
    expect(shaped).toBeLessThanOrEqual(sent)
  })

  it('cuts one object SQL at 20,000 characters in the summary, never in the SQL file', () => {
    const [big] = differingObjects(1, 200_000)
    const model = comparisonReport(
      runSeen({ results: { kind: 'schema', total: 1, objects: [big!] } })
    )
    const html = renderSummary(model, safe)
    const pre = /<pre>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? ''
    expect(pre.length).toBeLessThan(200_000)
    const file = correctionSqlText(model.run!.differences!, safe)
    expect(file).toContain(big!.correctSql)
  })
})

describe('annotations and outputs of a comparison run', () => {
  it('fit GitHub 10 a step, naming the first objects and counting the rest', () => {
    const objects = differingObjects(30, 100)
    const model = comparisonReport(runSeen({ results: { kind: 'schema', total: 30, objects } }))
    const annotations = planAnnotations(model, safe)
    expect(annotations).toHaveLength(9)
    expect(annotations.slice(0, 8).map(a => a.title)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Differs: shop.table_${i}`)
    )
    expect(annotations.every(a => a.level === 'error')).toBe(true)
    expect(annotations[8]).toMatchObject({ title: '22 more findings' })
    const soft = comparisonReport(
      runSeen({ results: { kind: 'schema', total: 30, objects } }),
      false
    )
    const warnings = planAnnotations(soft, safe)
    expect(warnings).toHaveLength(10)
    expect(warnings.every(a => a.level === 'warning')).toBe(true)
    expect(planOutputs(soft, safe).values).toMatchObject({
      'comparison-exec-id': '46958',
      'comparison-status': 'success',
      'difference-count': '30',
      'different-objects': '30'
    })
  })

  it('set no count when an object was not verified, and none before the run started', () => {
    const objects = [
      schemaObject('1', 'a', 'ALTER TABLE a ADD c INT;'),
      schemaObject('2', 'b', undefined)
    ]
    const model = comparisonReport(runSeen({ results: { kind: 'schema', total: 2, objects } }))
    const { values } = planOutputs(model, safe)
    expect(values['comparison-status']).toBe('success')
    expect(values['difference-count']).toBeUndefined()
    expect(values['different-objects']).toBeUndefined()
    const notStarted = comparisonReport(
      runSeen({
        execId: '',
        last: undefined,
        stage: 'start',
        ending: { how: 'error', message: 'no' }
      })
    )
    expect(Object.keys(planOutputs(notStarted, safe).values)).not.toContain('comparison-exec-id')
  })
})

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Pieces hostile text is made of: tags, Markdown, workflow commands, controls, the secret. */
const PIECES = [
  '<script>',
  '</details>',
  '<details open>',
  '</pre>',
  '<img src=x onerror=alert(1)>',
  '</td></tr></table>',
  '<!--',
  '-->',
  '&amp;',
  '&#60;',
  '\n::error::x\n',
  '##[group]',
  '\r\n',
  '\u0000',
  '\u202e',
  '\u2066',
  '`',
  '```',
  '|',
  '**',
  '[a](javascript:alert(1))',
  '@team',
  SECRET,
  SECRET.slice(0, 4),
  'ALTER TABLE t ',
  ' ',
  'é',
  '😀'
]

function hostileText(next: () => number): string {
  const n = Math.floor(next() * 12)
  return Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join('')
}

/** The summary's own tags; anything else came from the server. */
const OWN_TAGS = new Set(
  'p table thead tbody tr th td code strong sub br wbr details summary pre'.split(' ')
)

describe('server text in the comparison section (300 generated runs)', () => {
  it('never opens a tag, never unbalances <details>, never shows the secret', () => {
    const next = random(20_261_114)
    for (let run = 0; run < 300; run++) {
      const objects = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) =>
        schemaObject(String(i + 1), hostileText(next), next() < 0.7 ? hostileText(next) : '', {
          schemaName: hostileText(next)
        })
      )
      const model = comparisonReport(
        runSeen({ results: { kind: 'schema', total: objects.length, objects } })
      )
      const html = renderSummary(model, safe)
      const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(m => m[1]!.toLowerCase())
      expect([run, tags.filter(tag => !OWN_TAGS.has(tag))]).toEqual([run, []])
      expect([run, html.match(/<details>/g)?.length ?? 0]).toEqual([
        run,
        html.match(/<\/details>/g)?.length ?? 0
      ])
      expect([run, html.includes('<!--'), html.includes(SECRET)]).toEqual([run, false, false])
      // Log lines and annotation titles are one line each.
      for (const a of planAnnotations(model, safe)) {
        expect([run, /[\r\n]/.test(a.title + a.message)]).toEqual([run, false])
      }
      const sql = correctionSqlText(model.run!.differences!, safe)
      expect([run, sql.includes(SECRET)]).toEqual([run, false])
      for (const line of sql.split('\n').filter(l => l.startsWith('-- progressId'))) {
        expect([run, /\r/.test(line)]).toEqual([run, false])
      }
    }
  })
})
