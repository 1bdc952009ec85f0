import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { correctionSqlText, HEADER_BYTES } from '../../src/report/correction-sql-file.js'
import { correctionSqlFiles } from '../../src/report/correction-sql-writer.js'
import { SafeText } from '../../src/text/safe-text.js'
import { schemaObject } from '../helpers/comparison.js'

// The correction SQL file as it is written while objects are read: the same text the pure pieces
// make, a header of one size whatever it says, and a name that says INCOMPLETE when it is.

const safe = new SafeText(['hunter22'])

function written(
  objects: ReturnType<typeof schemaObject>[],
  missing?: Parameters<ReturnType<ReturnType<typeof correctionSqlFiles>>['finish']>[0]
) {
  const dir = mkdtempSync(join(tmpdir(), 'sql-writer-'))
  try {
    const sink = correctionSqlFiles(safe, dir)('46958')
    for (const o of objects) sink.add(o, o.correctSql ?? '')
    const facts = sink.finish(missing)
    const names = readdirSync(dir)
    return { facts, names, text: names[0] ? readFileSync(join(dir, names[0]), 'utf8') : '' }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the correction SQL file, written as objects are read', () => {
  const objects = [
    schemaObject('7', 'orders', 'ALTER TABLE orders ADD c INT; -- hunter22'),
    schemaObject('9', 'users', 'ALTER TABLE users\nDROP COLUMN d;\n')
  ]

  it('complete: named .sql, the header says COMPLETE, the text is what the pure pieces make', () => {
    const { facts, names, text } = written(objects)
    expect(names).toEqual(['ninedata-correction-46958.sql'])
    expect(facts).toMatchObject({ complete: true, objects: 2, missing: '' })
    expect(text).toBe(correctionSqlText({ differing: objects }, safe, '46958'))
    expect(Buffer.byteLength(text.slice(0, text.indexOf('\n-- progressId')))).toBe(HEADER_BYTES)
    expect(text).toMatch(
      /^-- Correction SQL from NineData: 2 differing objects of comparison run 46958\.\n-- COMPLETE: /
    )
    expect(text).not.toContain('hunter22')
  })

  it('incomplete: named .INCOMPLETE.sql, header and last line name what is missing', () => {
    const missing = {
      count: 3,
      of: 5,
      progressIds: ['11', '12', '13'],
      why: '3 were not read before timeout-seconds ran out'
    }
    const { facts, names, text } = written(objects, missing)
    expect(names).toEqual(['ninedata-correction-46958.INCOMPLETE.sql'])
    expect(facts).toMatchObject({ complete: false, objects: 2 })
    expect(
      text.startsWith('-- INCOMPLETE: NOT the whole correction SQL of comparison run 46958.')
    ).toBe(true)
    expect(text).toContain(
      '3 of 5 objects are missing (3 were not read before timeout-seconds ran out): progressId 11, 12, 13.'
    )
    expect(text).toMatch(/\n-- END: INCOMPLETE \(3 of 5 objects are missing/)
    expect(text).toBe(correctionSqlText({ differing: objects }, safe, '46958', missing))
  })

  it('writes no file when no object differs', () => {
    expect(written([])).toEqual({ facts: undefined, names: [], text: '' })
  })
})
