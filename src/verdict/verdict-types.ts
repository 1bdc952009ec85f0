import type { PrecheckItem } from '../ninedata/api-types.js'

// What the step's verdict is made of. Types only.

export type VerdictKind = 'passed' | 'failed' | 'timeout' | 'cancelled' | 'error'

/** The input that, set to false, lets this verdict pass the step: only for plain findings. */
export type SoftInput = 'fail-on-failure' | 'fail-on-difference'

export interface Verdict {
  kind: VerdictKind
  /** True only when the step passes on its own merit. */
  passed: boolean
  /** What a user reads first: why the step passed or failed. May quote server text as received. */
  reason: string
  /** The phase the verdict is about. */
  phase: 'precheck' | 'comparison'
  /** Items Failed in the last answer, then items seen Failed earlier. */
  failedItems: PrecheckItem[]
  /** Set when the verdict is nothing but failed items or differences, all of them read and understood. */
  softenedBy?: SoftInput | undefined
}
