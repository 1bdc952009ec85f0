import { describe, expect, it } from '@jest/globals'
import { ApiError } from '../../src/ninedata/api-errors.js'
import { ItemHistory, canonicalStatus, isSettled } from '../../src/status/precheck-status.js'
import { decidePrecheck, listLabels } from '../../src/verdict/precheck-verdict.js'
import { end, item, state } from '../helpers/builders.js'
import { countingText } from '../helpers/counting-text.js'

// A pass is a documented Success everywhere; anything else is never a pass.

describe('canonicalStatus', () => {
  it('reads statuses as ASCII, spaces trimmed, case ignored', () => {
    expect(canonicalStatus(' success ')).toBe('Success')
    expect(canonicalStatus('FAILED')).toBe('Failed')
    expect(canonicalStatus('running')).toBe('Running')
    expect(canonicalStatus('\tUnstarted')).toBe('Unstarted')
  })

  it('is linear on long runs of spaces around a status: each character read once', () => {
    const odd = countingText(`${' '.repeat(1_000_000)}x${' '.repeat(1_000_000)}`)
    expect(canonicalStatus(odd.text)).toBeUndefined()
    // Once each, from both ends; the character where the two meet, twice.
    expect(odd.reads()).toBeLessThanOrEqual(2_000_001 + 1)
    const padded = countingText(`${' '.repeat(100_000)}Success${'\t'.repeat(100_000)}`)
    expect(canonicalStatus(padded.text)).toBe('Success')
    expect(padded.reads()).toBeLessThanOrEqual(200_007 + 1)
  })

  it.each([
    'Failed\u200b',
    'F\u0430iled',
    'Failed.',
    'Fail',
    'Error',
    'Not Passed',
    'Succes\u0455',
    'SUCCESS\u0000',
    '\u00a0Success',
    'Success\n',
    '',
    '0',
    'false',
    'null'
  ])('does not take %j for a documented status', raw => {
    expect(canonicalStatus(raw)).toBeUndefined()
  })
})

describe('decidePrecheck', () => {
  it('passes only when the overall status and every item are Success', () => {
    const v = decidePrecheck(
      end('finished', state('Success', [item('Success'), item('SUCCESS', 'b')]))
    )
    expect(v).toMatchObject({ kind: 'passed', passed: true })
    expect(v.reason).toBe(
      'The precheck passed: NineData reported Success and all 2 check items succeeded.'
    )
  })

  it.each([
    'Error',
    'Fail',
    'FAILURE',
    'Timeout',
    'Failed.',
    'Not Passed',
    'Failed\u200b',
    'Failed\u0000',
    'F\u0430iled',
    '',
    '0',
    'false'
  ])('never passes an overall Success whose item says %j, and shows the value', status => {
    const v = decidePrecheck(
      end('finished', state('Success', [item('Success'), item(status, 'odd one')]))
    )
    expect(v.kind).toBe('error')
    expect(v.passed).toBe(false)
    expect(v.reason).toContain('odd one')
    expect(v.reason).toContain(
      JSON.stringify(status).replace(
        /[^\x20-\x7e]/g,
        c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      )
    )
  })

  it('never passes a Success that comes without a precheckItems list', () => {
    const missing = { ...state('Success', []), itemsMissing: true }
    expect(isSettled(missing)).toBe(true)
    const v = decidePrecheck(end('finished', missing))
    expect(v.kind).toBe('error')
    expect(v.reason).toMatch(/without a precheckItems list/)
    // An explicit empty list is an answer: nothing failed.
    expect(decidePrecheck(end('finished', state('Success', []))).kind).toBe('passed')
    // While running, a missing list is just "no items yet".
    expect(isSettled({ ...state('Running', []), itemsMissing: true })).toBe(false)
  })

  it('fails on an undocumented overall status at once', () => {
    const v = decidePrecheck(end('finished', state('Passed', [item('Success')])))
    expect(v.kind).toBe('error')
    expect(v.reason).toContain('the overall status "Passed"')
  })

  it('fails on Failed items, under an overall Failed or Success', () => {
    const failed = decidePrecheck(
      end('finished', state('Failed', [item('Success'), item('Failed', 'Perm')]))
    )
    expect(failed).toMatchObject({ kind: 'failed', passed: false })
    expect(failed.reason).toBe('The precheck failed: 1 check item of 2 failed: Perm.')
    const success = decidePrecheck(end('finished', state('Success', [item('failed', 'Perm')])))
    expect(success.kind).toBe('failed')
    expect(success.reason).toMatch(
      /^NineData reported Success, but 1 check item of 1 failed: Perm\./
    )
    expect(decidePrecheck(end('finished', state('Failed', []))).reason).toMatch(
      /without a failed check item/
    )
  })

  it('keeps a failure seen at an earlier poll', () => {
    const earlier = item('Failed', 'Flaky check', 'no privilege')
    const v = decidePrecheck(
      end('finished', state('Success', [item('Success')]), { failedEarlier: [earlier] })
    )
    expect(v.kind).toBe('failed')
    expect(v.failedItems).toEqual([earlier])
    expect(v.reason).toMatch(/Flaky check was seen Failed at an earlier poll/)
  })

  it('at the timeout, names items that never settled under an overall Success', () => {
    const v = decidePrecheck(
      end('timeout', state('Success', [item('Success'), item('Running', 'Slow check')]), {
        timeoutMs: 120_000
      })
    )
    expect(v.kind).toBe('timeout')
    expect(v.reason).toMatch(/within timeout-seconds \(120 s\)/)
    expect(v.reason).toMatch(/1 check item never reported a final status: Slow check/)
    expect(v.reason).toMatch(/Raise `timeout-seconds`/)
  })

  it('at the timeout, says how long NineData gave no usable answer and the last error', () => {
    const v = decidePrecheck(
      end('timeout', state('Running', []), {
        outage: {
          sinceMs: 1_000_000 - 95_000,
          lastError: new ApiError('transient', 'HTTP 503 with an empty body')
        },
        endedAt: 1_000_000
      })
    )
    expect(v.reason).toMatch(
      /no usable answer for the last 1m 35s; the last error: HTTP 503 with an empty body/
    )
  })

  it('never passes when cancelled, errored or without a status', () => {
    expect(decidePrecheck(end('cancelled', state('Success', []))).passed).toBe(false)
    expect(decidePrecheck(end('error', undefined, { error: 'bad' }))).toMatchObject({
      kind: 'error',
      reason: 'bad'
    })
    expect(decidePrecheck(end('finished', undefined)).kind).toBe('timeout')
  })
})

