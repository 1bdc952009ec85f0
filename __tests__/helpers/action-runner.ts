import type { ActionResult } from '../../scripts/lib/action-runner.js'

// The runner stand-in lives with the commands that share it (scripts/lib/action-runner.ts); the tests
// import it from here, and add the readers only assertions need.
export {
  ACTION_NODE,
  ACTION_YML,
  BUNDLE,
  collectOutput,
  ROOT,
  inputEnv,
  parseAnnotations,
  parseCommands,
  parseOutputFile,
  runAction,
  startAction,
  visibleText,
  type ActionResult,
  type ActionRun,
  type Annotation,
  type RunOptions,
  type WorkflowCommand
} from '../../scripts/lib/action-runner.js'

/** The warnings the client logs before each retry. */
export const retryWarnings = (result: ActionResult): string[] =>
  result.annotations
    .filter(a => a.level === 'warning' && /Retrying in/.test(a.message))
    .map(a => a.message)

/** The step's failure message (core.setFailed: the one error annotation without a title). */
export function failureMessage(result: ActionResult): string {
  const errors = result.annotations.filter(a => a.level === 'error' && a.title === undefined)
  const [only] = errors
  if (errors.length !== 1 || only === undefined)
    throw new Error(`expected one step failure, got ${errors.length}`)
  return only.message
}
