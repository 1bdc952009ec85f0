import { stepFails, type Report } from '../report/report-model.js'

// The command line's exit code, from the one verdict: scripts tell "NineData said no" (1) from "we
// could not ask" (3). Decided here only.

export const EXIT_CODES = {
  passed: 0,
  /** Failed check items or differences: NineData's answer, read and understood. */
  failed: 1,
  /** Bad usage or inputs: nothing was asked. */
  usage: 2,
  /** No verdict: timeout, cancelled, unreachable, rejected key, an answer that could not be verified. */
  noVerdict: 3
} as const

export function exitCodeOf(
  report: Report,
  step: { inputsRefused?: boolean | undefined; reported: boolean }
): number {
  if (step.inputsRefused) return EXIT_CODES.usage
  // A pass whose reports could not be written is not a pass a pipeline can show.
  if (!stepFails(report)) return step.reported ? EXIT_CODES.passed : EXIT_CODES.noVerdict
  return report.verdict.kind === 'failed' ? EXIT_CODES.failed : EXIT_CODES.noVerdict
}
