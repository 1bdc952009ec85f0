import { describe, expect, it } from '@jest/globals'
import type { Ending } from '../../src/ending.js'
import {
  parseCorrectionSql,
  parseRunState,
  parseSchemaResultsPage,
  parseTableSummaryPage
} from '../../src/ninedata/comparison-api.js'
import type { DataTable, RunState, SchemaObject } from '../../src/ninedata/api-types.js'
import { stepFails } from '../../src/report/report-model.js'
import { correctionSqlText } from '../../src/report/correction-sql-file.js'
import { isRunSettled } from '../../src/status/run-status.js'
import { SafeText } from '../../src/text/safe-text.js'
import {
  decideComparison,
  differencesOf,
  type ComparisonSeen
} from '../../src/verdict/comparison-verdict.js'
import { gateVerdict } from '../../src/verdict/gate-verdict.js'
import { decidePrecheck } from '../../src/verdict/precheck-verdict.js'
import { end, item, report, state } from '../helpers/builders.js'

// The comparison run's rules: reading its answers strictly, and what they mean for the step.

const FINISHED: Ending = { how: 'finished' }

function run(status: string, rows?: Partial<NonNullable<RunState['rows']>>): RunState {
  return {
    taskId: 'cc-1',
    execId: '42',
    status,
    errorMessage: '',
    raw: { status },
    ...(rows
      ? {
          rows: {
            differenceRows: 0,
            onlySourceRows: 0,
            onlyTargetRows: 0,
            skippedTables: 0,
            ...rows
          }
        }
      : {})
  }
}

function object(
  progressId: string,
  correctSql: string | undefined,
  name = `t${progressId}`
): SchemaObject {
  return {
    kind: 'object',
    progressId,
    raw: { progressId: Number(progressId), objectName: name },
    ...(correctSql === undefined ? { unreadable: 'NineData said "no"' } : { correctSql })
  }
}

function table(progressId: string, differences?: number): DataTable {
  return {
    kind: 'table',
    progressId,
    schemaName: 'app',
    tableName: `t${progressId}`,
    targetSchemaName: 'app',
    targetTableName: `t${progressId}`,
    raw: {},
    ...(differences !== undefined ? { differences } : {})
  }
}

function seen(extra: Partial<ComparisonSeen>): ComparisonSeen {
  return {
    kind: 'schema',
    ending: FINISHED,
    execId: '42',
    last: run('success'),
    stage: 'results',
    timeoutMs: 900_000,
    endedAt: 1_000_000,
    ...extra
  }
}

describe('reading the run answers', () => {
  it('takes an execId as a safe integer or a string of digits, nothing else', () => {
    expect(parseRunState({ execId: 42, status: 'running' }, 'schema', 'cc-1', '42').execId).toBe(
      '42'
    )
    expect(parseRunState({ id: '42', status: 'success' }, 'data', 'cd-1', '42').status).toBe(
      'success'
    )
    expect(() => parseRunState({ execId: 43, status: 'running' }, 'schema', 'cc-1', '42')).toThrow(
      'asked about run 42, got an answer about run 43'
    )
    expect(() =>
      parseRunState({ execId: Number.POSITIVE_INFINITY, status: 'x' }, 'schema', 'cc-1', '42')
    ).toThrow('not a whole number')
    expect(() => parseRunState({ taskId: 'cc-2', status: 'x' }, 'schema', 'cc-1', '42')).toThrow(
      'got an answer about cc-2'
    )
  })

  it('reads data row counts that arrive as numbers or digit strings', () => {
    const state = parseRunState(
      {
        id: 7,
        status: 'success',
        differenceRows: '3',
        onlySourceRows: 1,
        onlyTargetRows: 0,
        skipTableCount: '2'
      },
      'data',
      'cd-1',
      '7'
    )
    expect(state.rows).toEqual({
      differenceRows: 3,
      onlySourceRows: 1,
      onlyTargetRows: 0,
      skippedTables: 2
    })
    expect(() =>
      parseRunState({ status: 'success', differenceRows: -1 }, 'data', 'cd-1', '7')
    ).toThrow('differenceRows')
  })

  it('reads result pages strictly', () => {
    const page = parseSchemaResultsPage(
      {
        taskId: 'cc-1',
        execId: 42,
        pageNum: 1,
        total: 2,
        compareResults: [{ progressId: 1 }, { progressId: '2' }]
      },
      'cc-1',
      '42'
    )
    expect(page.entries.map(e => e.progressId)).toEqual(['1', '2'])
    expect(() => parseSchemaResultsPage({ total: 1, compareResults: [{}] }, 'cc-1', '42')).toThrow(
      'progressId is missing'
    )
    expect(() =>
      parseSchemaResultsPage({ execId: 41, total: 0, compareResults: [] }, 'cc-1', '42')
    ).toThrow('an answer about run 41')
    const tables = parseTableSummaryPage(
      {
        totalTableCount: 1,
        diffTableCount: 0,
        tableSummaries: [{ progressId: 9, schemaName: 's', tableName: 't' }]
      },
      'cd-1',
      '42'
    )
    expect(tables.entries[0]).toMatchObject({ progressId: '9', schemaName: 's', tableName: 't' })
  })

  it("reads correction SQL: a string, or null/'' for none; anything else is not verified", () => {
    const asked = { taskId: 'cc-1', execId: '42', progressId: '7' }
    expect(parseCorrectionSql({ correctSql: 'ALTER TABLE t ADD c INT;' }, asked)).toBe(
      'ALTER TABLE t ADD c INT;'
    )
    expect(parseCorrectionSql({ correctSql: null }, asked)).toBe('')
    expect(parseCorrectionSql({ correctSql: '' }, asked)).toBe('')
    expect(() => parseCorrectionSql({}, asked)).toThrow('data.correctSql is missing')
    expect(() => parseCorrectionSql({ correctSql: 1 }, asked)).toThrow('not a string')
    expect(() => parseCorrectionSql(null, asked)).toThrow('no data object')
  })
})

