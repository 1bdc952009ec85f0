import { describe, expect, it } from '@jest/globals'
import { Redactor } from '../../src/text/redact.js'
import { textWork } from '../../src/text/text-work.js'
import { SafeText } from '../../src/text/safe-text.js'

// The secret is hidden in every form a reader could decode, whatever its length.

const SECRET = 'ab_c"d\\e&f-Key9'

function forms(secret: string): Record<string, string> {
  return {
    plain: secret,
    json: JSON.stringify(secret).slice(1, -1),
    jsonUnicode: [...secret]
      .map(c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join(''),
    url: encodeURIComponent(secret),
    urlAll: [...Buffer.from(secret)].map(b => `%${b.toString(16).padStart(2, '0')}`).join(''),
    htmlDecimal: [...secret].map(c => `&#${c.charCodeAt(0)};`).join(''),
    htmlHex: [...secret].map(c => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
    htmlNamed: secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;'),
    base64: Buffer.from(secret).toString('base64'),
    base64Url: Buffer.from(secret).toString('base64url')
  }
}

describe('Redactor', () => {
  const redactor = new Redactor([SECRET])
  for (const [name, form] of Object.entries(forms(SECRET))) {
    it(`hides the secret written as ${name}`, () => {
      const out = redactor.redact(`before ${form} after`)
      expect(out).toContain('***')
      expect(out).not.toContain(form)
      expect(out.startsWith('before ')).toBe(true)
    })
  }

  it('hides a secret inside longer base64 at every alignment', () => {
    for (const prefix of ['', 'x', 'xy']) {
      const b64 = Buffer.from(`${prefix}${SECRET}tail`).toString('base64')
      expect(redactor.redact(b64)).toContain('***')
    }
  })

  it('hides a mix of escaped and plain characters', () => {
    expect(redactor.redact('ab\\u005fc\\"d%5Ce&amp;f-Key9')).toBe('***')
  })

  it('hides secrets of one to three characters too', () => {
    expect(new Redactor(['x']).redact('xyz x')).toBe('***yz ***')
    expect(new Redactor(['ab']).redact('cab, &#97;b')).toBe('c***, ***')
  })

  it('leaves text without the secret untouched, reading each character a bounded number of times', () => {
    // Every '%', '&', '\\' and '+' could start an escape, and 'a' is the secret's first character.
    const readFor = (n: number): number => {
      const text = `${'%&\\+ '.repeat(n)}${'a'.repeat(5 * n)}`
      const before = textWork.searched
      expect(redactor.redact(text)).toBe(text)
      return textWork.searched - before
    }
    const small = readFor(20_000)
    const large = readFor(200_000)
    // Linear: ten times the text is ten times the reading, and a few reads a character at most
    // (each 'a' is tried as a start in five forms; a quadratic scan would read ~n per character).
    expect(large).toBeLessThanOrEqual(10 * small + 100)
    expect(large).toBeLessThanOrEqual(8 * 10 * 200_000)
  })
})

describe('SafeText', () => {
  const safe = new SafeText([SECRET])

  it('redacts before escaping, so the summary never shows an entity form of the secret', () => {
    const html = safe.html(`echo ${SECRET}`, 1000)
    expect(html).not.toContain('&#95;')
    expect(html).toBe('echo ***')
  })

  it('redacts strings and keys before JSON escapes them', () => {
    const json = safe.json({ [SECRET]: [SECRET, { deep: `x${SECRET}` }] })
    expect(json).not.toContain(JSON.stringify(SECRET).slice(1, -1))
    expect(JSON.parse(json)).toEqual({ '***': ['***', { deep: 'x***' }] })
  })

  describe('long texts, searched once and remembered', () => {
    const long = (inner: string): string => `${'&'.repeat(100_000)}${inner}${'x'.repeat(100_000)}`

    it('hides a copy deep inside a long text on every surface, each time it is asked', () => {
      const text = long(` ${SECRET} `)
      for (let i = 0; i < 2; i++) {
        expect(safe.value(text)).toBe(long(' *** '))
        expect(safe.json({ a: text, b: [text] })).toBe(
          JSON.stringify({ a: long(' *** '), b: [long(' *** ')] })
        )
      }
    })

    it('hides a copy next to the quotes of a long string, and one across the JSON syntax', () => {
      const fresh = new SafeText(['a","b-Zq9'])
      const big = 'y'.repeat(100_000)
      // Searched as a value first, so the JSON text's search skips the inside of the long string.
      expect(fresh.value(big)).toBe(big)
      const across = fresh.json([`${big}a`, 'b-Zq9'])
      expect(across).not.toContain('b-Zq9')
      expect(fresh.json({ k: `a","b-Zq9${big}` })).not.toContain('b-Zq9')
      expect(fresh.json({ k: `${big}a","b-Zq9` })).not.toContain('b-Zq9')
      expect(fresh.json({ k: big })).toBe(JSON.stringify({ k: big }))
    })

    it('searches a long text once, whichever surfaces show it', () => {
      const fresh = new SafeText([SECRET])
      const text = long('')
      const before = textWork.searched
      fresh.value(text)
      const once = textWork.searched - before
      expect(once).toBeGreaterThanOrEqual(text.length)
      fresh.value(text)
      fresh.json({ items: [{ message: text }], failed: [{ message: text }] })
      fresh.line(text, 1000)
      fresh.html(text, 1000)
      // The second value and the two copies in the JSON are not searched again; the line and the
      // HTML search only the part they show (plus room for a copy cut at the edge).
      expect(textWork.searched - before - once).toBeLessThan(text.length / 4)
    })
  })

  it('makes a log line of any text: one line, no command at its start', () => {
    const line = safe.line(`x\n::error::forged\r\n::stop-commands::tok\u0000`)
    expect(/[\r\n]/.test(line) || line.includes('\u0000')).toBe(false)
    expect(line).toBe('x ⏎ ::error::forged ⏎ ::stop-commands::tok')
    expect(safe.line('::error::at start')).toBe('› ::error::at start')
    expect(safe.line('##[error]at start')).toBe('## [error]at start')
  })
})
