import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { cleanText, flattenLine, showInvisible, visible } from '../../src/text/clean.js'
import { Redactor } from '../../src/text/redact.js'
import { SafeText } from '../../src/text/safe-text.js'
import { LIMITS } from '../../src/text/wording.js'

// Generated secrets, echoed in every promised form inside generated server text: no surface of
// SafeText shows the secret, a large part of it, or the secret as the action's own shaping would
// render it (whitespace collapsed, controls dropped), in any form a reader could decode.

const RUNS = { seed: 20261117, numRuns: 300 }

const char = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map(c => String.fromCodePoint(c))
const secretPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'abcdXYZ0189-_') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...['%', '%25', '%2', '%%', '\\', '\\\\', '&', '&amp;', '&#', '+', '"', "'", '<', '>'],
      ...['.', '*', '?', '^', '$', '{', '}', '(', ')', '|', '[', ']', '/', '#', ':', '@', '`']
    )
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(' ', '  ', '\t', '\u00a0', '\r\n', '\n', '\u2028', ' \t ', '   ')
  },
  { weight: 2, arbitrary: char(0xa1, 0xd7ff) },
  { weight: 2, arbitrary: char(0x1f300, 0x1faff) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u200b', '\u202e', '\u0085') }
)
const secretArb = fc
  .array(secretPiece, { minLength: 1, maxLength: 60 })
  .map(pieces => pieces.join(''))
  .filter(s => s.length >= 1 && s.length <= 200)

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')
const bytesOf = (s: string) => [...Buffer.from(s, 'utf8')]

/** The forms the action promises to find a secret in, as an encoder would write them. */
const FORMS: Record<string, (s: string) => string> = {
  plain: s => s,
  json: s => JSON.stringify(s).slice(1, -1),
  // As Python's json.dumps writes it: everything outside ASCII as \uXXXX, astral as surrogate pairs.
  jsonAscii: s =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[^ -~]/g, c => `\\u${hex(c.charCodeAt(0), 4)}`),
  jsonSurrogates: s =>
    Array.from({ length: s.length }, (_, i) => `\\u${hex(s.charCodeAt(i), 4)}`).join(''),
  visible: s => visible(s),
  url: s => encodeURIComponent(s),
  urlForm: s => encodeURIComponent(s).replace(/%20/g, '+'),
  urlAllBytes: s =>
    bytesOf(s)
      .map(b => `%${hex(b, 2).toUpperCase()}`)
      .join(''),
  base64: s => Buffer.from(s).toString('base64'),
  base64InLonger: s => Buffer.from(`x${s}tail`).toString('base64'),
  base64Url: s => Buffer.from(`yz${s}`).toString('base64url'),
  htmlNamed: s =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  htmlDecimal: s => [...s].map(c => `&#${c.codePointAt(0)};`).join(''),
  htmlHex: s => [...s].map(c => `&#x${hex(c.codePointAt(0)!, 1)};`).join('')
}
const FORM_NAMES = Object.keys(FORMS)

const filler = fc.oneof(
  fc.constantFrom('error: ', 'the key ', 'task ', '::error::', '##[group]', ' — ', '\n', '\r\n'),
  fc.constantFrom('%', '&', '\\', '+', '%2', '&#', '\u0000', '\u200b', '\t', '"', '*'),
  fc.integer({ min: 1, max: 25_000 }).map(n => ' '.repeat(n)),
  fc.integer({ min: 1, max: 3_000 }).map(n => ' \t\n'.repeat(n)),
  fc.string({ maxLength: 20 }),
  char(0x1f300, 0x1faff)
)

type Surface = (safe: SafeText, text: string) => string
const SURFACES: Record<string, Surface> = {
  line: (safe, t) => safe.line(t),
  lineId: (safe, t) => safe.line(t, LIMITS.id),
  lineShort: (safe, t) => safe.line(t, 12),
  html: (safe, t) => safe.html(t, LIMITS.message),
  htmlName: (safe, t) => safe.html(t, LIMITS.name),
  code: (safe, t) => safe.code(t),
  value: (safe, t) => safe.value(t),
  json: (safe, t) => safe.json({ message: t, [t]: [t, { deep: t }] })
}
const SURFACE_NAMES = Object.keys(SURFACES)

/** What must not show: the secret, as the action's shaping would render it, and most of it. */
function leakFinder(secret: string): Redactor {
  const shown = [secret, flattenLine(secret), cleanText(secret), showInvisible(secret)]
  if (secret.length >= 8) shown.push(secret.slice(0, Math.ceil((secret.length * 3) / 4)))
  return new Redactor(shown.filter(s => s.length > 0))
}

