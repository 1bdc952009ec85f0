// Finding a secret in text in every form a reader could decode, and hiding it. Pure and linear in the
// text (times the secret's length).

const MASK = '***'
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0'
}
const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}
const HEX4 = /^[0-9a-fA-F]{4}$/
const HEX2 = /^[0-9a-fA-F]{2}$/

/**
 * The encoded characters that may start at `text[i]`: the character itself, a JSON escape (`\"`,
 * `\u005f`), a URL escape (`%5F`, `+` for a space) or an HTML character reference (`&#95;`, `&#x5f;`,
 * `&amp;`). Yields [decoded UTF-16 unit(s), length in text].
 */
function* decodedAt(text: string, i: number): Generator<[string, number]> {
  const c = text[i]
  if (c === undefined) return
  yield [c, 1]
  if (c === '\\') {
    const next = text[i + 1]
    if (next === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
      yield [String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), 6]
    } else if (next !== undefined && JSON_ESCAPES[next] !== undefined) {
      yield [JSON_ESCAPES[next], 2]
    }
  } else if (c === '%' && HEX2.test(text.slice(i + 1, i + 3))) {
    // One byte of UTF-8; multi-byte characters are matched byte by byte below.
    yield [String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16)), 3]
  } else if (c === '+') {
    yield [' ', 1]
  } else if (c === '&') {
    const end = text.indexOf(';', i + 1)
    if (end > i && end - i <= 10) {
      const name = text.slice(i + 1, end)
      let code: number | undefined
      if (/^#\d{1,7}$/.test(name)) code = Number(name.slice(1))
      else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16)
      if (code !== undefined && code <= 0x10ffff) yield [String.fromCodePoint(code), end - i + 1]
      else if (NAMED_ENTITIES[name] !== undefined) yield [NAMED_ENTITIES[name], end - i + 1]
    }
  }
}

function hex4(c: string): string {
  return c.charCodeAt(0).toString(16).padStart(4, '0')
}

/** Length in `text` of an encoded copy of `secret` starting at `start`, or 0. */
function matchAt(text: string, start: number, secret: string, bytes: string): number {
  // Two targets: the secret's UTF-16 units (plain, JSON, HTML) and its UTF-8 bytes (URL escapes).
  for (const target of bytes === secret ? [secret] : [secret, bytes]) {
    let i = start
    let t = 0
    while (t < target.length) {
      let advanced = false
      for (const [decoded, length] of decodedAt(text, i)) {
        if (target.startsWith(decoded, t)) {
          t += decoded.length
          i += length
          advanced = true
          break
        }
      }
      if (!advanced) break
    }
    if (t === target.length) return i - start
  }
  return 0
}

/** The parts of base64 that only depend on the secret, at each of the three byte alignments. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8')
  const cores = new Set<string>()
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes])
    const b64 = padded.toString('base64')
    const from = Math.ceil((8 * shift) / 6)
    const to = Math.floor((8 * padded.length) / 6)
    const core = b64.slice(from, to)
    // Too short a core would hide ordinary text; the plain forms still cover short secrets.
    if (core.length >= 6) {
      cores.add(core)
      cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'))
    }
  }
  return [...cores]
}

export class Redactor {
  private readonly secrets: { text: string; bytes: string; first: RegExp }[]
  private readonly cores: string[]

  constructor(secrets: readonly string[]) {
    const usable = [...new Set(secrets.filter(s => s.length > 0))]
    // Longest first, so a secret that contains another is hidden whole.
    usable.sort((a, b) => b.length - a.length)
    this.secrets = usable.map(text => {
      const bytes = Buffer.from(text, 'utf8').toString('latin1')
      // Where an encoded copy can start: a regex jumps there natively, so long text stays fast.
      const starts = [...new Set([text[0]!, bytes[0]!, '\\', '%', '&', '+'])]
      const first = new RegExp(`[${starts.map(c => `\\u${hex4(c)}`).join('')}]`, 'g')
      return { text, bytes, first }
    })
    this.cores = usable.flatMap(base64Cores)
  }

  get active(): boolean {
    return this.secrets.length > 0
  }

  /** `text` with every decodable copy of a secret replaced by `***`. */
  redact(text: string): string {
    if (!this.active || text.length === 0) return text
    let out = text
    for (const secret of this.secrets) out = this.hide(out, secret)
    for (const core of this.cores) if (out.includes(core)) out = out.split(core).join(MASK)
    return out
  }

  private hide(text: string, secret: { text: string; bytes: string; first: RegExp }): string {
    const parts: string[] = []
    let copied = 0
    const first = secret.first
    first.lastIndex = 0
    for (let found = first.exec(text); found; found = first.exec(text)) {
      const at = found.index
      const length = matchAt(text, at, secret.text, secret.bytes)
      if (length > 0) {
        parts.push(text.slice(copied, at), MASK)
        copied = at + length
        first.lastIndex = copied
      }
    }
    if (parts.length === 0) return text
    parts.push(text.slice(copied))
    return parts.join('')
  }
}
