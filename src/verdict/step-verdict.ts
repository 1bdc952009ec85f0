import type { Ending } from '../ending.js'
import { decideComparison, type ComparisonSeen } from './comparison-verdict.js'
import { gateVerdict } from './gate-verdict.js'
import { decidePrecheck, type PrecheckSeen } from './precheck-verdict.js'
import type { Verdict } from './verdict-types.js'

// The step's verdict, decided once: each phase's verdict is made here as the phase ends, and the
// step's verdict from them. Nothing else in src/ decides a phase. Pure.

export interface StepVerdict {
  /** What passes or fails the step: the report shows it, the exit code follows it. */
  step: Verdict
  precheck: Verdict
  /** The comparison run's own verdict, when a run was started (or tried). */
  comparison?: Verdict | undefined
  runComparison: boolean
}

/** The verdict once the precheck has ended: the comparison has not run (yet). */
export function afterPrecheck(seen: PrecheckSeen, runComparison: boolean): StepVerdict {
  const precheck = decidePrecheck(seen)
  return { step: gateVerdict(precheck, undefined, runComparison), precheck, runComparison }
}

/** A comparison runs only when it was asked for and the precheck passed. */
export function comparisonMayStart(decided: StepVerdict): boolean {
  return decided.runComparison && decided.precheck.passed
}

/** The verdict once the comparison run has ended; the precheck's verdict stands as decided. */
export function afterComparison(decided: StepVerdict, seen: ComparisonSeen): StepVerdict {
  const comparison = decideComparison(seen)
  return {
    ...decided,
    step: gateVerdict(decided.precheck, comparison, decided.runComparison),
    comparison
  }
}

/** The verdict of a step that ended before any phase could (refused inputs, a bug). */
export function beforeAnyPhase(ending: Ending, runComparison: boolean): StepVerdict {
  return afterPrecheck(
    {
      ending,
      last: undefined,
      failedEarlier: [],
      vanished: [],
      tooManyItems: false,
      timeoutMs: 0,
      endedAt: 0
    },
    runComparison
  )
}
