import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SafeLog } from '../../src/safe-log.js'
import type { Report } from '../../src/report/report-model.js'
import { publishReport } from '../../src/report/publish-report.js'
import { githubSurface } from '../../src/surface/github-surface.js'
import { SafeText } from '../../src/text/safe-text.js'
import { captureStdout } from '../helpers/in-process-run.js'
import { report } from '../helpers/builders.js'

// The output boundary's last resort: a bug while reporting still fails the step with a summary.

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
})

describe('publishReport, when reporting itself fails', () => {
  it('fails the step and leaves a summary, the secret hidden', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-publish-'))
    const summary = join(dir, 'summary')
    writeFileSync(summary, '')
    process.env['GITHUB_STEP_SUMMARY'] = summary
    // A report whose precheck state cannot be read: a stand-in for any bug while reporting.
    const broken = Object.defineProperty({ ...report('finished', undefined) }, 'state', {
      get: () => {
        throw new Error('boom hunter22\n::error::x')
      }
    }) as Report
    const surface = githubSurface()
    const log = new SafeLog(new SafeText(['hunter22']), surface)
    const stdout = await captureStdout(async () => {
      expect(await publishReport(broken, log, surface, true)).toBe(false)
    })
    expect(process.exitCode).toBe(1)
    expect(stdout).toContain(
      '::error::The action crashed while writing its report: boom *** ⏎ ::error::x'
    )
    const text = readFileSync(summary, 'utf8')
    expect(text).toContain('NineData precheck gate crashed')
    expect(text).not.toContain('hunter22')
    rmSync(dir, { recursive: true, force: true })
  })
})
