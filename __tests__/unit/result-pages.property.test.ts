import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseSchemaResultsPage, PAGE_SIZE } from '../../src/ninedata/comparison-api.js'
import { readPages, type Runner } from '../../src/phases/result-pages.js'
import { RequestWindow, runInWindow } from '../../src/phases/request-window.js'
import { FakeClock } from '../helpers/fake-clock.js'

// Result pages that lie, generated: pages repeated (a proxy that ignores pageNumber), shifted (gaps
// and overlaps), mislabelled, one progressId twice on a page, IDs spelled as numbers, strings and
// with leading zeros, totals that do not match. Whatever the pages do, reading them ends without a
// shape error only when every distinct object of the run was read, each once.

const TASK = 'cc-th6j3fs58y'
const EXEC = '46958'

type Fault =
  | { kind: 'none' }
  | { kind: 'repeat'; of: number }
  | { kind: 'shift'; by: number }
  | { kind: 'mislabel'; as: number }
  | { kind: 'label-missing' }
  | { kind: 'twice-on-page' }
  | { kind: 'empty' }
  | { kind: 'total'; delta: number }

const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('repeat' as const), of: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('shift' as const), by: fc.integer({ min: -150, max: 150 }) }),
  fc.record({ kind: fc.constant('mislabel' as const), as: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ kind: 'label-missing' as const }),
  fc.constant({ kind: 'twice-on-page' as const }),
  fc.constant({ kind: 'empty' as const }),
  fc.record({ kind: fc.constant('total' as const), delta: fc.integer({ min: -3, max: 3 }) })
)

/** How a progressId is spelled on the wire: 7, "7" or "007". */
const spelling = fc.constantFrom('number', 'string', 'zeros')

const server = fc.record({
  count: fc.integer({ min: 0, max: 420 }),
  faults: fc.array(fault, { minLength: 6, maxLength: 6 }),
  spellings: fc.array(spelling, { minLength: 1, maxLength: 7 }),
  parallel: fc.boolean()
})

type Server = typeof server extends fc.Arbitrary<infer S> ? S : never

function spell(id: number, how: string): unknown {
  return how === 'number' ? id : how === 'string' ? String(id) : `00${id}`
}

/** The answer to page `n` of a run of `count` objects, as the faulty server gives it. */
function answer(s: Server, n: number): unknown {
  const ids = Array.from({ length: s.count }, (_, i) => 9000 + i)
  const f = s.faults[n - 1] ?? { kind: 'none' }
  const from =
    (f.kind === 'repeat' ? f.of - 1 : n - 1) * PAGE_SIZE + (f.kind === 'shift' ? f.by : 0)
  let slice = f.kind === 'empty' ? [] : ids.slice(Math.max(0, from), Math.max(0, from + PAGE_SIZE))
  if (f.kind === 'twice-on-page' && slice.length > 1) slice = [...slice.slice(0, -1), slice[0]!]
  const label = f.kind === 'mislabel' ? f.as : n
  return {
    taskId: TASK,
    execId: Number(EXEC),
    ...(f.kind === 'label-missing' ? {} : { pageNum: label }),
    pageSize: PAGE_SIZE,
    total: s.count + (f.kind === 'total' ? f.delta : 0),
    compareResults: slice.map((id, i) => ({
      progressId: spell(id, s.spellings[(id + i) % s.spellings.length]!)
    }))
  }
}

function runnerFor(s: Server): Runner {
  if (!s.parallel) {
    return async (count, work) => {
      for (let i = 0; i < count; i++) await work(i)
    }
  }
  const clock = new FakeClock()
  const window = new RequestWindow(clock.now)
  return (count, work) =>
    runInWindow(window, count, work, { wait: ms => clock.sleep(ms), now: clock.now, maxAhead: 256 })
}

async function readAll(s: Server): Promise<{ ids: string[] } | { error: string }> {
  const ids: string[] = []
  try {
    await readPages(
      async n => {
        await new Promise(resolve => setImmediate(resolve))
        return parseSchemaResultsPage(answer(s, n), TASK, EXEC)
      },
      runnerFor(s),
      entries => ids.push(...entries.map(e => e.progressId))
    )
    return { ids }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

describe('result pages that repeat themselves, skip, or lie about what they are', () => {
  it('are never read as complete unless every distinct object was read once', async () => {
    await fc.assert(
      fc.asyncProperty(server, async s => {
        const read = await readAll(s)
        if ('error' in read) {
          expect(read.error).toMatch(/^NineData's answer does not have the documented shape: /)
          return
        }
        const expected = Array.from({ length: s.count }, (_, i) => String(9000 + i))
        expect(read.ids).toEqual(expected)
      }),
      { seed: 20_261_203, numRuns: 400 }
    )
  })

  it('read a run whose pages are right, whatever the IDs look like', async () => {
    await fc.assert(
      fc.asyncProperty(server, async s => {
        const honest = {
          ...s,
          faults: s.faults.map(f => (f.kind === 'label-missing' ? f : { kind: 'none' as const }))
        }
        const read = await readAll(honest)
        expect(read).toEqual({ ids: Array.from({ length: s.count }, (_, i) => String(9000 + i)) })
      }),
      { seed: 20_261_204, numRuns: 100 }
    )
  })

  it('name why: a repeat across pages, within a page, a mislabelled page, a total not reached', async () => {
    const base: Server = { count: 250, faults: [], spellings: ['number'], parallel: false }
    const none = { kind: 'none' as const }
    const cases: [Fault[], RegExp][] = [
      [
        [none, { kind: 'repeat', of: 1 }],
        /progressId 9000 is listed on page 1 and again on page 2/
      ],
      [[{ kind: 'twice-on-page' }], /progressId 9000 is listed twice on page 1/],
      [
        [none, { kind: 'mislabel', as: 1 }],
        /page 2 was asked for, but the answer says it is page 1/
      ],
      [[none, none, { kind: 'empty' }], /page 3 is empty, but only 200 of 250 results were listed/],
      [[none, { kind: 'total', delta: 1 }], /the total changed from 250 to 251/]
    ]
    for (const [faults, why] of cases) {
      const read = await readAll({ ...base, faults })
      expect(read).toEqual({ error: expect.stringMatching(why) })
    }
    const mixed = await readAll({ ...base, count: 2, spellings: ['number', 'string'] })
    expect(mixed).toEqual({ ids: ['9000', '9001'] })
  })
})
