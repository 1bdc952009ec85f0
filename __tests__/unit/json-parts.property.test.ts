import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { SafeText } from '../../src/text/safe-text.js'

// SafeText.jsonParts writes a large JSON array in parts (the report file of a 10,000-object run):
// joined, the parts are the JSON of the whole, and a secret is hidden in them as in one text, also
// where a copy runs across two values and the JSON syntax between them.

const RUNS = { seed: 20261203, numRuns: 300 }
const written = (safe: SafeText, values: unknown[]): string =>
  [...safe.jsonParts('{"objects":[', values, ']}')].join('')

const record = fc.record({
  progressId: fc.string({ maxLength: 12 }),
  result: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 40 }), {
    maxKeys: 4
  }),
  correctSql: fc.option(fc.string({ maxLength: 80 }))
})

describe('SafeText.jsonParts', () => {
  it('joins to the JSON of the whole when no secret is in it', () => {
    const safe = new SafeText(['Zq9-secret-that-is-never-there'])
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), values => {
        expect(written(safe, values)).toBe(JSON.stringify({ objects: values }))
      }),
      RUNS
    )
  })

  it('never shows a secret put anywhere, across values too, and stays JSON', () => {
    const split = fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.nat(), fc.nat())
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 2, maxLength: 20 }),
        split,
        fc.constantFrom('inside', 'across'),
        (values, [core, at, cut], where) => {
          // "across": the secret spells the syntax between two values, so only the joined text has it.
          const secret = where === 'across' ? `${core}"},{"progressId":"${core}` : `${core}-Zq9`
          const i = at % (values.length - 1)
          const entries = values.map(v => ({ ...v }))
          if (where === 'across') {
            entries[i] = { ...entries[i]!, correctSql: null, tail: core } as never
            entries[i + 1] = { progressId: `${core}${entries[i + 1]!.progressId}` } as never
          } else {
            const sql = entries[i]!.correctSql ?? ''
            const c = cut % (sql.length + 1)
            entries[i]!.correctSql = sql.slice(0, c) + secret + sql.slice(c)
          }
          const safe = new SafeText([secret])
          const text = written(safe, entries)
          expect(() => JSON.parse(text)).not.toThrow()
          expect(text).not.toContain(secret)
          expect(JSON.parse(text).objects).toHaveLength(entries.length)
        }
      ),
      RUNS
    )
  })

  it('gives up the later value when a copy runs across two of them (the check can fire)', () => {
    const secret = 'k1"},{"progressId":"k2'
    const safe = new SafeText([secret])
    const text = written(safe, [{ a: 'k1' }, { progressId: 'k2' }, { progressId: 'k3' }])
    expect(JSON.parse(text)).toEqual({ objects: [{ a: 'k1' }, '***', { progressId: 'k3' }] })
  })
})
