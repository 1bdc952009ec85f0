import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Publisher } from '../../src/report/publish.js'
import { SafeText } from '../../src/text/safe.js'
import { captureStdout } from '../helpers/stdout.js'

// The output boundary's last resort: a bug while reporting still fails the step with a summary.

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
})

describe('Publisher.publishCrash', () => {
  it('fails the step and leaves a summary, the secret hidden', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-publish-'))
    const summary = join(dir, 'summary')
    writeFileSync(summary, '')
    process.env['GITHUB_STEP_SUMMARY'] = summary
    const stdout = await captureStdout(() =>
      new Publisher(new SafeText(['hunter22'])).publishCrash(new Error('boom hunter22\n::error::x'))
    )
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
