// Where the step's words and files go: a GitHub runner (workflow commands, GITHUB_OUTPUT, the job
// summary) or any other CI's shell (plain lines, a report folder). The engine decides and renders;
// a surface only carries text that is already safe to its place.

/** The log's way out. Every line and title arrives inert (SafeLog shaped it). */
export interface LogSink {
  info(line: string): void
  warning(line: string): void
  /** An error line of its own (a titled annotation on GitHub), for one of several problems. */
  error(line: string, title: string): void
  debug(line: string): void
  /** A titled block of lines: collapsed where the CI can collapse them. */
  group(title: string, lines: readonly string[]): void
}

/** The files the report leaves: the publisher names them, the surface says where they go. */
export type ReportFileKind = 'report' | 'correction-sql' | 'junit'

export interface RunnerSurface extends LogSink {
  /** Keeps the runner from ever printing this text (GitHub's add-mask); a no-op where none exists. */
  maskSecret(secret: string): void
  /** An annotation on the run, already safe; dropped where the CI has none. */
  annotate(level: 'error' | 'warning', title: string, message: string): void
  /** One step output, already safe. Throws when it cannot be written. */
  setOutput(name: string, value: string): void
  /** The path a report file of this kind, named `name` by the publisher, is written to. */
  reportPath(kind: ReportFileKind, name: string): string
  /** Adds the summary (HTML and Markdown, already safe). Throws when it cannot be written. */
  writeSummary(markdown: string): Promise<void>
  /** The step failed: says why (already safe). */
  fail(message: string): void
}
