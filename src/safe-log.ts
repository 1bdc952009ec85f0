import type { LogSink } from './surface/runner-surface.js'
import type { SafeText } from './text/safe-text.js'
import { LIMITS } from './text/wording.js'

// The step's log: raw text in, one inert line out. Messages may quote server text as received; it is
// cleaned, redacted and shortened once, here, whichever runner the lines go to.

export class SafeLog {
  constructor(
    readonly safe: SafeText,
    private readonly sink: LogSink
  ) {}

  info(message: string): void {
    this.sink.info(this.safe.line(message))
  }

  warning(message: string): void {
    this.sink.warning(this.safe.line(message))
  }

  /** An error annotation of its own, for a problem that is one of several (the step's failure says the whole). */
  error(message: string, title: string): void {
    this.sink.error(this.safe.line(message), this.safe.line(title, LIMITS.name))
  }

  debug(message: string): void {
    this.sink.debug(this.safe.line(message))
  }

  /** A collapsed group of lines that are already safe (see report/log-lines.ts). */
  group(title: string, lines: readonly string[]): void {
    if (lines.length === 0) return
    this.sink.group(this.safe.line(title, LIMITS.name), lines)
  }
}
