import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { planAnnotations } from '../../src/report/annotations.js'
import type { Report } from '../../src/report/report-model.js'
import { planOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/job-summary.js'
import { ApiError } from '../../src/ninedata/api-errors.js'
import { SafeText } from '../../src/text/safe-text.js'
import { item, report, state } from '../helpers/builders.js'

// Golden files of the rendered summary: a change to what users see shows up in the diff.
// Regenerate with UPDATE_GOLDEN=1 npm test -- summary-golden, then review the diff.

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden')
const safe = new SafeText(['s3cr_t'])

const CASES: Record<string, Report> = {
  passed: report(
    'finished',
    state('Success', [
      item('Success', 'Source Connection Check'),
      item('Success', 'Target Connection Check')
    ])
  ),
  failed: report(
    'finished',
    state('Failed', [
      item('Success', 'Source Connection Check'),
      item(
        'Failed',
        'Source Permission Check',
        'Account lacks SELECT on db1.\nSuggested fix: GRANT SELECT ON db1.* TO app;'
      )
    ])
  ),
  timeout: report(
    'timeout',
    state('Success', [item('Success', 'A'), item('Running', 'Slow check')]),
    {},
    { timeoutMs: 120_000 }
  ),
  outage: report(
    'timeout',
    undefined,
    { comparison: 'data', taskId: 'cd-1', precheckTaskId: '' },
    {
      outage: {
        sinceMs: 1_000_000 - 60_000,
        lastError: new ApiError('transient', 'HTTP 503 with an empty body')
      }
    }
  ),
  hostile: report(
    'finished',
    state('Success', [
      item(
        'Failed\u200b',
        '<script>alert(1)</script> | **bold** @team',
        'echo s3cr_t \u202eevil\n::error::forged'
      ),
      item('Failed', '[link](http://x) `code` \u05e9\u05dc\u05d5\u05dd', 'x'.repeat(100))
    ])
  )
}

describe('the job summary', () => {
  for (const [name, model] of Object.entries(CASES)) {
    it(`matches the golden file for ${name}`, () => {
      const html = renderSummary(model, safe)
      const file = join(GOLDEN, `summary-${name}.html`)
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true })
        writeFileSync(file, html)
      }
      expect(html).toBe(readFileSync(file, 'utf8'))
      expect(html).not.toContain('s3cr_t')
      expect(html).not.toMatch(/<script|\n::error/)
    })
  }

  it('stays within the budget for 3,000 items, failed first, saying what was left out', () => {
    const items = Array.from({ length: 3000 }, (_, i) =>
      item(i % 3 === 0 ? 'Failed' : 'Success', `check ${i}`, 'm'.repeat(500))
    )
    const html = renderSummary(report('finished', state('Failed', items)), safe)
    expect(Buffer.byteLength(html)).toBeLessThan(900 * 1024)
    expect(html).toMatch(/more check items \(\d+ of them failed\)|more check items not shown/)
    expect(html.indexOf('check 3</strong>')).toBeLessThan(html.indexOf('check 1</strong>'))
  })
})

describe('annotations and outputs', () => {
  it('fit GitHub limits and never claim the summary lists everything', () => {
    const items = Array.from({ length: 30 }, (_, i) => item('Failed', `c${i}`, `why ${i}`))
    const model = report('finished', state('Failed', items))
    const annotations = planAnnotations(model, safe)
    expect(annotations).toHaveLength(9)
    expect(annotations.at(-1)?.message).toMatch(/22 more check items failed; .*report-file/)
    const { values } = planOutputs(model, safe)
    expect(values['failed-count']).toBe('30')
    expect(JSON.parse(values['items']!)).toHaveLength(30)
  })

  it('leave counts unset without a status', () => {
    expect(planOutputs(report('error', undefined), safe).values).toEqual({
      'task-id': 'cc-1',
      'precheck-task-id': 'pcte-1',
      'request-id': 'req-1',
      status: ''
    })
  })
})
