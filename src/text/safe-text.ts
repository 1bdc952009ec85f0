import {
  cleanText,
  codeText,
  flattenLine,
  htmlBlock,
  inertLine,
  shorten,
  showInvisible,
  xmlChars,
  xmlEscape
} from './clean.js'
import { Redactor } from './redact.js'
import { textWork } from './text-work.js'
import { LIMITS } from './wording.js'

// The output boundary's toolbox: every text that leaves the action (log, annotations, outputs, summary,
// report file, errors) goes through one of these. The order matters: the secret is found in the text
// exactly as received, before anything is cut, collapsed or dropped; then the text is shaped for its
// surface (which can put a copy together, e.g. by dropping a control character inside it or
// collapsing whitespace), then hidden again, and only then shortened and escaped. The mask `***` holds
// no character any shaping step changes, joins or splits, so a hidden copy stays hidden.

/** Text is shaped from at most this multiple of the shown length (plus 1 KiB): room for whitespace
 * the shaping collapses, bounded so a 60 MB message costs no more than a short one. */
const PRE_CUT_FACTOR = 4
/** A text this long is searched once and its copies remembered: the same server text reaches the
 * log, annotations, summary, outputs and report file, and a search of 40 MB is not free. */
const REMEMBER_FROM = 64 * 1024

export class SafeText {
  private readonly redactor: Redactor
  /** Room past a cut for the longest encoded copy of a secret (`&#x00005F;`: 10 per character). */
  private readonly margin: number
  /** Copies found in long texts, by text (a long string's hash is cheap: V8 hashes its length). */
  private readonly known = new Map<string, number[]>()

  constructor(secrets: readonly string[]) {
    this.redactor = new Redactor(secrets)
    this.margin = 12 * Math.max(0, ...secrets.map(s => s.length)) + 16
  }

  /** The secret hidden, nothing else changed: for outputs and the report file. */
  value(text: string): string {
    return this.redactor.redact(text, this.spans(text))
  }

  /** One inert log line. */
  line(text: string, max: number = LIMITS.reason): string {
    const part = this.hidden(text, max)
    textWork.shaped += part.text.length
    const line = this.redactor.redact(inertLine(flattenLine(part.text)))
    return this.cut(line, max, part.dropped)
  }

  /**
   * Escaped HTML for the job summary and the comment, invisible characters written out. When
   * leaving them out would spell the secret (`sec<U+0007>ret`), they are left out and it is hidden.
   */
  html(text: string, max: number): string {
    const part = this.hidden(text, max)
    textWork.shaped += part.text.length
    const joined = cleanText(part.text)
    if (this.redactor.finds(joined))
      return htmlBlock(this.cut(this.redactor.redact(joined), max, part.dropped))
    // Without an invisible character both shapings are the same text, already searched.
    const shown = showInvisible(part.text)
    const shaped = shown.length === joined.length ? joined : this.redactor.redact(shown)
    return htmlBlock(this.cut(shaped, max, part.dropped))
  }

  /**
   * Escaped XML for the JUnit report: characters XML 1.0 forbids and invisible controls dropped;
   * `oneLine` for names and attributes, else newlines are kept (SQL, messages).
   */
  xml(text: string, max: number, oneLine = false): string {
    const part = this.hidden(text, max)
    const kept = xmlChars(part.text)
    const shaped = this.redactor.redact(oneLine ? flattenLine(kept) : cleanText(kept))
    return xmlEscape(this.cut(shaped, max, part.dropped))
  }

  /** An ID for <code> in the job summary. */
  code(text: string, max: number = LIMITS.id): string {
    return codeText(this.line(text, max))
  }

