import type { PrecheckRun } from './state.js'
import type { Scenario, SimItem, StatusData } from './types.js'

// A scripted precheck at a point in time: each item Unstarted, Running, then its final status;
// the overall status follows the items (or the scenario's override).

function itemStatus(item: SimItem, elapsed: number): string {
  if (elapsed < (item.startAfterMs ?? 0)) return 'Unstarted'
  if (elapsed < item.doneAfterMs) return 'Running'
  return item.finalStatus
}

function overallStatus(scenario: Scenario, run: PrecheckRun, elapsed: number): string {
  if (scenario.stuckStatus) return scenario.stuckStatus
  const doneAt = scenario.durationMs ?? Math.max(0, ...run.items.map(i => i.doneAfterMs))
  if (elapsed < doneAt) return elapsed < 100 ? 'Unstarted' : 'Running'
  return (
    scenario.finalStatus ??
    (run.items.some(i => i.finalStatus.toLowerCase() === 'failed') ? 'Failed' : 'Success')
  )
}

/** Whether the precheck's overall status is final (Success or Failed, in any case) at `now`. */
export function precheckSettled(scenario: Scenario, run: PrecheckRun, now: number): boolean {
  const status = overallStatus(scenario, run, now - run.startedAt).toLowerCase()
  return status === 'success' || status === 'failed'
}

/** The status answer's `data` for `run` at `now` (ms, the scenario clock). */
export function precheckAnswer(
  scenario: Scenario,
  run: PrecheckRun,
  precheckTaskId: string,
  now: number
): StatusData {
  const elapsed = now - run.startedAt
  const precheckItems = run.items.map(item => {
    const status = itemStatus(item, elapsed)
    return {
      precheckItem: item.precheckItem,
      itemName: item.itemName,
      itemDescription: item.itemDescription,
      status,
      ...(status === item.finalStatus && item.errorMessage
        ? { errorMessage: item.errorMessage }
        : {})
    }
  })
  return {
    taskId: run.taskId,
    precheckTaskId,
    status: overallStatus(scenario, run, elapsed),
    precheckItems
  }
}