describe('run statuses', () => {
  it('waits on starting and running only', () => {
    expect(isRunSettled('running')).toBe(false)
    expect(isRunSettled(' Starting ')).toBe(false)
    for (const s of ['success', 'failed', 'stopped', 'Success\u200b', 'done', '']) {
      expect(isRunSettled(s)).toBe(true)
    }
  })
})

describe('decideComparison', () => {
  it('passes a successful run whose every object has no correction SQL', () => {
    const v = decideComparison(
      seen({ results: { kind: 'schema', total: 2, objects: [object('1', ''), object('2', '')] } })
    )
    expect(v).toMatchObject({ kind: 'passed', passed: true, phase: 'comparison' })
  })

  it('counts objects with correction SQL as differences, softenable by fail-on-difference', () => {
    const v = decideComparison(
      seen({
        results: {
          kind: 'schema',
          total: 3,
          objects: [object('1', ''), object('2', 'ALTER ...;'), object('3', ' ')]
        }
      })
    )
    expect(v).toMatchObject({ kind: 'failed', softenedBy: 'fail-on-difference' })
    expect(v.reason).toContain('found differences (2 of 3 objects differ): t2, t3')
  })

  it('never passes an object whose correction SQL could not be read', () => {
    const v = decideComparison(
      seen({
        results: { kind: 'schema', total: 2, objects: [object('1', ''), object('2', undefined)] }
      })
    )
    expect(v.kind).toBe('error')
    expect(v.softenedBy).toBeUndefined()
    expect(v.reason).toContain('could not be read')
    expect(v.reason).toContain('t2')
  })

  it('never passes a total that does not match what was listed', () => {
    const v = decideComparison(
      seen({ results: { kind: 'schema', total: 3, objects: [object('1', '')] } })
    )
    expect(v.kind).toBe('error')
    expect(v.reason).toContain('reported 3 objects but listed 1')
  })

  it('fails a failed or stopped run, never softened', () => {
    const failed = decideComparison(
      seen({ last: { ...run('failed'), errorMessage: 'source unreachable' } })
    )
    expect(failed).toMatchObject({ kind: 'failed' })
    expect(failed.softenedBy).toBeUndefined()
    expect(failed.reason).toContain('ended failed: source unreachable')
    expect(decideComparison(seen({ kind: 'data', last: run('stopped') })).passed).toBe(false)
  })

  it('never passes nor waits on an undocumented run status', () => {
    const v = decideComparison(seen({ last: run('Success\u200b') }))
    expect(v.kind).toBe('error')
    expect(v.reason).toContain('"Success\\u200b"')
  })

  it('says which stage ran out of time', () => {
    const t = decideComparison(
      seen({ ending: { how: 'timeout' }, last: run('running'), stage: 'run' })
    )
    expect(t.kind).toBe('timeout')
    expect(t.reason).toContain('The comparison run 42 did not finish within timeout-seconds')
    const r = decideComparison(seen({ ending: { how: 'timeout' }, stage: 'results' }))
    expect(r.reason).toContain('Reading the results of comparison run 42')
  })

  it('never passes data counts that contradict each other', () => {
    const rowsButNoTable = decideComparison(
      seen({
        kind: 'data',
        last: run('success', { differenceRows: 5 }),
        results: { kind: 'data', totalTableCount: 1, diffTableCount: 0, tables: [table('1')] }
      })
    )
    expect(rowsButNoTable.kind).toBe('error')
    expect(rowsButNoTable.reason).toContain('contradict')
    const tableButNoRows = decideComparison(
      seen({
        kind: 'data',
        last: run('success'),
        results: { kind: 'data', totalTableCount: 1, diffTableCount: 1, tables: [table('1', 0)] }
      })
    )
    expect(tableButNoRows.kind).toBe('error')
    const perTable = decideComparison(
      seen({
        kind: 'data',
        last: run('success', { onlySourceRows: 4 }),
        results: {
          kind: 'data',
          totalTableCount: 2,
          diffTableCount: 2,
          tables: [table('1', 4), table('2', 0)]
        }
      })
    )
    expect(perTable.kind).toBe('error')
    expect(perTable.reason).toContain('diffTableCount is 2, but 1 table has differing records')
  })

  it('counts data differences as rows and names the tables', () => {
    const s = seen({
      kind: 'data',
      last: run('success', { differenceRows: 2, onlySourceRows: 1, onlyTargetRows: 1 }),
      results: {
        kind: 'data',
        totalTableCount: 2,
        diffTableCount: 1,
        tables: [table('1', 4), table('2', 0)]
      }
    })
    const v = decideComparison(s)
    expect(v).toMatchObject({ kind: 'failed', softenedBy: 'fail-on-difference' })
    expect(v.reason).toContain('(4 rows differ, in 1 of 2 tables): app.t1')
    expect(differencesOf(s.results!, s.last).count).toBe(4)
    const missing = decideComparison({ ...s, last: run('success') })
    expect(missing.reason).toContain('did not report differenceRows')
  })
})

