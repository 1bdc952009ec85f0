import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import type { Report } from '../../src/report/report-model.js'
import { renderSummary } from '../../src/report/job-summary.js'
import { SafeText } from '../../src/text/safe-text.js'
import {
  comparisonReport,
  dataTable,
  runSeen,
  runState,
  schemaObject
} from '../helpers/comparison.js'

// Golden files of the job summary with a comparison run: a change to what users see shows up in
// the diff. Regenerate with UPDATE_GOLDEN=1 npm test -- comparison-summary-golden, then review.

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden')
const safe = new SafeText(['s3cr_t'])

const CREATE_ORDERS = [
  'CREATE TABLE `shop`.`orders` (',
  '  `id` bigint NOT NULL AUTO_INCREMENT,',
  "  `note` varchar(255) DEFAULT '<none>',",
  '  PRIMARY KEY (`id`)',
  ') ENGINE=InnoDB;'
].join('\n')

const CASES: Record<string, Report> = {
  passed: comparisonReport(
    runSeen({
      results: {
        kind: 'schema',
        total: 3,
        objects: [
          schemaObject('2934527', 'customers', ''),
          schemaObject('2934528', 'orders', ''),
          schemaObject('2934529', 'v_orders', '', { objectType: 'VIEW' })
        ]
      }
    })
  ),
  'differences-schema': comparisonReport(
    runSeen({
      results: {
        kind: 'schema',
        total: 4,
        objects: [
          schemaObject('2934527', 'customers', ''),
          schemaObject(
            '2934528',
            'inventory',
            'ALTER TABLE `shop`.`inventory` MODIFY COLUMN `note` varchar(255) DEFAULT NULL;'
          ),
          schemaObject('2934529', 'orders', CREATE_ORDERS),
          // The secret echoed in SQL is hidden in the summary too.
          schemaObject('2934530', 'audit_log', "ALTER TABLE `audit_log` COMMENT = 's3cr_t';")
        ]
      }
    })
  ),
  'differences-data': comparisonReport(
    runSeen({
      kind: 'data',
      last: runState('success', {
        differenceRows: 13,
        onlySourceRows: 3,
        onlyTargetRows: 5,
        skippedTables: 1
      }),
      results: {
        kind: 'data',
        totalTableCount: 4,
        diffTableCount: 3,
        tables: [
          dataTable('2934527', 'customers', 0),
          dataTable('2934528', 'orders', 15, { schema: 'shop_replica' }),
          dataTable('2934529', 'payments', 1, { table: 'payments_v2' }),
          dataTable('2934530', 'order_items', 5)
        ]
      }
    })
  ),
  'failed-run': comparisonReport(
    runSeen({
      stage: 'run',
      last: runState(
        'failed',
        undefined,
        'Lost the connection to the target datasource ds-d37s953l33d3: Communications link failure.'
      )
    })
  ),
  'timeout-run': comparisonReport(
    runSeen({
      stage: 'run',
      ending: { how: 'timeout' },
      timeoutMs: 1_800_000,
      last: runState('running')
    })
  )
}

describe('the job summary with a comparison run', () => {
  for (const [name, model] of Object.entries(CASES)) {
    it(`matches the golden file for ${name}`, () => {
      const html = renderSummary(model, safe)
      const file = join(GOLDEN, `summary-comparison-${name}.html`)
      if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
        mkdirSync(GOLDEN, { recursive: true })
        writeFileSync(file, html)
      }
      expect(html).toBe(readFileSync(file, 'utf8'))
      expect(html).not.toContain('s3cr_t')
      expect(html).not.toMatch(/<script|<img|\n::error/)
      // The precheck section first, then the run's.
      expect(html.indexOf('### Check items')).toBeLessThan(html.indexOf('### Comparison run'))
    })
  }
})
