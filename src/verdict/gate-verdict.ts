import type { Verdict } from './verdict-types.js'

// The step's verdict from the verdicts of its phases. Pure.

/**
 * The precheck decides unless it passed and a comparison ran; a comparison that was asked for but
 * not run (the precheck did not pass) leaves nothing to soften: the precheck's failure stands.
 */
export function gateVerdict(
  precheck: Verdict,
  comparison: Verdict | undefined,
  runComparison: boolean
): Verdict {
  if (!precheck.passed) {
    if (!runComparison) return precheck
    // Said where it applies: a user who set fail-on-failure to false reads why it did not soften.
    const unsoftened =
      precheck.softenedBy === 'fail-on-failure'
        ? ' fail-on-failure: false does not soften this: with run-comparison true, a precheck that did not pass means nothing was compared.'
        : ''
    return {
      ...precheck,
      reason: `${precheck.reason} The comparison was not started (run-comparison is true).${unsoftened}`,
      softenedBy: undefined
    }
  }
  if (!comparison) return precheck
  return {
    ...comparison,
    reason: `The precheck passed. ${comparison.reason}`,
    failedItems: precheck.failedItems
  }
}
