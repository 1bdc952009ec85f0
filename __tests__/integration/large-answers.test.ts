import { basename } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  failedWith,
  gate,
  item,
  statusData,
  statusHook,
  stopSimulators
} from '../helpers/simulator.js'

// Large answers: GitHub's limits on summary, annotations and outputs hold, nothing is lost from
// the report file, and the cost stays linear in what the server sends. (Answers too deep or too
// large to read: unreadable-answers.test.ts.) The bundled action against the simulator, as a
// runner runs it.

afterEach(stopSimulators)

describe('a huge precheck stays within GitHub limits without losing anything', () => {
  it('reports 3,000 items (1,000 failed) within 1 MiB of summary, 10 error annotations and 100 KB outputs', async () => {
    const { result } = await gate('huge')
    expect(result.exitCode).toBe(1)

    // Summary: under GitHub's 1 MiB, failed rows first, and a line saying how many were left out.
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    expect(result.summary).toContain('❌ NineData schema comparison precheck failed')
    const rows = result.summary.match(/<tr><td>(❌|✅)&nbsp;\w+/g)!
    expect(rows.length).toBeGreaterThan(100)
    const firstSuccess = rows.findIndex(r => r.includes('Success'))
    const fromFirstSuccess = firstSuccess < 0 ? [] : rows.slice(firstSuccess)
    expect(fromFirstSuccess.every(r => r.includes('Success'))).toBe(true)
    expect(rows[0]).toContain('Failed')
    const left = /<p>(\d+) more check items \((\d+) of them failed\) not shown/.exec(result.summary)
    expect(left).not.toBeNull()
    expect(rows.length + Number(left![1])).toBe(3000)
    const failedShown = rows.filter(r => r.includes('Failed')).length
    expect(failedShown + Number(left![2])).toBe(1000)

    // Annotations: 8 items, one counter for the rest, and the step's own failure.
    const errors = result.annotations.filter(a => a.level === 'error')
    expect(errors).toHaveLength(10)
    expect(
      errors.slice(0, 8).every(a => /^Object check #\d+ for table t_\d+$/.test(a.title!))
    ).toBe(true)
    expect(errors[8]).toEqual(
      expect.objectContaining({
        title: '992 more failed check items',
        message: expect.stringContaining('992 more check items failed')
      })
    )
    expect(errors[9]!.title).toBeUndefined()
    expect(errors[9]!.message).toMatch(/1000 check items of 3000 failed/)

    // Outputs: counts are exact, the JSON arrays are valid, whole items and capped at 100,000 bytes.
    expect(result.outputs['item-count']).toBe('3000')
    expect(result.outputs['failed-count']).toBe('1000')
    expect(result.outputs['status']).toBe('Failed')
    for (const name of ['items', 'failed-items']) {
      const value = result.outputs[name]!
      expect(Buffer.byteLength(value)).toBeLessThanOrEqual(100_000)
      const parsed = JSON.parse(value) as { precheckItem: string }[]
      expect(parsed.length).toBeGreaterThan(0)
      expect(result.log).toContain(`The ${name} output holds the first ${parsed.length} of`)
    }
    // The step log lists 2,000 items, failed first, and says where the rest are.
    expect(result.log.match(/^Failed: Object check/gm)).toHaveLength(1000)
    expect(result.log.match(/^Success: Object check/gm)).toHaveLength(1000)
    expect(result.log).toContain('… and 1000 more check items, left out to keep the log readable')
    // Nothing is lost: the report file has every item.
    const name = basename(result.outputs['report-file']!)
    const report = JSON.parse(result.tempFiles[name]!) as { items: unknown[] }
    expect(report.items).toHaveLength(3000)
  })
})

describe('whatever the server sends, the run reads it and ends with its verdict', () => {
  // That the cost is linear is proven by counting work (unit tests of redaction and shaping); its
  // speed is in `npm run bench:large`. Here: the answers are read and judged right.
  it('1 MB of whitespace in a failed item message: failed, one line counting what was left out', async () => {
    const { result } = await gate(statusHook(failedWith(`${' '.repeat(1_000_000)}then the reason`)))
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('1')
    expect(result.log).toMatch(/^Failed: Echo Check \[echoCheck\] — … \(\d+ more characters\)$/m)
  })

  it('1 MB of mixed whitespace in a passing item name and description: passes', async () => {
    const spaces = ' \t'.repeat(500_000)
    const { result } = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          item('w', `Wide${spaces}name`, 'Success', { itemDescription: `${spaces}d` })
        ])
      }))
    )
    expect(result.exitCode).toBe(0)
    expect(result.log).toMatch(/^Success: … \(\d+ more characters\) \[w\]$/m)
  })

  it('10,000 items: passes, the all-items log group is capped and says how many were left out', async () => {
    let items: Record<string, unknown>[] | undefined
    const run = await gate(
      statusHook(context => {
        items ??= Array.from({ length: 10_000 }, (_, i) =>
          item(`objectCheck${i}`, `Object check #${i}`, 'Success')
        )
        return { data: statusData(context, 'Success', items) }
      })
    )
    const { result } = run
    expect(result.exitCode).toBe(0)
    expect(result.outputs['item-count']).toBe('10000')
    const lines = result.stdout.split('\n')
    const open = lines.findIndex(line => line.startsWith('::group::'))
    const close = lines.findIndex((line, i) => i > open && line.startsWith('::endgroup::'))
    expect(open).toBeGreaterThanOrEqual(0)
    const group = lines.slice(open + 1, close)
    expect(group.length).toBeLessThanOrEqual(2_100)
    expect(group.join('\n')).toMatch(/8,?000/)
    expect(group.join('\n')).toMatch(/left out|not shown|omitted|more/i)
    expect(run.report?.items).toHaveLength(10_000)
  })
})
