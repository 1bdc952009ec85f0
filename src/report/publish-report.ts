import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { SafeLog } from '../safe-log.js'
import type { ReportFileKind, RunnerSurface } from '../surface/runner-surface.js'
import { LIMITS, plural } from '../text/wording.js'
import { planAnnotations } from './annotations.js'
import { countedDifferences, stepFails, type Report, type RunReport } from './report-model.js'
import { planOutputs } from './outputs.js'
import { differenceLines, itemLines } from './log-lines.js'
import { reportFileName, reportFileParts } from './report-file.js'
import { renderSummary } from './job-summary.js'
import { errorMessage } from '../error-message.js'
import { junitFileName, junitReportParts } from './junit-report.js'

// The report's way out: the only place that writes outputs, annotations, files, the summary and the
// step's result, onto whichever runner surface it is given. Every text passes through SafeText on its
// way out, and no failure of the runner's environment (an unwritable GITHUB_OUTPUT, a full disk) can
// turn the verdict.

/** The report files are written in batches of about this many characters. */
const WRITE_BATCH = 64 * 1024

/**
 * Outputs, annotations, report files, summary and the step's result: the same on every way out.
 * False when reporting itself crashed (the step was failed with what could be said).
 */
export async function publishReport(
  report: Report,
  log: SafeLog,
  surface: RunnerSurface,
  writeSummary: boolean
): Promise<boolean> {
  try {
    logGroups(report, log)
    setOutputs(report, log, surface)
    for (const annotation of planAnnotations(report, log.safe))
      surface.annotate(annotation.level, annotation.title, annotation.message)
    if (writeSummary) await writeJobSummary(report, log, surface)
    conclude(report, log, surface)
    return true
  } catch (error) {
    await publishCrash(error, log, surface)
    return false
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
async function publishCrash(error: unknown, log: SafeLog, surface: RunnerSurface): Promise<void> {
  const message = `The action crashed while writing its report: ${errorMessage(error)}`
  surface.fail(log.safe.line(message))
  try {
    await surface.writeSummary(
      `## ❌ NineData precheck gate crashed\n\n<p>${log.safe.html(message, LIMITS.reason)}</p>\n`
    )
  } catch {
    // No summary file: the failure message above is all that can be left.
  }
}

function setOutputs(report: Report, log: SafeLog, surface: RunnerSurface): void {
  const { values, truncated } = planOutputs(report, log.safe)
  const write = (kind: ReportFileKind, what: string, name: string, parts: Iterable<string>) =>
    writeFile(what, surface.reportPath(kind, name), parts, log)
  if (report.state || report.run) {
    const parts = reportFileParts(report, log.safe)
    const file = write('report', 'report file', reportFileName(report, log.safe), parts)
    if (file) values['report-file'] = log.safe.value(file)
  }
  const sqlFile = report.run && correctionSqlOutput(report.run, log, surface)
  if (sqlFile) values['correction-sql-file'] = sqlFile
  const junit = junitReportParts(report, log.safe)
  const junitFile = write('junit', 'JUnit report', junitFileName(report, log.safe), junit)
  if (junitFile) values['junit-file'] = log.safe.value(junitFile)
  const failed: string[] = []
  for (const [name, value] of Object.entries(values)) {
    try {
      surface.setOutput(name, value)
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
 * holds every differing object's SQL and the gate counted the differences, at the place the surface
 * keeps it. Otherwise it keeps its INCOMPLETE name and header, and the log says why it is not the
 * output.
 */
function correctionSqlOutput(
  run: RunReport,
  log: SafeLog,
  surface: RunnerSurface
): string | undefined {
  const file = run.seen.correctionSqlFile
  if (!file) return undefined
  if (file.failed !== undefined) {
    log.warning(`Could not write the correction SQL file ${file.path}: ${file.failed}`)
    return undefined
  }
  if (file.complete && countedDifferences(run)) {
    const path = surface.reportPath('correction-sql', basename(file.path))
    try {
      if (path !== file.path) renameSync(file.path, path)
      return log.safe.value(path)
    } catch (error) {
      log.warning(
        `Could not move the correction SQL file ${file.path} to ${path}: ${errorMessage(error)}`
      )
      return undefined
    }
  }
  const what = file.complete ? 'the results were not verified' : `it is INCOMPLETE: ${file.missing}`
  log.warning(
    `The correction SQL file ${file.path} is not set as correction-sql-file (${what}), so no later step applies half a fix.`
  )
  return undefined
}

/** Writes a report file; its path, or undefined (with a warning) when it failed. */
/** Writes the parts one after the other, in batches of about WRITE_BATCH characters. */
function writeFile(
  what: string,
  path: string,
  parts: Iterable<string>,
  log: SafeLog
): string | undefined {
  let fd: number | undefined
  try {
    mkdirSync(dirname(path), { recursive: true })
    fd = openSync(path, 'w')
    let batch: string[] = []
    let size = 0
    for (const part of parts) {
      batch.push(part)
      size += part.length
      if (size < WRITE_BATCH) continue
      writeSync(fd, batch.join(''))
      batch = []
      size = 0
    }
    writeSync(fd, batch.join(''))
    const done = fd
    fd = undefined
    closeSync(done)
    return path
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd)
    log.warning(`Could not write the ${what} ${path}: ${errorMessage(error)}`)
    return undefined
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd)
  } catch {
    // Gone already: nothing more to free.
  }
}

async function writeJobSummary(
  report: Report,
  log: SafeLog,
  surface: RunnerSurface
): Promise<void> {
  try {
    await surface.writeSummary(renderSummary(report, log.safe))
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}

function conclude(report: Report, log: SafeLog, surface: RunnerSurface): void {
  const { hint } = report
  const said = report.verdict.reason
  const reason = hint ? (report.hintFirst ? `${hint} ${said}` : `${said} ${hint}`) : said
  if (stepFails(report)) {
    surface.fail(log.safe.line(reason))
  } else if (!report.verdict.passed) {
    const input = report.verdict.softenedBy ?? 'fail-on-failure'
    log.warning(`${reason} The step passes because ${input} is false.`)
  } else {
    log.info(reason)
  }
}