/** Text the action itself writes around server text: a secret found in it says nothing of leaks. */
const MARKUP = [
  '… (0123456789 more characters)',
  ' ⏎ › ## [ *** "" <U+0000> <br> <wbr> &#42;&amp;&lt;&gt;&quot;&#39;&#124;&#96;&#95;&#91;&#93;',
  '&#92;&#126;&#35;&#64;&#58;&#33;&#36; {"message":"","deep":[]}'
].join('\n')

const scenario = fc.record({
  secret: secretArb,
  parts: fc.array(
    fc.tuple(filler, fc.constantFrom(...FORM_NAMES), fc.array(filler, { maxLength: 2 })),
    { minLength: 1, maxLength: 4 }
  ),
  surface: fc.constantFrom(...SURFACE_NAMES)
})

describe('SafeText never shows the secret, in any form or part (generated)', () => {
  it('for secrets echoed in every promised form, on every surface', () => {
    fc.assert(
      fc.property(scenario, ({ secret, parts, surface }) => {
        const safe = new SafeText([secret.trim(), secret])
        const shape = SURFACES[surface]!
        const text = parts
          .map(([before, form, after]) => before + FORMS[form]!(secret) + after.join(''))
          .join('')
        // The same text with each copy already masked: what shows there is filler and markup, which a
        // short secret can be part of by chance; such cases say nothing about leaks.
        const control = parts.map(([before, , after]) => `${before}***${after.join('')}`).join('')
        const leaks = leakFinder(secret)
        fc.pre(!leaks.finds(MARKUP) && !leaks.finds(shape(safe, control)))
        const out = shape(safe, text)
        expect(out.includes(secret)).toBe(false)
        expect(leaks.finds(out)).toBe(false)
      }),
      RUNS
    )
  })
})

describe('the cases that leaked through the action’s own shaping', () => {
  const secret = 'ab_c"d\\e&f-Key9'
  const safe = new SafeText([secret])
  const leaks = leakFinder(secret)

  it('thousands of spaces before the secret: hidden whole, never cut to all but its last characters', () => {
    // Swept across the sizes where a surface stops reading (its limit times 4, plus 1 KiB, plus room).
    for (const max of [LIMITS.id, LIMITS.reason]) {
      const from = max * 4 + 1024 - 20
      for (let spaces = from; spaces < from + 260; spaces++) {
        const text = `${' '.repeat(spaces)}${secret} and then more`
        for (const out of [safe.line(text, max), safe.html(text, max), safe.code(text, max)]) {
          expect(leaks.finds(out)).toBe(false)
        }
      }
    }
  })

  it('a secret holding whitespace is not shown with its whitespace normalised', () => {
    for (const ws of ['  ', '\t', '\u00a0', '\r\n', '\n \n']) {
      const spaced = `pa${ws}ss-Zq9${ws}word`
      const s = new SafeText([spaced])
      const finder = leakFinder(spaced)
      for (const out of [
        s.line(`refused: ${spaced}.`),
        s.html(`x ${spaced}`, 600),
        s.code(spaced)
      ]) {
        expect(finder.finds(out)).toBe(false)
        expect(out).toMatch(/\*\*\*|&#42;&#42;&#42;/)
      }
    }
  })

  it('a secret holding an emoji is found in \\ud83d\\ude00 escapes, the action’s own visible() included', () => {
    const emoji = 'key-😀-Zq9'
    const s = new SafeText([emoji])
    expect(s.line(`status ${visible(emoji)}`)).toBe('status "***"')
    expect(s.line(JSON.stringify({ m: emoji }).replace('😀', '\\ud83d\\ude00'))).toBe('{"m":"***"}')
  })

  it('a secret holding %-sequences is found as received, URL-encoded and JSON-escaped', () => {
    const percent = 'pa%25ss%2F-Zq9\\'
    const s = new SafeText([percent])
    for (const form of [percent, encodeURIComponent(percent), JSON.stringify(percent)]) {
      expect(s.line(`refused: ${form}`)).toBe(
        form.startsWith('"') ? 'refused: "***"' : 'refused: ***'
      )
    }
  })

  it('a copy made by the shaping itself is hidden too', () => {
    const s = new SafeText(['sec ret-Zq9'])
    expect(s.line('sec \u0000  \t ret-Zq9!')).toBe('***!')
    expect(s.html('sec\u0007 ret-Zq9', 100)).toBe('***')
  })

  it('a copy that spans JSON syntax gives up the value, not the secret', () => {
    const s = new SafeText(['a","b-Zq9'])
    const out = s.json(['a', 'b-Zq9'])
    expect(leakFinder('a","b-Zq9').finds(out)).toBe(false)
    expect(() => JSON.parse(out)).not.toThrow()
  })
})