describe('isSettled', () => {
  it('waits on Unstarted/Running, and on Success with unfinished items', () => {
    expect(isSettled(state('Running', [item('Failed')]))).toBe(false)
    expect(isSettled(state('Success', [item('Success'), item('Running')]))).toBe(false)
    expect(isSettled(state('Success', [item('Success'), item('Failed')]))).toBe(true)
    expect(isSettled(state('Failed', [item('Running')]))).toBe(true)
  })

  it('settles at once on anything undocumented', () => {
    expect(isSettled(state('Running', [item('Weird')]))).toBe(true)
    expect(isSettled(state('Pending', []))).toBe(true)
  })
})

describe('ItemHistory', () => {
  it('remembers an item seen Failed that a later answer drops or reports otherwise', () => {
    const memory = new ItemHistory()
    const first = state('Running', [item('Failed', 'A'), item('Failed', 'B'), item('Running', 'C')])
    memory.note(first)
    const later = state('Success', [
      item('Success', 'A'),
      item('Failed', 'B'),
      item('Success', 'C')
    ])
    memory.note(later)
    expect(memory.failedEarlier(later).map(i => i.itemName)).toEqual(['A'])
    expect(memory.failedEarlier(state('Success', [])).map(i => i.itemName)).toEqual(['A', 'B'])
  })
})

describe('items seen at any poll', () => {
  it('an item that vanishes from the final answer is never a pass', () => {
    const history = new ItemHistory()
    const first = state('Running', [item('Running', 'A'), item('Running', 'B')])
    history.note(first)
    const last = state('Success', [item('Success', 'A')])
    history.note(last)
    const v = decidePrecheck(end('finished', last, { vanished: history.vanished(last) }))
    expect(v.kind).toBe('error')
    expect(v.reason).toContain('no longer lists 1 check item that was seen at an earlier poll: B')
  })

  it('an empty final list after items were seen is not a pass either', () => {
    const history = new ItemHistory()
    history.note(state('Running', [item('Running', 'A')]))
    const last = state('Success', [])
    expect(history.vanished(last).map(i => i.itemName)).toEqual(['A'])
    expect(decidePrecheck(end('finished', last, { vanished: history.vanished(last) })).passed).toBe(
      false
    )
  })

  it('softens failed items only when every other item succeeded', () => {
    const mixed = state('Failed', [
      item('Failed', 'A'),
      item('Running', 'B'),
      item('Unstarted', 'C')
    ])
    const v = decidePrecheck(end('finished', mixed))
    expect(v.kind).toBe('failed')
    expect(v.softenedBy).toBeUndefined()
    expect(v.reason).toContain('2 check items never reported a final status: B, C')
    const plain = decidePrecheck(
      end('finished', state('Failed', [item('Failed', 'A'), item('Success', 'B')]))
    )
    expect(plain.softenedBy).toBe('fail-on-failure')
  })
})

describe('listLabels', () => {
  it('names at most five items', () => {
    const items = Array.from({ length: 7 }, (_, i) => item('Failed', `n${i}`))
    expect(listLabels(items)).toBe('n0, n1, n2, n3, n4 and 2 more')
  })
})
