import {
  cleanText,
  codeText,
  flattenLine,
  htmlBlock,
  inertLine,
  shorten,
  xmlChars,
  xmlEscape
} from './clean.js'
import { Redactor, jsonStrings } from './redact.js'
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

export class SafeText {
  private readonly redactor: Redactor
  /** Room past a cut for the longest encoded copy of a secret (`&#x00005F;`: 10 per character). */
  private readonly margin: number

  constructor(secrets: readonly string[]) {
    this.redactor = new Redactor(secrets)
    this.margin = 12 * Math.max(0, ...secrets.map(s => s.length)) + 16
  }

  /** The secret hidden, nothing else changed: for outputs and the report file. */
  value(text: string): string {
    return this.redactor.redact(text)
  }

  /** One inert log line. */
  line(text: string, max: number = LIMITS.reason): string {
    const part = this.hidden(text, max)
    const line = this.redactor.redact(inertLine(flattenLine(part.text)))
    return this.cut(line, max, part.dropped)
  }

  /** Escaped HTML for the job summary. */
  html(text: string, max: number): string {
    const part = this.hidden(text, max)
    const cleaned = this.redactor.redact(cleanText(part.text))
    return htmlBlock(this.cut(cleaned, max, part.dropped))
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
    if (!this.redactor.finds(jsonStrings(value)) && !this.redactor.finds(plain)) return plain
    const json = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'string') return this.redactor.redact(v)
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
   * The part of `text` worth shaping for a surface showing `max` characters, every copy of the secret
   * in it hidden. A copy that straddles the cut is found in the room past it and hidden whole.
   */
  private hidden(text: string, max: number): { text: string; dropped: number } {
    const budget = max * PRE_CUT_FACTOR + 1024
    if (text.length <= budget + this.margin) return { text: this.redactor.redact(text), dropped: 0 }
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
}
