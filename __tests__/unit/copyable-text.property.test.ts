import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { renderComment } from '../../src/pull-request/comment-body.js'
import { markerFor } from '../../src/pull-request/comment-marker.js'
import { commentViewOf } from '../../src/pull-request/comment-view.js'
import { renderSummary } from '../../src/report/job-summary.js'
import { SafeText } from '../../src/text/safe-text.js'
import { visibleText } from '../helpers/action-runner.js'
import { comparisonReport, runSeen, schemaObject } from '../helpers/comparison.js'
import { item, report, state } from '../helpers/builders.js'

// What a reader copies from the job summary or the pull request comment (a table name, a GRANT,
// an object's SQL) carries no character they could not see: the renderers add none, and every
// bidi control or other invisible character in server text is written out (`<U+202E>`).

const safe = new SafeText(['s3cr_t-Zq9'])

/** Added by earlier versions of the renderers: a zero-width space, the bidi isolation marks. */
const ADDED = /[\u200b\u2066-\u2069]|&#8203;|&#x200b;/i

const BIDI = [
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069'
]
const INVISIBLE = [...BIDI, '\u200b', '\u0000', '\u0007', '\u001b', '\u00ad', '\u2060', '\ufeff']

const codePoint = (c: string): string =>
  `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`

/** Server text: plain words, SQL with a quoted account, mentions, references, invisible characters. */
const serverText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'GRANT SELECT ON db.* TO ',
        "'app'@'%'",
        '@team ',
        '#12 ',
        'users',
        ' ',
        '\n'
      ),
      fc.constantFrom(...INVISIBLE),
      fc.string({ maxLength: 6 })
    ),
    { maxLength: 12 }
  )
  .map(parts => parts.join(''))

const context = { marker: markerFor('cc-1'), commit: 'c0ffee1' }

function rendered(name: string, message: string, sql: string): string[] {
  const precheck = report(
    'finished',
    state('Failed', [item('Failed', name, message), item('Success', 'Other check')])
  )
  const run = comparisonReport(
    runSeen({
      results: { kind: 'schema', total: 1, objects: [schemaObject('1', name, sql)] }
    })
  )
  return [
    renderSummary(precheck, safe),
    renderSummary(run, safe),
    renderComment(commentViewOf(precheck), context, safe),
    renderComment(commentViewOf(run), context, safe)
  ]
}

describe('text a user can copy (generated)', () => {
  it('no summary or comment holds a zero-width space or a bidi isolation mark', () => {
    fc.assert(
      fc.property(serverText, serverText, serverText, (name, message, sql) => {
        for (const html of rendered(name, message, sql)) expect(html).not.toMatch(ADDED)
      }),
      { numRuns: 200, seed: 20_261_203 }
    )
  })

  it('every invisible character of server text is shown as its code point', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INVISIBLE), serverText, (char, around) => {
        const message = `${around}${char}${around}`
        const sql = `ALTER TABLE t${char} ADD c INT;`
        for (const html of rendered(`check ${char} one`, message, sql)) {
          expect(html).not.toContain(char)
          const shown = visibleText(html)
          const count = shown.split(codePoint(char)).length - 1
          // In the item's name (once or twice: table, failed list) and message, and the SQL.
          expect(count).toBeGreaterThanOrEqual(2)
        }
      }),
      { numRuns: 200, seed: 20_261_204 }
    )
  })

  it("a suggested GRANT copied from the comment is NineData's text, and @ names no one", () => {
    const fix = "Suggested fix: GRANT SELECT ON *.* TO 'dms_reader'@'%'; ask @dba-team (#42)"
    const precheck = report('finished', state('Failed', [item('Failed', 'Privileges', fix)]))
    const body = renderComment(commentViewOf(precheck), context, safe)
    expect(visibleText(body)).toContain(fix)
    // GitHub links a mention or reference within one piece of text: a <wbr> parts each.
    expect(body).toContain('&#64;<wbr>dba-team')
    expect(body).toContain('&#35;<wbr>42')
    const texts = body.split(/<[^>]*>/).map(piece => visibleText(piece))
    expect(texts.filter(piece => /@\w|#\d/.test(piece))).toEqual([])
  })
})
