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
function hexValue(text: string, from: number, count: number): number {
  let value = 0
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i)
    const digit =
      c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

/**
 * The encoded form that starts at `text[i]`, if any: a JSON escape (`\"`, `\u005f`), a URL escape
 * (`%5F`, `+` for a space) or an HTML character reference (`&#95;`, `&#x5f;`, `&amp;`). Returns
 * [decoded UTF-16 unit(s), length in text], or undefined when `text[i]` only stands for itself.
 */
function escapeAt(text: string, i: number): [string, number] | undefined {
  const c = text[i]
  if (c === '\\') {
    const next = text[i + 1]
    if (next === 'u') {
      const code = hexValue(text, i + 2, 4)
      return code >= 0 ? [String.fromCharCode(code), 6] : undefined
    }
    const simple = next === undefined ? undefined : JSON_ESCAPES[next]
    return simple === undefined ? undefined : [simple, 2]
  }
  if (c === '%') {
    // One byte of UTF-8; multi-byte characters are matched byte by byte against the UTF-8 target.
    const code = hexValue(text, i + 1, 2)
    return code >= 0 ? [String.fromCharCode(code), 3] : undefined
  }
  if (c === '+') return [' ', 1]
  if (c === '&') return entityAt(text, i)
  return undefined
}

function entityAt(text: string, i: number): [string, number] | undefined {
  // Entities are short: look no further than 10 characters (a scan to the end would be quadratic).
  const semicolon = text.slice(i + 1, i + 11).indexOf(';')
  if (semicolon < 0) return undefined
  const end = i + 1 + semicolon
  const name = text.slice(i + 1, end)
  let code: number | undefined
  if (/^#\d{1,7}$/.test(name)) code = Number(name.slice(1))
  else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16)
  if (code !== undefined)
    return code <= 0x10ffff ? [String.fromCodePoint(code), end - i + 1] : undefined
  const named = NAMED_ENTITIES[name]
  return named === undefined ? undefined : [named, end - i + 1]
}

function hex4(c: string): string {
  return c.charCodeAt(0).toString(16).padStart(4, '0')
}

/** Length in `text` of an encoded copy of `secret` starting at `start`, or 0. */
function matchAt(text: string, start: number, secret: string, bytes: string): number {
  // Two targets: the secret's UTF-16 units (plain, JSON, HTML) and its UTF-8 bytes (URL escapes).
  // At each position an escape is tried before the plain character, so `\\u005f` is read whole.
  for (const target of bytes === secret ? [secret] : [secret, bytes]) {
    let i = start
    let t = 0
    while (t < target.length && i < text.length) {
      const escaped = escapeAt(text, i)
      if (escaped && target.startsWith(escaped[0], t)) {
        t += escaped[0].length
        i += escaped[1]
      } else if (text.charCodeAt(i) === target.charCodeAt(t)) {
        t++
        i++
      } else {
        break
      }
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
