import { oneLine, toCode, toHtml } from './clean.js'
import { Redactor } from './redact.js'
import { LIMITS } from './words.js'

// The output boundary's toolbox: every text that leaves the action (log, annotations, outputs, summary,
// report file, errors) goes through one of these, which hide the secret first and then shape the text
// for its surface. Nothing upstream of the verdict changes server text.

export class SafeText {
  private readonly redactor: Redactor

  constructor(secrets: readonly string[]) {
    this.redactor = new Redactor(secrets)
  }

  /** The secret hidden, nothing else changed: for outputs and the report file. */
  value(text: string): string {
    return this.redactor.redact(text)
  }

  /** One inert log line. */
  line(text: string, max: number = LIMITS.reason): string {
    return oneLine(this.redactor.redact(text), max)
  }

  /** Escaped HTML for the job summary. */
  html(text: string, max: number): string {
    return toHtml(this.redactor.redact(text), max)
  }

  /** An ID for <code> in the job summary. */
  code(text: string, max: number = LIMITS.id): string {
    return toCode(this.redactor.redact(text), max)
  }

  /** JSON of a value with every string (keys included) redacted. The value is not changed. */
  json(value: unknown, space?: number): string {
    const plain = JSON.stringify(value, null, space)
    // Fast path: no encoded copy of the secret anywhere (the scan decodes JSON escapes too).
    if (!this.redactor.active || this.redactor.redact(plain) === plain) return plain
    return JSON.stringify(
      value,
      (_key, v: unknown) => {
        if (typeof v === 'string') return this.redactor.redact(v)
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          const entries = Object.entries(v as Record<string, unknown>)
          if (entries.some(([k]) => this.redactor.redact(k) !== k)) {
            return Object.fromEntries(entries.map(([k, x]) => [this.redactor.redact(k), x]))
          }
        }
        return v
      },
      space
    )
  }
}
