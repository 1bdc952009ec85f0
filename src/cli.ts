import packageJson from '../package.json' with { type: 'json' }
import { EXIT_CODES, exitCodeOf } from './cli/exit-code.js'
import { readCliOptions, helpText } from './cli/cli-options.js'
import { openLog, runStep, warnIfShortSecret } from './gate-step.js'
import { correctionSqlFiles } from './report/correction-sql-writer.js'
import { reportOf } from './report/report-model.js'
import { publishReport } from './report/publish-report.js'
import { watchSignals } from './stop-signals.js'
import { clearReports, cliSurface } from './surface/cli-surface.js'
import { SafeText } from './text/safe-text.js'
import { realTime } from './time.js'

// The command line: the action's engine behind another door, for GitLab CI, Jenkins and any shell.
// Options in, the same step, reports in a folder, and the verdict as the exit code.

const options = readCliOptions(process.argv.slice(2), process.env)
if (options.help || options.version) {
  process.stdout.write(`${options.help ? helpText(packageJson.version) : packageJson.version}\n`)
} else {
  process.exitCode = await gateFromCommandLine().catch((error: unknown) => {
    // Only a bug gets here (the step reports every failure it knows): never read as a verdict.
    const safe = new SafeText([options.get('access-key-secret')].filter(Boolean))
    process.stderr.write(`Error: ${safe.line(`ninedata-gate crashed: ${String(error)}`)}\n`)
    return EXIT_CODES.noVerdict
  })
  // The verdict is out: whatever sockets still hold open, the process ends within a second.
  setTimeout(() => process.exit(), 1000).unref()
}

async function gateFromCommandLine(): Promise<number> {
  const startedAt = realTime.now()
  const env = process.env
  const surface = cliSurface({
    reportDir: options.reportDir,
    gitlab: env['GITLAB_CI'] === 'true',
    debug: env['NINEDATA_GATE_DEBUG'] === 'true' || env['CI_DEBUG_TRACE'] === 'true'
  })
  const secret = options.get('access-key-secret')
  const log = openLog(surface, [...new Set([secret, secret.trim()])].filter(Boolean))
  warnIfShortSecret(log, secret)
  for (const name of options.unknownVariables)
    log.warning(`${name} is set but names no option of ninedata-gate: it is ignored.`)
  const stale = clearReports(options.reportDir)
  if (stale) log.warning(`Could not remove the reports of an earlier run: ${stale}`)
  const signals = watchSignals(log)
  const phases = { time: realTime, signal: signals.signal, startedAt }
  const step = await runStep(options.get, log, phases, {
    usage: options.problems,
    correctionSql: correctionSqlFiles(log.safe, options.reportDir)
  })
  signals.verdictReached()
  const taskId = options.get('task-id').trim()
  const report = reportOf({ ...step, taskId }, realTime.now() - startedAt)
  const reported = await publishReport(report, log, surface, true)
  signals.release()
  return exitCodeOf(report, { inputsRefused: step.inputsRefused, reported })
}
