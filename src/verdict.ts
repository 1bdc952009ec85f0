import { toLine } from './report/text.js'
import {
  PRECHECK_STATUSES,
  type PrecheckItem,
  type PrecheckState,
  type PrecheckStatus
} from './ninedata/types.js'

// What the precheck's answer means for the step. Pure. A wrong green is the worst bug this action
// can have, so everything that is not a documented Success counts against passing.

/** The documented status a server string stands for (case and spaces ignored), if any. */
export function canonicalStatus(status: string): PrecheckStatus | undefined {
  const wanted = status.trim().toLowerCase()
  return PRECHECK_STATUSES.find(s => s.toLowerCase() === wanted)
}

export function isTerminal(status: string): boolean {
  const canonical = canonicalStatus(status)
  return canonical === 'Success' || canonical === 'Failed'
}

export function isFailedItem(item: PrecheckItem): boolean {
  return canonicalStatus(item.status) === 'Failed'
}

export interface ItemCounts {
  total: number
  done: number
  failed: number
}

export function countItems(items: readonly PrecheckItem[]): ItemCounts {
  let done = 0
  let failed = 0
  for (const item of items) {
    const status = canonicalStatus(item.status)
    if (status === 'Success' || status === 'Failed') done++
    if (status === 'Failed') failed++
  }
  return { total: items.length, done, failed }
}

/** How the wait ended. */
export type Outcome = 'finished' | 'timeout' | 'cancelled' | 'error'

export type VerdictKind = 'passed' | 'failed' | 'timeout' | 'cancelled' | 'error'

export interface Verdict {
  kind: VerdictKind
  /** True only when the step should pass (before fail-on-failure is applied). */
  passed: boolean
  /** One sentence a user reads first: why the step passed or failed. */
  reason: string
  failedItems: PrecheckItem[]
  /** Items that are neither Success nor Failed under an overall Success (reported, not fatal). */
  unsettledItems: PrecheckItem[]
}

export function decideVerdict(
  outcome: Outcome,
  state: PrecheckState | undefined,
  errorMessage?: string
): Verdict {
  const items = state?.precheckItems ?? []
  const failedItems = items.filter(isFailedItem)
  const base = { failedItems, unsettledItems: [] as PrecheckItem[] }
  const seen = state
    ? ` The last status seen was ${JSON.stringify(state.status)}.`
    : ' No status was seen.'
  if (outcome === 'error') {
    return { ...base, kind: 'error', passed: false, reason: errorMessage ?? 'The action failed.' }
  }
  if (outcome === 'cancelled') {
    return {
      ...base,
      kind: 'cancelled',
      passed: false,
      reason: `The wait was cancelled before the precheck finished.${seen}`
    }
  }
  if (outcome === 'timeout' || !state) {
    const unknown =
      state && !canonicalStatus(state.status) ? ` That status is not one NineData documents.` : ''
    return {
      ...base,
      kind: 'timeout',
      passed: false,
      reason: `The precheck did not finish within timeout-seconds.${seen}${unknown}`
    }
  }
  const overall = canonicalStatus(state.status)
  const failedNames = failedItems.length > 0 ? `: ${listLabels(failedItems)}` : ''
  if (overall === 'Failed') {
    return {
      ...base,
      kind: 'failed',
      passed: false,
      reason:
        failedItems.length > 0
          ? `The precheck failed: ${plural(failedItems.length, 'check item')} of ${items.length} failed${failedNames}.`
          : 'The precheck failed (NineData reported the overall status Failed without a failed check item).'
    }
  }
  if (overall === 'Success' && failedItems.length > 0) {
    return {
      ...base,
      kind: 'failed',
      passed: false,
      reason: `NineData reported Success, but ${plural(failedItems.length, 'check item')} of ${items.length} failed${failedNames}.`
    }
  }
  if (overall === 'Success') {
    const unsettledItems = items.filter(item => canonicalStatus(item.status) !== 'Success')
    let reason: string
    if (items.length === 0) {
      reason = 'The precheck passed: NineData reported Success and returned no check items.'
    } else if (unsettledItems.length === 0) {
      reason = `The precheck passed: ${items.length === 1 ? 'the check item' : `all ${items.length} check items`} succeeded.`
    } else {
      reason =
        `The precheck passed: NineData reported Success, but ${unsettledItems.length} of ${plural(items.length, 'check item')} ` +
        `reported no final status: ${listLabels(unsettledItems)}.`
    }
    return { failedItems, unsettledItems, kind: 'passed', passed: true, reason }
  }
  // Only reachable if a caller reports "finished" for a non-terminal status: never a pass.
  return {
    ...base,
    kind: 'error',
    passed: false,
    reason: `The precheck ended with status ${JSON.stringify(state.status)}, which is not a pass.`
  }
}

export function itemLabel(item: PrecheckItem): string {
  return item.itemName || item.precheckItem || '(unnamed item)'
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** "A, B, C and 12 more": names for a one-line message, however many items there are. */
export function listLabels(items: readonly PrecheckItem[], max = 5): string {
  // Server text in a one-line message: no newlines or control characters, bounded length.
  const names = items.slice(0, max).map(item => toLine(itemLabel(item), 100))
  const rest = items.length - names.length
  return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ')
}
