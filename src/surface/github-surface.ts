import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import type { ReportFileKind, RunnerSurface } from './runner-surface.js'

// The GitHub runner: workflow commands on stdout, GITHUB_OUTPUT, the job summary, files under
// RUNNER_TEMP, and the step's result through core.setFailed.

export function githubSurface(): RunnerSurface {
  return {
    info: line => core.info(line),
    warning: line => core.warning(line),
    error: (line, title) => core.error(line, { title }),
    debug: line => core.debug(line),
    group: (title, lines) => {
      core.startGroup(title)
      for (const line of lines) core.info(line)
      core.endGroup()
    },
    maskSecret: secret => core.setSecret(secret),
    annotate: (level, title, message) =>
      (level === 'error' ? core.error : core.warning)(message, { title }),
    setOutput: (name, value) => core.setOutput(name, value),
    reportPath: (_kind: ReportFileKind, name) => join(process.env['RUNNER_TEMP'] || tmpdir(), name),
    writeSummary: async markdown => {
      await core.summary.addRaw(markdown, true).write()
    },
    fail: message => core.setFailed(message)
  }
}
