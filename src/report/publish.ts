import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { Log } from '../ninedata/client.js'
import type { SafeText } from '../text/safe.js'
import { LIMITS, plural } from '../text/words.js'
import { planAnnotations } from './annotations.js'
import { stepFails, type Report } from './model.js'
import { planOutputs } from './outputs.js'
import { itemLines } from './progress.js'
import { reportFileName, reportFileText } from './report-file.js'
import { renderSummary } from './summary.js'

// The output boundary: the only place that talks to the runner (log, annotations, outputs, summary,
// report file, the step's result). Every text passes through SafeText on its way out, and no failure
// of the runner's environment (an unwritable GITHUB_OUTPUT, a full disk) can turn the verdict.

export class Publisher implements Log {
  constructor(readonly safe: SafeText) {}

  info(message: string): void {
    core.info(this.safe.line(message))
  }

  warning(message: string): void {
    core.warning(this.safe.line(message))
  }

  debug(message: string): void {
    core.debug(this.safe.line(message))
  }

  /** A collapsed group of lines that are already safe (see report/progress.ts). */
  group(title: string, lines: readonly string[]): void {
    if (lines.length === 0) return
    core.startGroup(this.safe.line(title, LIMITS.name))
    for (const line of lines) core.info(line)
    core.endGroup()
  }

  /** Outputs, annotations, report file, summary and the step's result: the same on every way out. */
  async publish(report: Report, writeSummary: boolean): Promise<void> {
    const state = report.state
    if (state) {
      const title = `All ${plural(state.precheckItems.length, 'check item')} of precheck ${state.precheckTaskId}`
      this.group(title, itemLines(state, this.safe))
    }
    this.setOutputs(report)
    for (const annotation of planAnnotations(report, this.safe)) {
      const log = annotation.level === 'error' ? core.error : core.warning
      log(annotation.message, { title: annotation.title })
    }
    if (writeSummary) await this.writeSummary(report)
    this.conclude(report)
  }

  /** A bug while reporting: still a failed step with a readable message and a summary. */
  async publishCrash(error: unknown): Promise<void> {
    const message = `The action crashed while writing its report: ${error instanceof Error ? error.message : String(error)}`
    core.setFailed(this.safe.line(message))
    try {
      await core.summary
        .addRaw(
          `## ❌ NineData precheck gate crashed\n\n<p>${this.safe.html(message, LIMITS.reason)}</p>\n`,
          true
        )
        .write()
    } catch {
      // No summary file: the failure message above is all that can be left.
    }
  }

  private setOutputs(report: Report): void {
    const { values, truncated } = planOutputs(report, this.safe)
    const file = report.state ? this.writeReportFile(report) : undefined
    if (file) values['report-file'] = this.safe.value(file)
    const failed: string[] = []
    for (const [name, value] of Object.entries(values)) {
      try {
        core.setOutput(name, value)
      } catch {
        failed.push(name)
      }
    }
    if (failed.length > 0) {
      this.warning(
        `Could not write the step's outputs (${failed.join(', ')}): GITHUB_OUTPUT is not writable. The verdict stands.`
      )
    }
    for (const cut of truncated) {
      this.info(
        `The ${cut.name} output holds the first ${cut.kept} of ${cut.total} items (it is capped at 100 KB); the report-file output has them all.`
      )
    }
  }

  private writeReportFile(report: Report): string | undefined {
    const folder = process.env['RUNNER_TEMP'] || tmpdir()
    const path = join(folder, reportFileName(report, this.safe))
    try {
      mkdirSync(folder, { recursive: true })
      writeFileSync(path, reportFileText(report, this.safe))
      return path
    } catch (error) {
      this.warning(`Could not write the report file ${path}: ${(error as Error).message}`)
      return undefined
    }
  }

  private async writeSummary(report: Report): Promise<void> {
    try {
      await core.summary.addRaw(renderSummary(report, this.safe), true).write()
    } catch (error) {
      this.warning(`Could not write the job summary: ${(error as Error).message}`)
    }
  }

  private conclude(report: Report): void {
    const reason = report.hint ? `${report.verdict.reason} ${report.hint}` : report.verdict.reason
    if (stepFails(report)) {
      core.setFailed(this.safe.line(reason))
    } else if (!report.verdict.passed) {
      this.warning(`${reason} The step passes because fail-on-failure is false.`)
    } else {
      this.info(reason)
    }
  }
}
