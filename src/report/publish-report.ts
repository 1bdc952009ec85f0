import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { SafeLog } from '../safe-log.js'
import { LIMITS, plural } from '../text/wording.js'
import { planAnnotations } from './annotations.js'
import { countedDifferences, stepFails, type Report, type RunReport } from './report-model.js'
import { planOutputs } from './outputs.js'
import { differenceLines, itemLines } from './log-lines.js'
import { reportFileName, reportFileText } from './report-file.js'
import { renderSummary } from './job-summary.js'
import { errorMessage } from '../error-message.js'

// The report's way out: the only place that writes outputs, annotations, files, the summary and the
// step's result. Every text passes through SafeText on its way out, and no failure of the runner's
// environment (an unwritable GITHUB_OUTPUT, a full disk) can turn the verdict.

/** Outputs, annotations, report file, summary and the step's result: the same on every way out. */
export async function publishReport(
  report: Report,
  log: SafeLog,
  writeSummary: boolean
): Promise<void> {
  try {
    logGroups(report, log)
    setOutputs(report, log)
    for (const annotation of planAnnotations(report, log.safe)) {
      const write = annotation.level === 'error' ? core.error : core.warning
      write(annotation.message, { title: annotation.title })
    }
    if (writeSummary) await writeJobSummary(report, log)
    conclude(report, log)
  } catch (error) {
    await publishCrash(error, log)
  }
}

function logGroups(report: Report, log: SafeLog): void {
  const state = report.state
  if (state) {
    const title = `All ${plural(state.precheckItems.length, 'check item')} of precheck ${state.precheckTaskId}`
    log.group(title, itemLines(state, log.safe))
  }
  const run = report.run
  if (run?.differences && run.differences.differing.length > 0) {
    const title = `Differences found by comparison run ${run.seen.execId}`
    log.group(title, differenceLines(run.differences, log.safe))
  }
}

/** A bug while reporting: still a failed step with a readable message and a summary. */
async function publishCrash(error: unknown, log: SafeLog): Promise<void> {
  const message = `The action crashed while writing its report: ${errorMessage(error)}`
  core.setFailed(log.safe.line(message))
  try {
    await core.summary
      .addRaw(
        `## ❌ NineData precheck gate crashed\n\n<p>${log.safe.html(message, LIMITS.reason)}</p>\n`,
        true
      )
      .write()
  } catch {
    // No summary file: the failure message above is all that can be left.
  }
}

function setOutputs(report: Report, log: SafeLog): void {
  const { values, truncated } = planOutputs(report, log.safe)
  if (report.state || report.run) {
    const file = writeFile(
      'report file',
      reportFileName(report, log.safe),
      reportFileText(report, log.safe),
      log
    )
    if (file) values['report-file'] = log.safe.value(file)
  }
  const sqlFile = report.run && correctionSqlOutput(report.run, log)
  if (sqlFile) values['correction-sql-file'] = sqlFile
  const failed: string[] = []
  for (const [name, value] of Object.entries(values)) {
    try {
      core.setOutput(name, value)
    } catch {
      failed.push(name)
    }
  }
  if (failed.length > 0) {
    log.warning(
      `Could not write the step's outputs (${failed.join(', ')}): GITHUB_OUTPUT is not writable. The verdict stands.`
    )
  }
  for (const cut of truncated) {
    log.info(
      `The ${cut.name} output holds the first ${cut.kept} of ${cut.total} items (it is capped at 100 KB); the report-file output has them all.`
    )
  }
}

/**
 * The correction SQL file was written while the results were read: it is handed over only when it
 * holds every differing object's SQL and the gate counted the differences. Otherwise it keeps its
 * INCOMPLETE name and header, and the log says why it is not the output.
 */
function correctionSqlOutput(run: RunReport, log: SafeLog): string | undefined {
  const file = run.seen.correctionSqlFile
  if (!file) return undefined
  if (file.failed !== undefined) {
    log.warning(`Could not write the correction SQL file ${file.path}: ${file.failed}`)
    return undefined
  }
  if (file.complete && countedDifferences(run)) return log.safe.value(file.path)
  const what = file.complete ? 'the results were not verified' : `it is INCOMPLETE: ${file.missing}`
  log.warning(
    `The correction SQL file ${file.path} is not set as correction-sql-file (${what}), so no later step applies half a fix.`
  )
  return undefined
}

/** Writes a file under RUNNER_TEMP; its path, or undefined (with a warning) when it failed. */
function writeFile(what: string, name: string, text: string, log: SafeLog): string | undefined {
  const folder = process.env['RUNNER_TEMP'] || tmpdir()
  const path = join(folder, name)
  try {
    mkdirSync(folder, { recursive: true })
    writeFileSync(path, text)
    return path
  } catch (error) {
    log.warning(`Could not write the ${what} ${path}: ${errorMessage(error)}`)
    return undefined
  }
}

async function writeJobSummary(report: Report, log: SafeLog): Promise<void> {
  try {
    await core.summary.addRaw(renderSummary(report, log.safe), true).write()
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

function conclude(report: Report, log: SafeLog): void {
  const { hint } = report
  const said = report.verdict.reason
  const reason = hint ? (report.hintFirst ? `${hint} ${said}` : `${said} ${hint}`) : said
  if (stepFails(report)) {
    core.setFailed(log.safe.line(reason))
  } else if (!report.verdict.passed) {
    const input = report.verdict.softenedBy ?? 'fail-on-failure'
    log.warning(`${reason} The step passes because ${input} is false.`)
  } else {
    log.info(reason)
  }
}
