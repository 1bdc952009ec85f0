import { cleanText, codeText, flattenLine, htmlBlock, inertLine, shorten, window } from './clean.js'
import { Redactor } from './redact.js'
import { LIMITS } from './words.js'

// The output boundary's toolbox: every text that leaves the action (log, annotations, outputs, summary,
// report file, errors) goes through one of these. The order matters: cut to what can be shown (plus
// room for an encoded secret), then drop and merge characters, then hide the secret, and only then
// shorten and escape, so no step can cut a secret in two or put a hidden one back together.

export class SafeText {
  private readonly redactor: Redactor
  /** Room past the shown part for the longest encoded copy of a secret (`&#x10FFFF;` per character). */
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
    const part = window(text, max, this.margin)
    const line = this.redactor.redact(flattenLine(part.text))
    return inertLine(shorten(line, max, line.length + part.dropped))
  }

  /** Escaped HTML for the job summary. */
  html(text: string, max: number): string {
    const part = window(text, max, this.margin)
    const cleaned = this.redactor.redact(cleanText(part.text))
    return htmlBlock(shorten(cleaned, max, cleaned.length + part.dropped))
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
    // Fast path: no encoded copy of the secret anywhere (the scan decodes JSON escapes too).
    if (!this.redactor.active || this.redactor.redact(plain) === plain) return plain
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'string') return this.redactor.redact(v)
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const entries = Object.entries(v as Record<string, unknown>)
        if (entries.some(([k]) => this.redactor.redact(k) !== k)) {
          return Object.fromEntries(entries.map(([k, x]) => [this.redactor.redact(k), x]))
        }
      }
      return v
    })
  }
}
