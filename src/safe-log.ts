import * as core from '@actions/core'
import type { SafeText } from './text/safe-text.js'
import { LIMITS } from './text/wording.js'

// The step's log: raw text in, one inert line out. Messages may quote server text as received; it is
// cleaned, redacted and shortened once, here.

export class SafeLog {
  constructor(readonly safe: SafeText) {}

  info(message: string): void {
    core.info(this.safe.line(message))
  }

  warning(message: string): void {
    core.warning(this.safe.line(message))
  }

  /** An error annotation of its own, for a problem that is one of several (the step's failure says the whole). */
  error(message: string): void {
    core.error(this.safe.line(message))
  }

  debug(message: string): void {
    core.debug(this.safe.line(message))
  }

  /** A collapsed group of lines that are already safe (see report/log-lines.ts). */
  group(title: string, lines: readonly string[]): void {
    if (lines.length === 0) return
    core.startGroup(this.safe.line(title, LIMITS.name))
    for (const line of lines) core.info(line)
    core.endGroup()
  }
}
