import { describe, expect, it } from '@jest/globals'
import { planAnnotations } from '../../src/report/annotations.js'
import { jsonArrayWithin, planOutputs } from '../../src/report/outputs.js'
import { itemLines, progressKey, progressLine } from '../../src/report/progress.js'
import { renderSummary } from '../../src/report/summary.js'
import { item, report, state } from './fixtures.js'

describe('summary', () => {
  it('shows the verdict, the IDs, the duration and failed items first', () => {
    const md = renderSummary(
      report(
        'finished',
        state('Failed', [
          item('Success', 'ok one'),
          item('Failed', 'bad one', 'fix it'),
          item('Running', 'slow')
        ])
      )
    )
    expect(md.startsWith('## ❌ NineData precheck failed\n')).toBe(true)
    expect(md).toContain('cc-1')
    expect(md).toContain('pcte-1')
    expect(md).toContain('1m 5s')
    expect(md).toContain('3 (1 failed, 1 succeeded, 1 not finished)')
    const order = [...md.matchAll(/<tr><td>(\S+)&nbsp;(\w+)/g)].map(m => m[2])
    expect(order).toEqual(['Failed', 'Running', 'Success'])
    expect(md).toContain('fix it')
  })

  it.each([
    [
      'passed',
      report('finished', state('Success', [item('Success')])),
      '✅ NineData precheck passed'
    ],
    [
      'not blocking',
      report('finished', state('Failed', [item('Failed')]), { failOnFailure: false }),
      'not blocking'
    ],
    ['timeout', report('timeout', state('Running', [])), '⏱️ NineData precheck timed out'],
    ['cancelled', report('cancelled', undefined), '🛑 NineData precheck wait cancelled'],
    ['error', report('error', undefined, { hint: 'check the key' }), 'could not reach a verdict']
  ])('has a heading for %s', (_name, model, heading) => {
    const md = renderSummary(model)
    expect(md.split('\n')[0]).toContain(heading)
  })

  it('keeps a hostile item inside its cells', () => {
    const md = renderSummary(
      report(
        'finished',
        state('Failed', [item('Failed', '<b>x</b> | y\n\nz', '</td></tr></table># h')])
      )
    )
    const table = md.slice(md.indexOf('### Check items'))
    expect(table).not.toContain('<b>')
    expect(table).not.toContain('</td></tr></table>#')
    expect(table.match(/<tr>/g)).toHaveLength(2)
    expect(table).not.toMatch(/\n\s*\n(?![\s\S]*<\/table>\s*$)/)
  })

  it('stays within its byte budget and says what it left out', () => {
    const items = Array.from({ length: 400 }, (_, i) =>
      item(i % 2 ? 'Success' : 'Failed', `item ${i}`, 'x'.repeat(3000))
    )
    const md = renderSummary(report('finished', state('Failed', items)), 100_000)
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(100_000)
    const shown = (md.match(/<tr><td>/g) ?? []).length
    expect(shown).toBeGreaterThan(10)
    expect(md).toContain(
      `${400 - shown} more check items (${200 - shown} of them failed) not shown`
    )
    expect(md).toContain('… (1000 more characters)')
  })
})

describe('annotations', () => {
  it('annotates each failed item with its name and reason', () => {
    const list = planAnnotations(
      report('finished', state('Failed', [item('Failed', 'A', 'reason A'), item('Failed', 'B')]))
    )
    expect(list).toEqual([
      { level: 'error', title: 'A', message: 'reason A' },
      { level: 'error', title: 'B', message: 'NineData gave no reason for this failure.' }
    ])
  })

  it('fits within the 10 shown per step, counting the rest', () => {
    const failed = Array.from({ length: 25 }, (_, i) => item('Failed', `f${i}`, 'r'))
    const errors = planAnnotations(report('finished', state('Failed', failed)))
    // 8 items + the counter, and the step's own failure message makes 10.
    expect(errors).toHaveLength(9)
    expect(errors[8]).toMatchObject({ title: '17 more failed check items' })
    const warnings = planAnnotations(
      report('finished', state('Failed', failed), { failOnFailure: false })
    )
    expect(warnings).toHaveLength(10)
    expect(warnings.every(a => a.level === 'warning')).toBe(true)
    expect(planAnnotations(report('finished', state('Failed', failed.slice(0, 9))))).toHaveLength(9)
    expect(planAnnotations(report('finished', state('Success', [item('Success')])))).toEqual([])
  })
})

describe('outputs', () => {
  it('gives the status, counts and items as returned', () => {
    const s = state('Failed', [item('Success', 'a'), item('Failed', 'b', 'why')])
    const { values, truncated } = planOutputs(report('finished', s))
    expect(values).toEqual({
      'precheck-task-id': 'pcte-1',
      'request-id': 'req-1',
      status: 'Failed',
      'item-count': '2',
      'failed-count': '1',
      items: JSON.stringify(s.precheckItems.map(i => i.raw)),
      'failed-items': JSON.stringify([s.precheckItems[1]!.raw])
    })
    expect(truncated).toEqual([])
  })

  it('leaves counts and items out when no status was seen', () => {
    expect(
      planOutputs(report('error', undefined, { precheckTaskId: '', requestId: '' })).values
    ).toEqual({ status: '' })
  })

  it('caps the JSON outputs to whole items within the budget', () => {
    const items = Array.from({ length: 100 }, (_, i) => item('Failed', `n${i}`, 'x'.repeat(100)))
    const { json, kept } = jsonArrayWithin(items, 2000)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(2000)
    expect(JSON.parse(json)).toHaveLength(kept)
    expect(kept).toBeGreaterThan(0)
    const { truncated } = planOutputs(report('finished', state('Failed', items)), 2000)
    expect(truncated).toEqual([
      { name: 'items', kept, total: 100 },
      { name: 'failed-items', kept, total: 100 }
    ])
  })
})

describe('progress log', () => {
  it('changes its key only when status or counts change', () => {
    const a = state('Running', [item('Running')])
    expect(progressKey(a)).toBe(progressKey(state('Running', [item('Running', 'other name')])))
    expect(progressKey(a)).not.toBe(progressKey(state('Running', [item('Success')])))
    expect(progressLine(a, 12_000)).toBe(
      '[12s] Precheck pcte-1: Running, 0/1 check items done, 0 failed'
    )
    expect(progressLine(state('Queued', []), 0)).toContain('not a status NineData documents')
    expect(itemLines(state('Failed', [item('Failed', 'x', 'a\nb')]))).toEqual([
      'Failed: x [x] — a ⏎ b'
    ])
  })
})
