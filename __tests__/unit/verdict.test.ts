import { describe, expect, it } from '@jest/globals'
import {
  canonicalStatus,
  countItems,
  decideVerdict,
  isTerminal,
  listLabels
} from '../../src/verdict.js'
import { item, state } from './fixtures.js'

describe('verdict', () => {
  it('passes only on an overall Success without failed items', () => {
    const v = decideVerdict('finished', state('Success', [item('Success'), item('Success', 'b')]))
    expect(v).toMatchObject({
      kind: 'passed',
      passed: true,
      reason: 'The precheck passed: all 2 check items succeeded.'
    })
  })

  it('fails on an overall Failed, with or without items', () => {
    expect(decideVerdict('finished', state('Failed', [])).reason).toMatch(
      /without a failed check item/
    )
    const v = decideVerdict(
      'finished',
      state('Failed', [item('Success'), item('Failed', 'Perm check')])
    )
    expect(v).toMatchObject({ kind: 'failed', passed: false })
    expect(v.reason).toBe('The precheck failed: 1 check item of 2 failed: Perm check.')
    expect(v.failedItems.map(i => i.itemName)).toEqual(['Perm check'])
  })

  it('fails on a Failed item under an overall Success', () => {
    const v = decideVerdict('finished', state('Success', [item('Failed', 'x')]))
    expect(v).toMatchObject({ kind: 'failed', passed: false })
    expect(v.reason).toMatch(/NineData reported Success, but 1 check item of 1 failed: x/)
  })

  it('never passes on a timeout, a cancel, an error or an undocumented status', () => {
    expect(decideVerdict('timeout', state('Running', [])).passed).toBe(false)
    expect(decideVerdict('timeout', state('Paused', [])).reason).toMatch(
      /"Paused".*not one NineData documents/
    )
    expect(decideVerdict('timeout', undefined).reason).toMatch(/No status was seen/)
    expect(decideVerdict('cancelled', state('Running', [])).kind).toBe('cancelled')
    expect(decideVerdict('error', state('Success', []), 'bad').reason).toBe('bad')
    expect(decideVerdict('finished', state('Paused', [])).passed).toBe(false)
  })

  it('passes an overall Success with unsettled items but names them', () => {
    const v = decideVerdict(
      'finished',
      state('Success', [item('Success'), item('Running', 'slow one')])
    )
    expect(v.passed).toBe(true)
    expect(v.unsettledItems.map(i => i.itemName)).toEqual(['slow one'])
    expect(v.reason).toMatch(/1 of 2 check items reported no final status: slow one/)
    expect(decideVerdict('finished', state('Success', [])).reason).toMatch(
      /returned no check items/
    )
    expect(decideVerdict('finished', state('Success', [item('Success')])).reason).toBe(
      'The precheck passed: the check item succeeded.'
    )
  })

  it('reads the documented statuses case-insensitively and nothing else', () => {
    expect(canonicalStatus(' SUCCESS ')).toBe('Success')
    expect(canonicalStatus('failed')).toBe('Failed')
    expect(canonicalStatus('Succeeded')).toBeUndefined()
    expect(isTerminal('Running')).toBe(false)
    expect(isTerminal('Unstarted')).toBe(false)
    expect(isTerminal('FAILED')).toBe(true)
  })

  it('counts and lists items', () => {
    expect(countItems([item('Success'), item('Failed'), item('Running'), item('weird')])).toEqual({
      total: 4,
      done: 2,
      failed: 1
    })
    const many = Array.from({ length: 8 }, (_, i) => item('Failed', `n${i}`))
    expect(listLabels(many)).toBe('n0, n1, n2, n3, n4 and 3 more')
  })
})
