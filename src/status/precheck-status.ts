import {
  PRECHECK_STATUSES,
  type PrecheckItem,
  type PrecheckState,
  type PrecheckStatus
} from '../ninedata/api-types.js'
import { canonicalWord } from './status-word.js'

// The precheck's status vocabulary: which strings are documented statuses, when an answer is final,
// and what the items of every poll add up to. Pure.

/** The documented status a server string stands for: ASCII only, spaces trimmed, case ignored. */
export function canonicalStatus(status: string): PrecheckStatus | undefined {
  return canonicalWord(status, PRECHECK_STATUSES)
}

export const isFinalStatus = (s: PrecheckStatus | undefined): boolean =>
  s === 'Success' || s === 'Failed'

export function itemLabel(item: PrecheckItem): string {
  return item.itemName || item.precheckItem || '(unnamed item)'
}

/** Items whose status is not one NineData documents (empty, look-alikes, anything else). */
export function oddItems(state: PrecheckState): PrecheckItem[] {
  return state.precheckItems.filter(item => canonicalStatus(item.status) === undefined)
}

/** A Success without the list of items it stands for: nothing to verify, so not a pass. */
export function itemsMissingAtEnd(state: PrecheckState): boolean {
  return state.itemsMissing === true && canonicalStatus(state.status) === 'Success'
}

/** Whether the answer is final: a verdict can be given now, without waiting for another poll. */
export function isSettled(state: PrecheckState): boolean {
  const overall = canonicalStatus(state.status)
  if (overall === undefined || oddItems(state).length > 0 || itemsMissingAtEnd(state)) return true
  if (overall === 'Failed') return true
  return (
    overall === 'Success' &&
    state.precheckItems.every(i => isFinalStatus(canonicalStatus(i.status)))
  )
}

/** More distinct items than this across all polls cannot be a real precheck: never a pass. */
export const MAX_TRACKED_ITEMS = 200_000

/**
 * Every item seen at any poll of a precheck. A failure stays a failure, and an item that was seen
 * once must still be there, and succeed, at the end.
 */
export class ItemHistory {
  private readonly seen = new Map<string, PrecheckItem>()
  private readonly failed = new Map<string, PrecheckItem>()
  /** True when more distinct items were seen than can be tracked. */
  overflowed = false

  note(state: PrecheckState): void {
    state.precheckItems.forEach((item, index) => {
      const key = itemKey(item, index)
      if (!this.seen.has(key) && this.seen.size >= MAX_TRACKED_ITEMS) {
        this.overflowed = true
        return
      }
      this.seen.set(key, item)
      if (canonicalStatus(item.status) === 'Failed') this.failed.set(key, item)
    })
  }

  /** Items seen Failed earlier that `last` no longer reports as Failed. */
  failedEarlier(last: PrecheckState | undefined): PrecheckItem[] {
    const failedNow = keysOf(last, item => canonicalStatus(item.status) === 'Failed')
    return [...this.failed.entries()].filter(([key]) => !failedNow.has(key)).map(([, i]) => i)
  }

  /** Items seen at an earlier poll that `last` does not list at all (failed ones aside). */
  vanished(last: PrecheckState | undefined): PrecheckItem[] {
    const listed = keysOf(last, () => true)
    return [...this.seen.entries()]
      .filter(([key]) => !listed.has(key) && !this.failed.has(key))
      .map(([, item]) => item)
  }
}

function keysOf(state: PrecheckState | undefined, keep: (item: PrecheckItem) => boolean) {
  const keys = new Set<string>()
  state?.precheckItems.forEach((item, index) => {
    if (keep(item)) keys.add(itemKey(item, index))
  })
  return keys
}

/** An item's identity across polls: its identifier and name, or its place when it has neither. */
function itemKey(item: PrecheckItem, index: number): string {
  return item.precheckItem || item.itemName
    ? `${item.precheckItem}\u0000${item.itemName}`
    : `#${index}`
}
