import { describe, expect, it } from '@jest/globals'
import {
  afterComparison,
  afterPrecheck,
  beforeAnyPhase,
  comparisonMayStart
} from '../../src/verdict/step-verdict.js'
import { end, item, state } from '../helpers/builders.js'
import { runSeen, runState } from '../helpers/comparison.js'

// The step's verdict is decided once, as each phase ends: the decision that lets the comparison
// start is the one the report shows, and the comparison's end never judges the precheck again.

const passed = end('finished', state('Success', [item('Success')]))
const failed = end('finished', state('Failed', [item('Failed', 'A')]))

describe('the step verdict, phase by phase', () => {
  it('lets the comparison start only when it was asked for and the precheck passed', () => {
    expect(comparisonMayStart(afterPrecheck(passed, true))).toBe(true)
    expect(comparisonMayStart(afterPrecheck(passed, false))).toBe(false)
    expect(comparisonMayStart(afterPrecheck(failed, true))).toBe(false)
    expect(comparisonMayStart(afterPrecheck(failed, false))).toBe(false)
  })

  it('is the precheck verdict when no comparison may start, saying the comparison did not run', () => {
    const decided = afterPrecheck(failed, true)
    expect(decided.step.kind).toBe('failed')
    expect(decided.step.phase).toBe('precheck')
    expect(decided.step.reason).toContain(
      'The comparison was not started (run-comparison is true).'
    )
    expect(decided.comparison).toBeUndefined()
    expect(afterPrecheck(failed, false).step.softenedBy).toBe('fail-on-failure')
  })

  it('keeps the precheck as decided and takes the step verdict from the comparison run', () => {
    const decided = afterPrecheck(passed, true)
    const after = afterComparison(decided, runSeen({ last: runState('failed') }))
    expect(after.precheck).toBe(decided.precheck)
    expect(after.comparison?.kind).toBe('failed')
    expect(after.step).toMatchObject({ kind: 'failed', phase: 'comparison', passed: false })
    expect(after.step.reason).toMatch(
      /^The precheck passed\. The comparison run 46958 ended failed/
    )
  })

  it('fails a step that ended before any phase, with its message', () => {
    const refused = beforeAnyPhase({ how: 'error', message: '`task-id` is required.' }, false)
    expect(refused.step).toMatchObject({ kind: 'error', passed: false, phase: 'precheck' })
    expect(refused.step.reason).toBe('`task-id` is required.')
    expect(comparisonMayStart(refused)).toBe(false)
  })
})
