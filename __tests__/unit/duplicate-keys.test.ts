import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { findDuplicateKey } from '../../src/ninedata/duplicate-keys.js'
import { readEnvelope } from '../../src/ninedata/envelope.js'
import { ApiError } from '../../src/ninedata/api-errors.js'
import { countingText } from '../helpers/counting-text.js'

// A key written twice in one object is never read as the documented shape, wherever it is and
// however its name is escaped.

const RUNS = { seed: 20261115, numRuns: 300 }

/** A JSON key spelled with some characters as \uXXXX escapes (or a two-character escape). */
function spell(key: string, escapeMask: number[]): string {
  let out = ''
  for (const [i, c] of [...key].entries()) {
    const code = c.codePointAt(0)!
    if ((escapeMask[i % escapeMask.length] ?? 0) % 3 === 0 && code <= 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`
    } else {
      out += JSON.stringify(c).slice(1, -1)
    }
  }
  return `"${out}"`
}

const PLAIN = /^[A-Za-z_$][\w$]*$/

/**
 * JSON text of `value` in which the `target`-th object with a key (in document order) repeats one
 * of its keys at its end, spelled differently; returns the expected key and path when it did.
 */
function withDuplicate(
  value: unknown,
  target: number,
  escapeMask: number[],
  extra: string
): { text: string; expected?: { key: string; path: string } } {
  let objects = 0
  const count = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return
    if (!Array.isArray(v) && Object.keys(v).length > 0) objects++
    for (const x of Object.values(v)) count(x)
  }
  count(value)
  target = target % Math.max(1, objects)
  let seen = 0
  let expected: { key: string; path: string } | undefined
  const walk = (v: unknown, path: string): string => {
    if (Array.isArray(v)) return `[${v.map((x, i) => walk(x, `${path}[${i}]`)).join(',')}]`
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    const keys = Object.keys(v)
    const at = (key: string) =>
      PLAIN.test(key) ? (path === '' ? key : `${path}.${key}`) : `${path}[${JSON.stringify(key)}]`
    const parts = keys.map(
      key => `${JSON.stringify(key)}:${walk((v as Record<string, unknown>)[key], at(key))}`
    )
    if (keys.length > 0 && seen++ === target) {
      const key = keys[target % keys.length]!
      parts.push(`${spell(key, escapeMask)}:${extra}`)
      expected = { key, path: at(key) }
    }
    return `{${parts.join(',')}}`
  }
  const text = walk(value, '')
  return expected ? { text, expected } : { text }
}

const jsonValue = fc.jsonValue({ maxDepth: 5 })
/** An envelope-like root: an object with at least one key, nesting anything. */
const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }), { minKeys: 1 })

describe('findDuplicateKey', () => {
  it('finds nothing in JSON that has no repeated key (generated)', () => {
    fc.assert(
      fc.property(jsonValue, value => {
        expect(findDuplicateKey(JSON.stringify(value, null, 1))).toBeUndefined()
      }),
      RUNS
    )
  })

  it('names a repeated key and where it is, however it is escaped (generated)', () => {
    fc.assert(
      fc.property(
        jsonObject,
        fc.nat(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.oneof(fc.constant('"Success"'), fc.constant('{"a":[1,"}"]}'), fc.constant('null')),
        (value, target, mask, extra) => {
          const { text, expected } = withDuplicate(value, target, mask, extra)
          JSON.parse(text) // the scanner is only ever given valid JSON
          expect(expected).toBeDefined()
          expect(findDuplicateKey(text)).toEqual(expected)
        }
      ),
      RUNS
    )
  })

  it('reads strings with escaped quotes and backslashes as strings', () => {
    expect(findDuplicateKey('{"a":"\\\\","b":"\\"a\\":1,","c":{"a":2}}')).toBeUndefined()
    expect(findDuplicateKey('{"a\\\\":1,"a\\u005c":2}')).toEqual({ key: 'a\\', path: '["a\\\\"]' })
    expect(findDuplicateKey('[{"x":1},{"x":2,"y":[{"z":1,"z":2}]}]')).toEqual({
      key: 'z',
      path: '[1].y[0].z'
    })
  })
})

describe('readEnvelope and repeated keys', () => {
  const body = (data: string) => `{"success":true,"requestId":"r-9","data":${data}}`
  const read = (text: string) =>
    readEnvelope({ httpStatus: 200, statusText: '', headers: {}, body: text }, 0)

  for (const [where, text, path] of [
    ['the envelope', '{"success":false,"success":true,"data":{}}', 'success'],
    [
      'data',
      body('{"status":"Failed","precheckItems":[],"st\\u0061tus":"Success"}'),
      'data.status'
    ],
    [
      'an item',
      body(
        `{"status":"Success","precheckItems":[${'{"status":"Success"},'.repeat(3)}{"status":"Failed","status":"Success"}]}`
      ),
      'data.precheckItems[3].status'
    ]
  ] as const) {
    it(`is a protocol error naming the key and its place, in ${where}`, () => {
      const result = read(text)
      expect(result).toBeInstanceOf(ApiError)
      const error = result as ApiError
      expect(error.kind).toBe('protocol')
      expect(error.message).toContain(`(at ${path})`)
      expect(error.message).toMatch(/the key "(success|status)" twice in one object/)
    })
  }

  it('keeps the requestId for support', () => {
    expect((read(body('{"a":1,"a":1}')) as ApiError).requestId).toBe('r-9')
  })

  it('stays linear: each character of a large answer is read a bounded number of times', () => {
    const item =
      '{"precheckItem":"c","itemName":"n \\"q\\" \\\\","status":"Success","errorMessage":""}'
    const readsFor = (bytes: number): { reads: number; length: number } => {
      const items = new Array(Math.ceil(bytes / item.length)).fill(item).join(',')
      const text = countingText(body(`{"status":"Success","precheckItems":[${items}]}`))
      expect(findDuplicateKey(text.text)).toBeUndefined()
      return { reads: text.reads(), length: text.text.length }
    }
    const small = readsFor(256 * 1024)
    const large = readsFor(2 * 1024 * 1024)
    // Eight times the answer, eight times the reading (within one item's worth), and never more
    // than a couple of reads a character.
    expect(large.reads / large.length).toBeLessThanOrEqual(small.reads / small.length + 0.01)
    expect(large.reads).toBeLessThanOrEqual(2 * large.length)
  })
})