describe('the step verdict', () => {
  const passedPrecheck = decidePrecheck(end('finished', state('Success', [item('Success')])))
  const failedPrecheck = decidePrecheck(end('finished', state('Failed', [item('Failed', 'A')])))

  it('keeps fail-on-failure out of a gate that asked for a comparison', () => {
    expect(gateVerdict(failedPrecheck, undefined, false).softenedBy).toBe('fail-on-failure')
    const asked = gateVerdict(failedPrecheck, undefined, true)
    expect(asked.softenedBy).toBeUndefined()
    expect(asked.reason).toContain('The comparison was not started')
  })

  it('softens differences only with fail-on-difference: false', () => {
    const differ = decideComparison(
      seen({ results: { kind: 'schema', total: 1, objects: [object('1', 'DROP TABLE x;')] } })
    )
    const verdict = gateVerdict(passedPrecheck, differ, true)
    expect(verdict.reason).toMatch(/^The precheck passed\. The comparison run 42 found differences/)
    expect(stepFails(report('finished', undefined, { verdict }))).toBe(true)
    expect(stepFails(report('finished', undefined, { verdict, failOnDifference: false }))).toBe(
      false
    )
    expect(stepFails(report('finished', undefined, { verdict, failOnFailure: false }))).toBe(true)
  })
})

describe('the correction SQL file', () => {
  it('keeps every object name inside its one-line comment', () => {
    const safe = new SafeText(['hunter22'])
    const hostile = object('1', 'ALTER TABLE t ADD c INT;', 'evil\nDROP TABLE users; -- hunter22')
    const text = correctionSqlText({ count: 1, differing: [hostile], unverified: [] }, safe)
    const lines = text.split('\n')
    expect(lines.some(line => line.startsWith('DROP TABLE'))).toBe(false)
    expect(text).toContain('-- progressId 1: evil ⏎ DROP TABLE users; -- ***')
    expect(text).toContain('ALTER TABLE t ADD c INT;\n')
    expect(text).not.toContain('hunter22')
  })
})
