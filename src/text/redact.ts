// Finding a secret in text in every form a reader could decode, and hiding it. Pure (but for the
// work counter in text-work.ts) and linear in the text (times the secret's length).

import { textWork } from './text-work.js'

const MASK = '***'
const NAMED_ENTITIES: Record<string, number> = {
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  quot: 0x22,
  apos: 0x27,
  nbsp: 0xa0
}
/** JSON's two-character escapes: the character after the backslash -> the one it stands for. */
function jsonEscape(next: number): number {
  switch (next) {
    case 0x22: // "
    case 0x5c: // \
    case 0x2f: // /
      return next
    case 0x62: // b
      return 0x08
    case 0x66: // f
      return 0x0c
    case 0x6e: // n
      return 0x0a
    case 0x72: // r
      return 0x0d
    case 0x74: // t
      return 0x09
    default:
      return -1
  }
}
/** The characters an escape can start with: `\\`, `%`, `&`, `+`. */
const ESCAPE_STARTS = [0x5c, 0x25, 0x26, 0x2b]

function isEscapeStart(code: number): boolean {
  return ESCAPE_STARTS.includes(code)
}

/** Families of escapes a copy may be written in; a match reads only the families it is given. */
const JSON_ESCAPES = 1
const URL_ESCAPES = 2
const HTML_ESCAPES = 4
const ANY_ESCAPE = JSON_ESCAPES | URL_ESCAPES | HTML_ESCAPES

