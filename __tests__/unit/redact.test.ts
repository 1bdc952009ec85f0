import { describe, expect, it } from '@jest/globals'
import { Redactor } from '../../src/text/redact.js'
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

  it('leaves text without the secret untouched and is fast on megabytes', () => {
    const text = `${'%&\\+ '.repeat(200_000)}${'a'.repeat(1_000_000)}`
    const started = Date.now()
    expect(redactor.redact(text)).toBe(text)
    // Generous: a quadratic scan would take minutes.
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

describe('SafeText', () => {
  const safe = new SafeText([SECRET])

  it('redacts before escaping, so the summary never shows an entity form of the secret', () => {
    const html = safe.html(`echo ${SECRET}`, 1000)
    expect(html).not.toContain('&#95;')
    expect(html).toBe('\u2068echo ***\u2069')
  })

  it('redacts strings and keys before JSON escapes them', () => {
    const json = safe.json({ [SECRET]: [SECRET, { deep: `x${SECRET}` }] })
    expect(json).not.toContain(JSON.stringify(SECRET).slice(1, -1))
    expect(JSON.parse(json)).toEqual({ '***': ['***', { deep: 'x***' }] })
  })

  it('makes a log line of any text: one line, no command at its start', () => {
    const line = safe.line(`x\n::error::forged\r\n::stop-commands::tok\u0000`)
    expect(/[\r\n]/.test(line) || line.includes('\u0000')).toBe(false)
    expect(line).toBe('x ⏎ ::error::forged ⏎ ::stop-commands::tok')
    expect(safe.line('::error::at start')).toBe('› ::error::at start')
    expect(safe.line('##[error]at start')).toBe('## [error]at start')
  })
})
