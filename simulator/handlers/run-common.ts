import type { Exchange } from '../exchange.js'
import { hookBase, runHook } from '../hooks.js'
import type { ComparisonRun } from '../run-model.js'
import type { Comparison, RunAnswerContext, RunAnswerHook, RunScript } from '../types.js'

// What the comparison run's handlers share: finding the run asked for, and answering through the
// scenario's hook for the endpoint.

/** What the simulator would answer: `data` (undefined: an envelope without data) or a refusal. */
export type Outcome = { data: unknown } | { refusal: string }

export const scriptOf = (ex: Exchange): RunScript => ex.state.scenario.run ?? {}

export const comparisonOf = (ex: Exchange): Comparison => ex.comparison ?? 'schema'

/** The run of this path's comparison with `execId` (and `taskId`, when given). */
export function findRun(ex: Exchange, execId: number, taskId?: string): ComparisonRun | undefined {
  return ex.state.runs.find(
    run =>
      run.execId === execId &&
      run.comparison === comparisonOf(ex) &&
      (taskId === undefined || run.taskId === taskId)
  )
}

export interface Asked {
  taskId: string
  execId: number | undefined
  progressId?: number
}

export function runContext(ex: Exchange, asked: Asked, outcome: Outcome): RunAnswerContext {
  return {
    ...hookBase(ex),
    comparison: comparisonOf(ex),
    ...asked,
    query: Object.fromEntries(ex.query),
    natural: 'data' in outcome ? outcome.data : undefined,
    refusal: 'refusal' in outcome ? outcome.refusal : undefined
  }
}

/** Lets the hook answer; otherwise sends the outcome. */
export async function answerRun(
  ex: Exchange,
  hook: RunAnswerHook | undefined,
  asked: Asked,
  outcome: Outcome
): Promise<string> {
  const hooked = await runHook(ex, hook, runContext(ex, asked, outcome))
  if (hooked !== undefined) return hooked
  return 'refusal' in outcome ? ex.reply.refuse(outcome.refusal) : ex.reply.ok(outcome.data)
}
