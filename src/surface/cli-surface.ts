import { mkdirSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReportFileKind, RunnerSurface } from './runner-surface.js'

// Any other CI's shell (GitLab CI, Jenkins, a terminal): plain lines on stdout, no workflow
// commands; on GitLab the groups are collapsible sections. The report files get fixed names in the
// report folder, so a pipeline can name them before the run (artifacts: reports: junit:).

export const CLI_REPORT_FILES: Record<ReportFileKind | 'summary', string> = {
  summary: 'summary.md',
  report: 'report.json',
  junit: 'junit.xml',
  'correction-sql': 'correction.sql'
}

export interface CliSurfaceOptions {
  reportDir: string
  /** GITLAB_CI=true: groups become GitLab's collapsible sections. */
  gitlab: boolean
  debug: boolean
  /** Seconds since the epoch, for GitLab's section markers. */
  now?: () => number
  out?: (line: string) => void
  err?: (line: string) => void
}

export function cliSurface(options: CliSurfaceOptions): RunnerSurface {
  const out = options.out ?? ((line: string) => void process.stdout.write(`${line}\n`))
  const err = options.err ?? ((line: string) => void process.stderr.write(`${line}\n`))
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  let sections = 0
  return {
    info: out,
    warning: line => out(`Warning: ${line}`),
    error: line => err(`Error: ${line}`),
    debug: line => {
      if (options.debug) out(`Debug: ${line}`)
    },
    group: (title, lines) => {
      if (!options.gitlab) {
        out(`${title}:`)
        for (const line of lines) out(`  ${line}`)
        return
      }
      // Lines are inert (no control character), so none can end or forge a section.
      const name = `ninedata_gate_${++sections}`
      out(`\x1b[0Ksection_start:${now()}:${name}[collapsed=true]\r\x1b[0K${title}`)
      for (const line of lines) out(line)
      out(`\x1b[0Ksection_end:${now()}:${name}\r\x1b[0K`)
    },
    // No runner masks for us: SafeText hides the secret in every line.
    maskSecret: () => undefined,
    // No annotations outside GitHub: the item lines and junit.xml carry every finding.
    annotate: () => undefined,
    // The outputs are all in report.json.
    setOutput: () => undefined,
    reportPath: kind => join(options.reportDir, CLI_REPORT_FILES[kind]),
    writeSummary: async markdown => {
      mkdirSync(options.reportDir, { recursive: true })
      await writeFile(join(options.reportDir, CLI_REPORT_FILES.summary), markdown)
    },
    fail: message => err(`Error: ${message}`)
  }
}

/**
 * Removes this tool's report files left by an earlier run, so none of them is read as this run's.
 * Why it could not, or undefined.
 */
export function clearReports(reportDir: string): string | undefined {
  try {
    for (const name of Object.values(CLI_REPORT_FILES))
      rmSync(join(reportDir, name), { force: true })
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