  /**
   * JSON of a value with every string (keys included) redacted. The value is not changed. `plain` is
   * its JSON when the caller already made it.
   */
  json(value: unknown, plain: string = JSON.stringify(value)): string {
    // Fast path: no copy in any string as it is (JSON.stringify escapes an escaped copy once more,
    // so the JSON text alone would hide it) nor in the JSON text (a copy across its syntax).
    if (!this.redactor.active) return plain
    if (!this.findsInStrings(value) && !this.findsInJson(plain)) return plain
    const json = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'string') return this.value(v)
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const entries = Object.entries(v as Record<string, unknown>)
        if (entries.some(([k]) => this.redactor.redact(k) !== k)) {
          return Object.fromEntries(entries.map(([k, x]) => [this.redactor.redact(k), x]))
        }
      }
      return v
    })
    // A copy that spans the JSON syntax itself (`a","b` across two strings) survives the per-string
    // pass: hide it in the text, and give up the value rather than the secret if that breaks the JSON.
    if (!this.redactor.finds(json)) return json
    const text = this.redactor.redact(json)
    try {
      JSON.parse(text)
      return text
    } catch {
      return JSON.stringify('***')
    }
  }

  /**
   * JSON text in parts, for a file too large to hold as one string: `open`, the values separated by
   * commas (each as `json` makes it), then `close`. A copy of a secret across two parts (across the
   * JSON syntax between them) costs the later value, written as "***".
   */
  *jsonParts(open: string, values: Iterable<unknown>, close: string): Generator<string> {
    const masked = JSON.stringify('***')
    let before = ''
    let pending = open
    let comma = ''
    const across = (right: string): boolean =>
      this.redactor.finds((before + pending).slice(-this.margin) + right.slice(0, this.margin))
    for (const value of values) {
      const json = this.json(value)
      const part = comma + (across(comma + json) ? masked : json)
      yield pending
      before = (before + pending).slice(-this.margin)
      pending = part
      comma = ','
    }
    if (comma !== '' && across(close)) pending = comma + masked
    yield pending
    yield close
  }

  /**
   * The part of `text` worth shaping for a surface showing `max` characters, every copy of the secret
   * in it hidden. A copy that straddles the cut is found in the room past it and hidden whole.
   */
  private hidden(text: string, max: number): { text: string; dropped: number } {
    const budget = max * PRE_CUT_FACTOR + 1024
    if (text.length <= budget + this.margin) return { text: this.value(text), dropped: 0 }
    const part = this.redactor.redactPrefix(text.slice(0, budget + this.margin), budget)
    return { text: part.text, dropped: text.length - part.end }
  }

  /**
   * Shortened to `max` with a count of what was left out. After a cut, the shaped text's last
   * `margin` characters go too: shaping may have made them the start of a copy whose rest was cut.
   */
  private cut(shaped: string, max: number, dropped: number): string {
    if (dropped === 0) return shorten(shaped, max)
    const kept = shaped.slice(0, Math.max(0, shaped.length - this.margin))
    return shorten(kept, max, shaped.length + dropped)
  }

  /** Where `text` holds a copy of a secret; a long text is searched only the first time. */
  private spans(text: string): number[] {
    if (text.length < REMEMBER_FROM) return this.redactor.spans(text)
    let spans = this.known.get(text)
    if (spans === undefined) {
      spans = this.redactor.spans(text)
      this.known.set(text, spans)
    }
    return spans
  }

  /** Whether any string of a JSON value, keys included, holds a copy. Iterative: depth costs no stack. */
  private findsInStrings(value: unknown): boolean {
    const short: string[] = []
    const stack: unknown[] = [value]
    while (stack.length > 0) {
      const v = stack.pop()
      if (typeof v === 'string') {
        if (v.length < REMEMBER_FROM) short.push(v)
        else if (this.spans(v).length > 0) return true
      } else if (Array.isArray(v)) for (const x of v) stack.push(x)
      else if (v !== null && typeof v === 'object') {
        for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
          short.push(key)
          stack.push(x)
        }
      }
    }
    return this.redactor.finds(short.join('\n'))
  }

  /**
   * Whether JSON text holds a copy, in a string or across its syntax (`a","b`). The inside of a long
   * string already searched as a value is not searched again: only `margin` characters at each end,
   * where a copy could run into the quotes.
   */
  private findsInJson(json: string): boolean {
    let from = 0
    for (let open = json.indexOf('"'); open >= 0;) {
      const close = closingQuote(json, open)
      const inside = json.slice(open + 1, close)
      if (inside.length >= REMEMBER_FROM && this.known.get(inside)?.length === 0) {
        if (this.redactor.finds(json.slice(from, open + 1 + this.margin))) return true
        from = close - this.margin
      }
      open = json.indexOf('"', close + 1)
    }
    return this.redactor.finds(json.slice(from))
  }
}

/** Index of the quote closing the JSON string that opens at `open` (valid JSON assumed). */
function closingQuote(json: string, open: number): number {
  for (let at = json.indexOf('"', open + 1); at >= 0; at = json.indexOf('"', at + 1)) {
    let backslashes = 0
    while (json.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++
    if (backslashes % 2 === 0) return at
  }
  return json.length
}
