import { afterEach, describe, expect, it } from '@jest/globals'
import type { HookAnswer, RunAnswerContext } from '../../simulator/types.js'
import { failureMessage, visibleText } from '../helpers/action-runner.js'
import { compareInputs, differsTitles, quickRun, reportOf } from '../helpers/comparison.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// An object whose correction SQL cannot be read is not verified: the step fails naming it, whatever
// fail-on-difference says. The simulator answers the first object asked for in the way under test.

afterEach(stopSimulators)

/** A correctionSql hook that answers the first object asked for with `answer`; the rest as usual. */
function firstObjectAnswered(answer: HookAnswer) {
  const hit: { progressId?: number } = {}
  const hook = (context: RunAnswerContext): HookAnswer | undefined => {
    hit.progressId ??= context.progressId
    return context.progressId === hit.progressId ? answer : undefined
  }
  return { hook, hit }
}

const CASES: [string, HookAnswer, string][] = [
  [
    'refused',
    { data: undefined, success: false, message: 'progressId does not belong to execId' },
    'progressId does not belong to execId (requestId sim-'
  ],
  [
    'an empty object',
    { data: {} },
    "NineData's answer does not have the documented shape: data.correctSql is missing"
  ],
  [
    'correctSql as a number',
    { data: { correctSql: 42 } },
    "NineData's answer does not have the documented shape: data.correctSql is not a string"
  ],
  [
    'a number for data',
    { data: 42 },
    "NineData's answer does not have the documented shape: the correction SQL call returned no data object"
  ]
]

describe('an object whose correction SQL cannot be read', () => {
  it.each(CASES)(
    'answered with %s fails the step naming it, even with fail-on-difference false',
    async (_name, answer, why) => {
      const { hook, hit } = firstObjectAnswered(answer)
      const scenario = quickRun('compare-same', {}, { correctionSqlAnswer: hook })
      const { result, sim } = await gate(
        scenario,
        compareInputs(scenario, { 'fail-on-difference': 'false' })
      )
      expect(result.exitCode).toBe(1)
      const object = sim.runs[0]?.objects.find(o => o.progressId === hit.progressId)
      const name = `${object?.schemaName}.${object?.objectName}`
      const message = failureMessage(result)
      expect(message).toContain(
        `The correction SQL of 1 object could not be read, so it is not verified: ${name} (`
      )
      expect(message).toContain(why)
      expect(message).toMatch(/An answer this action cannot verify is never a pass\.$/)
      // The other 11 were read; no count is claimed.
      expect(sim.count('correctionSql')).toBe(12)
      expect(result.outputs['comparison-status']).toBe('success')
      expect(result.outputs['difference-count']).toBeUndefined()
      expect(result.summary).toContain('## ❌ NineData schema comparison: no verdict')
      expect(visibleText(result.summary)).toMatch(/Objects\s+12 compared, 0 differ, 1 not verified/)
      const unread = reportOf(result).comparisonRun?.objects?.filter(o => o.unreadable)
      expect(unread).toEqual([
        expect.objectContaining({ progressId: String(hit.progressId), correctSql: null })
      ])
      expect(unread?.[0]?.unreadable).toContain(why)
    }
  )

  it('among differing objects still fails with fail-on-difference false; the SQL read is not handed over', async () => {
    const { hook, hit } = firstObjectAnswered({ data: { correctSql: ['ALTER TABLE x'] } })
    const scenario = quickRun('compare-differ', {}, { correctionSqlAnswer: hook })
    const { result, sim } = await gate(
      scenario,
      compareInputs(scenario, { 'fail-on-difference': 'false' })
    )
    expect(result.exitCode).toBe(1)
    const first = sim.runs[0]!.objects.find(o => o.progressId === hit.progressId)!
    expect(failureMessage(result)).toContain(
      `could not be read, so it is not verified: ${first.schemaName}.${first.objectName} (`
    )
    // The six that differ are still named, as errors: the step fails.
    expect(differsTitles(result, 'error')).toHaveLength(6)
    // Half a fix is never an output: the file says INCOMPLETE and names the object it lacks.
    expect(result.outputs['correction-sql-file']).toBeUndefined()
    const [name, text] = Object.entries(result.tempFiles).find(([n]) => n.endsWith('.sql')) ?? []
    expect(name).toMatch(/^ninedata-correction-\d+\.INCOMPLETE\.sql$/)
    expect(text).toMatch(/^-- INCOMPLETE: NOT the whole correction SQL of comparison run \d+\./)
    expect(text).toContain(`1 could not be read): progressId ${hit.progressId}.`)
    expect(text).toMatch(/\n-- END: INCOMPLETE \(1 of 130 objects are missing/)
    // A warning (an annotation, not a plain log line) says why the file is not the output.
    const warnings = result.annotations.filter(a => a.level === 'warning').map(a => a.message)
    expect(warnings.join('\n')).toMatch(
      /is not set as correction-sql-file \(it is INCOMPLETE: 1 of 130 objects/
    )
  })
})
