import { afterEach, describe, expect, it } from '@jest/globals'
import type { HookAnswer, RunAnswerContext } from '../../simulator/types.js'
import { failureMessage } from '../helpers/action-runner.js'
import { compareInputs, quickRun, reportOf } from '../helpers/comparison.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// The bundle against result pages that repeat themselves and answers about something else. Each is
// never a pass, with fail-on-difference false too, and the message names what was wrong. The rules
// themselves are proven over generated inputs in the unit tests (result-pages, result-answers).

afterEach(stopSimulators)

type PageData = { pageNum: number; compareResults: { progressId: number }[] }

/** A results hook that keeps page 1 as NineData gave it, and answers page 2 with `page2(page1, natural)`. */
function secondPage(page2: (first: PageData, natural: PageData) => unknown) {
  let first: PageData | undefined
  return (context: RunAnswerContext): HookAnswer | undefined => {
    const natural = context.natural as PageData
    if (context.query['pageNumber'] === '1') first = natural
    return context.query['pageNumber'] === '2' && first
      ? { data: page2(first, natural) }
      : undefined
  }
}

const PAGES: [string, (first: PageData, natural: PageData) => unknown, RegExp][] = [
  [
    'a proxy that ignores pageNumber (page 1 again)',
    first => first,
    /page 2 was asked for, but the answer says it is page 1/
  ],
  [
    'page 1 again, labelled page 2',
    first => ({ ...first, pageNum: 2 }),
    /progressId \d+ is listed on page 1 and again on page 2: the pages repeat themselves/
  ],
  [
    'an object of page 1 again, its progressId as a string',
    (first, natural) => ({
      ...natural,
      compareResults: [
        { ...natural.compareResults[0], progressId: String(first.compareResults[0]!.progressId) },
        ...natural.compareResults.slice(1)
      ]
    }),
    /progressId \d+ is listed on page 1 and again on page 2/
  ],
  [
    'a page that lists one object twice',
    (_first, natural) => ({
      ...natural,
      compareResults: [...natural.compareResults.slice(0, -1), natural.compareResults[0]]
    }),
    /progressId \d+ is listed twice on page 2/
  ]
]

describe('result pages that repeat themselves', () => {
  it.each(PAGES)('%s: never a pass, and says why', async (_name, page2, why) => {
    // compare-same has 12 objects on one page: 130 consistent objects need two pages.
    const scenario = quickRun('compare-differ', {}, { resultsAnswer: secondPage(page2) })
    const objects = scenario.run!.objects!
    const same = {
      ...scenario,
      run: { ...scenario.run, objects: () => objects('').map(o => ({ ...o, correctSql: '' })) }
    }
    const { result } = await gate(same, compareInputs(same, { 'fail-on-difference': 'false' }))
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(why)
    expect(failureMessage(result)).toMatch(/This is not treated as a pass\.$/)
    expect(result.outputs['difference-count']).toBeUndefined()
    expect(result.outputs['correction-sql-file']).toBeUndefined()
  })
})

/** A hook that answers the first object or table asked for with `answer(context)`. */
function firstAsked(answer: (context: RunAnswerContext) => HookAnswer) {
  let hit: number | undefined
  return (context: RunAnswerContext): HookAnswer | undefined => {
    hit ??= context.progressId
    return context.progressId === hit ? answer(context) : undefined
  }
}

describe('answers about another object, task or run', () => {
  const ABOUT: [string, (c: RunAnswerContext) => Record<string, unknown>, RegExp][] = [
    [
      'another object',
      c => ({ progressId: (c.progressId ?? 0) + 1 }),
      /got an answer about progressId/
    ],
    ['another run', c => ({ execId: String((c.execId ?? 0) + 1) }), /got an answer about run/],
    ['another task', () => ({ taskId: 'cc-someoneelse' }), /got an answer about cc-someoneelse/]
  ]

  it.each(ABOUT)(
    'correction SQL about %s leaves that object unverified',
    async (_n, about, why) => {
      // The SQL says "consistent": read as this object's, it would make a pass.
      const hook = firstAsked(c => ({ data: { correctSql: '', ...about(c) } }))
      const scenario = quickRun('compare-same', {}, { correctionSqlAnswer: hook })
      const { result } = await gate(
        scenario,
        compareInputs(scenario, { 'fail-on-difference': 'false' })
      )
      expect(result.exitCode).toBe(1)
      expect(failureMessage(result)).toMatch(
        /The correction SQL of 1 object could not be read, so it is not verified/
      )
      expect(failureMessage(result)).toMatch(why)
      const unread = reportOf(result).comparisonRun?.objects?.filter(o => o.unreadable) ?? []
      expect(unread).toHaveLength(1)
      expect(result.outputs['difference-count']).toBeUndefined()
    }
  )

  it('a per-table answer about another table or page leaves that table unverified', async () => {
    for (const about of [
      (c: RunAnswerContext) => ({ progressId: (c.progressId ?? 0) + 1 }),
      () => ({ pageNumber: 2 })
    ]) {
      const hook = firstAsked(c => ({ data: { ...(c.natural as object), ...about(c) } }))
      const scenario = quickRun('data-compare-differ', {}, { diffDetailsAnswer: hook })
      const { result } = await gate(
        scenario,
        compareInputs(scenario, { 'fail-on-difference': 'false' })
      )
      expect(result.exitCode).toBe(1)
      expect(failureMessage(result)).toMatch(/The differences of 1 table could not be read/)
      expect(failureMessage(result)).toMatch(/got an answer about progressId|got page 2/)
      expect(result.outputs['difference-count']).toBeUndefined()
      await stopSimulators()
    }
  })
})
