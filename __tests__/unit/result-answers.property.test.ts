import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseCorrectionSql, parseTableDifferenceCount } from '../../src/ninedata/comparison-api.js'

// Answers about another object, task or run, generated: a correction SQL or difference details
// answer that names its task, run (execId), object (progressId) or page is used only when each one
// it names is the one asked about, however the number is spelled (7, "7", "007").

const asked = { taskId: 'cc-th6j3fs58y', execId: '46958', progressId: '2934527' }

type Field =
  { how: 'absent' } | { how: 'same'; spelling: number } | { how: 'other'; spelling: number }

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.constant({ how: 'absent' as const }),
  fc.record({ how: fc.constant('same' as const), spelling: fc.nat(2) }),
  fc.record({ how: fc.constant('other' as const), spelling: fc.nat(2) })
)

function idValue(digits: string, f: Field): unknown {
  if (f.how === 'absent') return undefined
  const value = f.how === 'same' ? digits : String(Number(digits) + 1)
  return [Number(value), value, `0${value}`][f.spelling]
}

function answerOf(fields: { task: Field; exec: Field; object: Field }, body: object) {
  const task =
    fields.task.how === 'absent'
      ? undefined
      : fields.task.how === 'same'
        ? asked.taskId
        : 'cc-other'
  return {
    ...body,
    ...(task !== undefined ? { taskId: task } : {}),
    ...(fields.exec.how !== 'absent' ? { execId: idValue(asked.execId, fields.exec) } : {}),
    ...(fields.object.how !== 'absent'
      ? { progressId: idValue(asked.progressId, fields.object) }
      : {})
  }
}

const fields = fc.record({ task: field, exec: field, object: field })
const isOther = (f: { task: Field; exec: Field; object: Field }): boolean =>
  [f.task, f.exec, f.object].some(x => x.how === 'other')

describe('answers about another object, task or run', () => {
  it('correction SQL is used only when every ID it names is the one asked about', () => {
    fc.assert(
      fc.property(fields, f => {
        const data = answerOf(f, { correctSql: 'ALTER TABLE t ADD c INT;' })
        if (isOther(f)) {
          expect(() => parseCorrectionSql(data, asked)).toThrow(/got an answer about/)
        } else {
          expect(parseCorrectionSql(data, asked)).toBe('ALTER TABLE t ADD c INT;')
        }
      }),
      { seed: 20_261_205, numRuns: 300 }
    )
  })

  it('difference details are used only for the table, run, task and page asked about', () => {
    const page = fc.oneof(fc.constant(undefined), fc.constant(1), fc.integer({ min: 2, max: 9 }))
    fc.assert(
      fc.property(fields, page, (f, pageNumber) => {
        const data = answerOf(f, {
          totalCount: 3,
          ...(pageNumber !== undefined ? { pageNumber } : {})
        })
        if (isOther(f) || (pageNumber ?? 1) !== 1) {
          expect(() => parseTableDifferenceCount(data, asked)).toThrow(
            /got an answer about|got page/
          )
        } else {
          expect(parseTableDifferenceCount(data, asked)).toBe(3)
        }
      }),
      { seed: 20_261_206, numRuns: 300 }
    )
  })
})
