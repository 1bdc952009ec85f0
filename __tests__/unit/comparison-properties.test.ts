import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import type { DataTable, RunState, SchemaObject } from '../../src/ninedata/api-types.js'
import { canonicalRunStatus } from '../../src/status/run-status.js'
import { decideComparison, type ComparisonSeen } from '../../src/verdict/comparison-verdict.js'

// Generated runs and results: the comparison passes only when the run reached a documented
// success, every result was read, and no object or row differs with every count agreeing.

const runStatus = fc.oneof(
  { weight: 10, arbitrary: fc.constant('success') },
  { weight: 4, arbitrary: fc.constantFrom('failed', 'stopped', 'running', 'Success', ' SUCCESS ') },
  { weight: 2, arbitrary: fc.constantFrom('success\u200b', 'succes', '', 'done', 'ѕuccess') },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }
)
const count = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 5 }))
const sql = fc.oneof(
  { weight: 8, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom('ALTER TABLE t ADD c INT;', ' ', '\n') },
  { weight: 1, arbitrary: fc.constant(undefined) }
)

const schemaObject = fc.record({ id: fc.nat(1000), sql }).map(({ id, sql }): SchemaObject => ({
  kind: 'object',
  progressId: String(id),
  raw: { progressId: id },
  ...(sql === undefined ? { unreadable: 'refused' } : { correctSql: sql })
}))
const dataTable = fc
  .record({ id: fc.nat(1000), differences: fc.option(count) })
  .map(({ id, differences }): DataTable => ({
    kind: 'table',
    progressId: String(id),
    schemaName: 's',
    tableName: `t${id}`,
    targetSchemaName: 's',
    targetTableName: `t${id}`,
    raw: {},
    ...(differences === null ? {} : { differences })
  }))

function lastRun(status: string, rows?: [number, number, number]): RunState {
  return {
    taskId: 'cc-1',
    execId: '1',
    status,
    errorMessage: '',
    raw: {},
    ...(rows
      ? {
          rows: {
            differenceRows: rows[0],
            onlySourceRows: rows[1],
            onlyTargetRows: rows[2],
            skippedTables: 0
          }
        }
      : {})
  }
}

const base = {
  ending: { how: 'finished' } as const,
  execId: '1',
  stage: 'results' as const,
  timeoutMs: 1000,
  endedAt: 0
}

describe('the comparison verdict, on generated runs', () => {
  it('schema: passes only on success with every correction SQL read and empty', () => {
    let passed = 0
    fc.assert(
      fc.property(
        runStatus,
        fc.array(schemaObject, { maxLength: 5 }),
        fc.integer({ min: -1, max: 1 }),
        (status, objects, off) => {
          const seen: ComparisonSeen = {
            ...base,
            kind: 'schema',
            last: lastRun(status),
            results: { kind: 'schema', total: Math.max(0, objects.length + off), objects }
          }
          if (!decideComparison(seen).passed) return
          passed++
          expect(canonicalRunStatus(status)).toBe('success')
          expect(seen.results?.kind === 'schema' && seen.results.total).toBe(objects.length)
          for (const o of objects) expect(o.correctSql).toBe('')
        }
      ),
      { seed: 20261128, numRuns: 500 }
    )
    expect(passed).toBeGreaterThan(5)
  })

  it('data: passes only on success with no row, no table and every count agreeing', () => {
    let passed = 0
    fc.assert(
      fc.property(
        runStatus,
        fc.option(fc.tuple(count, count, count)),
        fc.array(dataTable, { maxLength: 4 }),
        count,
        fc.integer({ min: -1, max: 1 }),
        (status, rows, tables, diffTableCount, off) => {
          const seen: ComparisonSeen = {
            ...base,
            kind: 'data',
            last: lastRun(status, rows ?? undefined),
            results: {
              kind: 'data',
              totalTableCount: Math.max(0, tables.length + off),
              diffTableCount,
              tables
            }
          }
          if (!decideComparison(seen).passed) return
          passed++
          expect(canonicalRunStatus(status)).toBe('success')
          expect(rows).toEqual([0, 0, 0])
          expect(diffTableCount).toBe(0)
          expect(seen.results?.kind === 'data' && seen.results.totalTableCount).toBe(tables.length)
          for (const t of tables) expect(t.differences ?? 0).toBe(0)
        }
      ),
      { seed: 20261128, numRuns: 500 }
    )
    expect(passed).toBeGreaterThan(5)
  })
})