function hexValue(text: string, from: number, count: number): number {
  if (from + count > text.length) return -1
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

// The last escape read by escapeAt: the code it stands for (a UTF-16 unit for JSON, a byte for URL
// escapes, a code point for HTML) and its length in the text. Module state: the hot loop allocates nothing.
let escapedCode = 0
let escapedLength = 0

/**
 * Whether an escape of one of `families` starts at `text[i]`: a JSON escape (`\\"`, `\\u005f`), a URL
 * escape (`%5F`, `+` for a space) or an HTML character reference (`&#95;`, `&#x5f;`, `&amp;`).
 */
function escapeAt(text: string, i: number, families: number): boolean {
  const c = text.charCodeAt(i)
  if (families & URL_ESCAPES) {
    if (c === 0x2b) return found(0x20, 1)
    if (c === 0x25) {
      // One byte of UTF-8; multi-byte characters are matched byte by byte against the UTF-8 target.
      const code = hexValue(text, i + 1, 2)
      return code >= 0 && found(code, 3)
    }
  }
  if (c === 0x5c && families & JSON_ESCAPES) {
    const next = text.charCodeAt(i + 1)
    if (next === 0x75) {
      const code = hexValue(text, i + 2, 4)
      return code >= 0 && found(code, 6)
    }
    const simple = jsonEscape(next)
    return simple >= 0 && found(simple, 2)
  }
  return c === 0x26 && (families & HTML_ESCAPES) !== 0 && entityAt(text, i)
}

function found(code: number, length: number): true {
  escapedCode = code
  escapedLength = length
  return true
}

function entityAt(text: string, i: number): boolean {
  // Only `&#` or `&` and a letter can start a reference: most `&` are rejected without a scan.
  const next = text.charCodeAt(i + 1) | 0x20
  if (next !== 0x23 && (next < 0x61 || next > 0x7a)) return false
  // References are short: look no further than 10 characters (a scan to the end would be quadratic).
  let end = -1
  for (let j = i + 1; j <= i + 10 && j < text.length; j++) {
    if (text.charCodeAt(j) === 0x3b) {
      end = j
      break
    }
  }
  if (end < 0) return false
  const name = text.slice(i + 1, end)
  let code: number | undefined
  if (/^#\d{1,7}$/.test(name)) code = Number(name.slice(1))
  else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16)
  else code = NAMED_ENTITIES[name]
  return code !== undefined && code <= 0x10ffff && found(code, end - i + 1)
}

/**
 * Length in `text` of a copy of `target` starting at `start`, each character plain or written as an
 * escape of `families` (an escape is read before the plain character, so `\\u005f` is read whole);
 * or 0. JSON's `\\ud83d\\ude00` matches an emoji unit by unit, an HTML reference by code point.
 */
function matchTarget(text: string, start: number, target: string, families: number): number {
  let i = start
  let t = 0
  while (t < target.length && i < text.length) {
    textWork.searched++
    const code = text.charCodeAt(i)
    if (families !== 0 && isEscapeStart(code) && escapeAt(text, i, families)) {
      const astral = escapedCode > 0xffff
      if ((astral ? target.codePointAt(t) : target.charCodeAt(t)) === escapedCode) {
        t += astral ? 2 : 1
        i += escapedLength
        continue
      }
    }
    if (code !== target.charCodeAt(t)) return 0
    t++
    i++
  }
  return t === target.length ? i - start : 0
}

/** Length in `text` of an encoded copy of a secret starting at `start`, or 0. */
function matchAt(text: string, start: number, secret: Secret): number {
  // The secret's characters (plain, JSON, HTML, URL for ASCII), then its UTF-8 bytes (URL escapes),
  // each character plain or escaped in any family.
  const length = matchTarget(text, start, secret.text, ANY_ESCAPE)
  if (length > 0) return length
  if (secret.bytes !== secret.text) {
    const bytes = matchTarget(text, start, secret.bytes, ANY_ESCAPE)
    if (bytes > 0) return bytes
  }
  if (!secret.literalEscapes) return 0
  // A secret holding `%`, `\\` or `&` can be misread above (`%25` in it is read as one `%`): try it
  // as received, and in each family alone, as one encoder would write it.
  // The longest wins: a JSON-escaped copy also starts with a shorter copy as received.
  return Math.max(
    matchTarget(text, start, secret.text, 0),
    matchTarget(text, start, secret.text, JSON_ESCAPES),
    matchTarget(text, start, secret.bytes, URL_ESCAPES),
    matchTarget(text, start, secret.text, HTML_ESCAPES)
  )
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

interface Secret {
  text: string
  /** Its UTF-8 bytes as Latin-1 characters, for URL escapes. */
  bytes: string
  /** What a copy's first character can decode to: its first unit, code point or UTF-8 byte. */
  first: readonly number[]
  /** 1 for each UTF-16 code an encoded copy can start with. */
  starts: Uint8Array
  /** It holds a character that also starts an escape (`%`, `\\`, `&`). */
  literalEscapes: boolean
}

/** Sorted [start, end, start, end, ...] spans, overlapping or touching ones merged. */
function mergeSpans(spans: number[]): number[] {
  if (spans.length <= 2) return spans
  const order: number[] = []
  for (let k = 0; k < spans.length; k += 2) order.push(k)
  order.sort((a, b) => spans[a]! - spans[b]! || spans[b + 1]! - spans[a + 1]!)
  const merged: number[] = []
  for (const k of order) {
    const start = spans[k]!
    const end = spans[k + 1]!
    const last = merged.length - 1
    if (last > 0 && start <= merged[last]!) merged[last] = Math.max(merged[last]!, end)
    else merged.push(start, end)
  }
  return merged
}

/**
 * Finds a secret in text in every promised form (as received; JSON-escaped, surrogate pairs
 * included; URL-encoded; HTML-escaped; base64) and hides each copy as `***`. Linear in the text.
 */
export class Redactor {
  private readonly secrets: Secret[]
  private readonly cores: string[]

  constructor(secrets: readonly string[]) {
    const usable = [...new Set(secrets.filter(s => s.length > 0))]
    this.secrets = usable.map(text => {
      const bytes = Buffer.from(text, 'utf8').toString('latin1')
      // Where an encoded copy can start: its first character, plain or as a UTF-8 byte, or an escape.
      const starts = new Uint8Array(65536)
      for (const code of [text.charCodeAt(0), bytes.charCodeAt(0), ...ESCAPE_STARTS])
        starts[code] = 1
      const first = [text.charCodeAt(0), text.codePointAt(0) ?? -1, bytes.charCodeAt(0)]
      return { text, bytes, first, starts, literalEscapes: /[%\\&]/.test(text) }
    })
    this.cores = usable.flatMap(base64Cores)
  }

  get active(): boolean {
    return this.secrets.length > 0
  }

  /** Where `text` holds a copy of a secret: sorted, merged [start, end, ...] spans. */
  spans(text: string): number[] {
    if (!this.active || text.length === 0) return []
    const spans: number[] = []
    for (const secret of this.secrets) findCopies(text, secret, spans)
    for (const core of this.cores) {
      for (let at = text.indexOf(core); at >= 0; at = text.indexOf(core, at + core.length)) {
        spans.push(at, at + core.length)
      }
    }
    return mergeSpans(spans)
  }

  /** Whether `text` holds a copy of a secret in any form. */
  finds(text: string): boolean {
    return this.spans(text).length > 0
  }

  /** `text` with every decodable copy of a secret replaced by `***` (`spans`: its copies, if known). */
  redact(text: string, spans?: readonly number[]): string {
    return this.redactPrefix(text, text.length, spans).text
  }

  /**
   * The part of `text` before `limit`, secrets hidden; a copy that starts before `limit` is hidden
   * whole and ends the part. `end` is where in `text` the part ends. Copies are found in all of
   * `text`, so a copy cut at `limit` is never shown in part.
   */
  redactPrefix(
    text: string,
    limit: number,
    spans: readonly number[] = this.spans(text)
  ): { text: string; end: number } {
    if (spans.length === 0) return { text: text.slice(0, limit), end: Math.min(limit, text.length) }
    const parts: string[] = []
    let copied = 0
    for (let k = 0; k < spans.length && spans[k]! < limit; k += 2) {
      parts.push(text.slice(copied, spans[k]), MASK)
      copied = spans[k + 1]!
    }
    const end = Math.max(copied, Math.min(limit, text.length))
    parts.push(text.slice(copied, end))
    return { text: parts.join(''), end }
  }
}

/** Adds the spans of every encoded copy of `secret` in `text`, left to right, to `spans`. */
function findCopies(text: string, secret: Secret, spans: number[]): void {
  const { starts, first } = secret
  const [unit, point, byte] = first
  const isFirst = (code: number): boolean => code === unit || code === point || code === byte
  textWork.searched += text.length
  for (let at = 0; at < text.length; at++) {
    // Most characters cannot start a copy: one typed-array look-up, no allocation.
    const code = text.charCodeAt(at)
    if (starts[code] !== 1) continue
    // An escape that does not stand for the secret's first character starts no copy: a long run
    // of '&' or '%' costs one look at each, not a full match attempt in every family.
    if (!isFirst(code) && !(escapeAt(text, at, ANY_ESCAPE) && isFirst(escapedCode))) continue
    const length = matchAt(text, at, secret)
    if (length > 0) {
      spans.push(at, at + length)
      at += length - 1
    }
  }
}

/** Every string of a JSON value, keys included, one per line. Iterative: depth costs no stack. */
export function jsonStrings(value: unknown): string {
  const strings: string[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') strings.push(v)
    else if (Array.isArray(v)) for (const x of v) stack.push(x)
    else if (v !== null && typeof v === 'object') {
      for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
        strings.push(key)
        stack.push(x)
      }
    }
  }
  return strings.join('\n')
}
