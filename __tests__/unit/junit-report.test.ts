import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { junitReportText, JUNIT_BUDGET_BYTES } from '../../src/report/junit-report.js'
import { SafeText } from '../../src/text/safe-text.js'
import { parseJUnit } from '../helpers/cli-runner.js'
import {
  comparisonReport,
  dataTable,
  runSeen,
  runState,
  schemaObject
} from '../helpers/comparison.js'
import { item, report, state } from '../helpers/builders.js'

// The JUnit renderer: what a test-report tool reads back (test-results-parser, the parser of
// testbeats' reporter) for every shape of answer, hostile text included, within its cap.

const safe = new SafeText(['hunter22-secret'])
const render = (r: Parameters<typeof junitReportText>[0], budget?: number) =>
  parseJUnit(junitReportText(r, safe, budget))

describe('the JUnit report', () => {
  it('a passed precheck: one suite, the verdict case and one passing case per item', () => {
    const last = state('Success', [
      item('Success', 'Source Check'),
      item('Success', 'Target Check')
    ])
    const junit = render(report('finished', last))
    expect(junit.suites).toHaveLength(1)
    expect(junit.suites[0]!.cases.map(c => [c.name, c.status])).toEqual([
      ['Precheck verdict', 'PASS'],
      ['Source Check [SourceCheck]', 'PASS'],
      ['Target Check [TargetCheck]', 'PASS']
    ])
  })

  it('an undocumented overall status over succeeded items is never green: the verdict case errs', () => {
    const last = state('Succes', [item('Success', 'Source Check')])
    const xml = junitReportText(report('finished', last), safe)
    const cases = parseJUnit(xml).suites[0]!.cases
    expect(cases[0]).toMatchObject({ name: 'Precheck verdict', status: 'FAIL' })
    expect(xml).toMatch(/<testcase [^>]*name="Precheck verdict">\s*<error /)
  })

  it('failed items are failures with their message; items without a final status are errors', () => {
    const last = state('Failed', [
      item('Failed', 'Permission Check', 'no SELECT on shop'),
      item('Running', 'Slow Check'),
      item('Success', 'Fine Check')
    ])
    const xml = junitReportText(report('finished', last), safe)
    const byName = new Map(parseJUnit(xml).suites[0]!.cases.map(c => [c.name, c]))
    expect(byName.get('Permission Check [PermissionCheck]')).toMatchObject({
      status: 'FAIL',
      failure: 'no SELECT on shop'
    })
    expect(xml).toMatch(
      /name="Slow Check \[SlowCheck\]">\s*<error message="No final status: NineData reported &quot;Running&quot;\."/
    )
    expect(byName.get('Fine Check [FineCheck]')?.status).toBe('PASS')
  })

  it('a data run: a case per table, a difference a failure with its count', () => {
    const seen = runSeen({
      kind: 'data',
      last: runState('success', { differenceRows: 3 }),
      results: {
        kind: 'data',
        totalTableCount: 2,
        diffTableCount: 1,
        tables: [dataTable('1', 'orders', 3), dataTable('2', 'users', 0)]
      }
    })
    const run = render(comparisonReport(seen)).suites[1]!
    expect(run.cases.map(c => [c.name, c.status, c.failure])).toEqual([
      ['Comparison run verdict', 'FAIL', expect.stringContaining('differ')],
      ['shop.orders [progressId 1]', 'FAIL', '3 records differ between source and target.'],
      ['shop.users [progressId 2]', 'PASS', '']
    ])
  })

  it('a schema run: a difference carries its correction SQL; an unreadable object is an error', () => {
    const seen = runSeen({
      results: {
        kind: 'schema',
        total: 3,
        objects: [
          schemaObject('1', 'orders', 'ALTER TABLE `shop`.`orders` ADD `x` int;'),
          schemaObject('2', 'users', ''),
          schemaObject('3', 'lost', undefined)
        ]
      }
    })
    const run = render(comparisonReport(seen)).suites[1]!
    expect(run.cases.map(c => [c.name, c.status])).toEqual([
      ['Comparison run verdict', 'FAIL'],
      ['shop.orders [progressId 1]', 'FAIL'],
      ['shop.users [progressId 2]', 'PASS'],
      ['shop.lost [progressId 3]', 'FAIL']
    ])
    expect(run.cases[1]!.stack_trace).toBe('ALTER TABLE `shop`.`orders` ADD `x` int;')
    // An object not read makes the run unverifiable: the verdict case errs too.
    expect(run.errors).toBe(2)
  })

  it('stays under its cap: whole cases as many as fit, the rest counted, a left-out failure still red', () => {
    const big = 'x'.repeat(1900)
    const items = Array.from({ length: 3000 }, (_, i) =>
      item('Failed', `Check ${i} ${'n'.repeat(250)}`, big)
    )
    const last = state('Failed', items)
    const budget = 400_000
    const xml = junitReportText(report('finished', last), safe, budget)
    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(budget)
    const suite = parseJUnit(xml).suites[0]!
    expect(suite.total).toBe(suite.cases.length)
    const closing = suite.cases.at(-1)!
    expect(closing).toMatchObject({
      name: expect.stringMatching(/^\d+ more check items$/),
      status: 'FAIL'
    })
    const kept = suite.cases.length - 2
    expect(closing.name).toBe(`${3000 - kept} more check items`)
    expect(Buffer.byteLength(junitReportText(report('finished', last), safe))).toBeLessThanOrEqual(
      JUNIT_BUDGET_BYTES
    )
  })

  it('any server text: well-formed, counts that match its cases, the secret never in it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc
              .string({ unit: 'grapheme-composite', maxLength: 40 })
              .map(s => `${s}hunter22-secret`),
            message: fc.string({ unit: 'binary', maxLength: 60 }),
            status: fc.constantFrom('Success', 'Failed', 'Running', 'F\u0430iled', '')
          }),
          { maxLength: 8 }
        ),
        raw => {
          const items = raw.map((r, i) => ({ ...item(r.status, `${r.name}${i}`, r.message) }))
          const xml = junitReportText(report('finished', state('Failed', items)), safe)
          expect(xml).not.toContain('hunter22-secret')
          const junit = parseJUnit(xml)
          const suite = junit.suites[0]!
          expect(suite.cases).toHaveLength(items.length + 1)
          const red = suite.cases.filter(c => c.status === 'FAIL').length
          expect(Number(suite.failed) + Number(suite.errors)).toBe(red)
        }
      ),
      { seed: 20261203, numRuns: 60 }
    )
  })
})
