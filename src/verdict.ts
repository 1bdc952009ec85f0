import {
  PRECHECK_STATUSES,
  type PrecheckItem,
  type PrecheckState,
  type PrecheckStatus
} from './ninedata/types.js'
import type { Outage } from './ninedata/failure.js'
import { visible } from './text/clean.js'
import { LIMITS, formatDuration, formatSeconds, plural } from './text/words.js'

// What NineData's answers mean for the step. Pure. A wrong green is the worst bug this action can
// have: the step passes only when the overall status and every item say a documented Success.

const DOCUMENTED = new Map(PRECHECK_STATUSES.map(s => [s.toLowerCase(), s]))

/** The documented status a server string stands for: ASCII only, spaces trimmed, case ignored. */
export function canonicalStatus(status: string): PrecheckStatus | undefined {
  // Index loops, not regexes: a status is server text, and a trim regex is quadratic on long runs.
  let from = 0
  let to = status.length
  while (from < to && isSpace(status.charCodeAt(from))) from++
  while (to > from && isSpace(status.charCodeAt(to - 1))) to--
  if (to - from > 9) return undefined
  const word = status.slice(from, to)
  // Non-ASCII never matches: toLowerCase would fold some look-alikes (e.g. the Kelvin sign).
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7e) return undefined
  return DOCUMENTED.get(word.toLowerCase())
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09
}

const isFinal = (s: PrecheckStatus | undefined): boolean => s === 'Success' || s === 'Failed'

export function itemLabel(item: PrecheckItem): string {
  return item.itemName || item.precheckItem || '(unnamed item)'
}

/** Items whose status is not one NineData documents (empty, look-alikes, anything else). */
export function oddItems(state: PrecheckState): PrecheckItem[] {
  return state.precheckItems.filter(item => canonicalStatus(item.status) === undefined)
}

/** Whether the answer is final: a verdict can be given now, without waiting for another poll. */
export function isSettled(state: PrecheckState): boolean {
  const overall = canonicalStatus(state.status)
  if (overall === undefined || oddItems(state).length > 0 || itemsMissingAtEnd(state)) return true
  if (overall === 'Failed') return true
  return overall === 'Success' && state.precheckItems.every(i => isFinal(canonicalStatus(i.status)))
}

/** Items seen Failed at any poll of this precheck: a failure stays a failure. */
export class FailureMemory {
  private readonly seen = new Map<string, PrecheckItem>()

  note(state: PrecheckState): void {
    state.precheckItems.forEach((item, index) => {
      if (canonicalStatus(item.status) === 'Failed') this.seen.set(keyOf(item, index), item)
    })
  }

  /** Items seen Failed earlier that `state` no longer reports as Failed. */
  forgottenIn(state: PrecheckState | undefined): PrecheckItem[] {
    const now = new Set(
      (state?.precheckItems ?? []).flatMap((item, index) =>
        canonicalStatus(item.status) === 'Failed' ? [keyOf(item, index)] : []
      )
    )
    return [...this.seen.entries()].filter(([key]) => !now.has(key)).map(([, item]) => item)
  }
}

function keyOf(item: PrecheckItem, index: number): string {
  return item.precheckItem || item.itemName
    ? `${item.precheckItem}\u0000${item.itemName}`
    : `#${index}`
}

/** How the wait ended. */
export type Outcome = 'finished' | 'timeout' | 'cancelled' | 'error'

export type VerdictKind = 'passed' | 'failed' | 'timeout' | 'cancelled' | 'error'

export interface Verdict {
  kind: VerdictKind
  /** True only when the step passes on its own merit (fail-on-failure aside). */
  passed: boolean
  /** What a user reads first: why the step passed or failed. May quote server text as received. */
  reason: string
  /** Items Failed in the last answer, then items seen Failed earlier. */
  failedItems: PrecheckItem[]
}

/** Everything the verdict is made from. */
export interface WaitEnd {
  outcome: Outcome
  last?: PrecheckState | undefined
  /** Items seen Failed at an earlier poll that the last answer does not report Failed. */
  earlierFailures: PrecheckItem[]
  error?: string | undefined
  outage?: Outage | undefined
  timeoutMs: number
  /** Local epoch ms when the wait ended. */
  endedAt: number
}

export function decideVerdict(end: WaitEnd): Verdict {
  const last = end.last
  const failedNow = last?.precheckItems.filter(i => canonicalStatus(i.status) === 'Failed') ?? []
  const failedItems = [...failedNow, ...end.earlierFailures]
  const verdict = (kind: VerdictKind, reason: string): Verdict => ({
    kind,
    passed: kind === 'passed',
    reason,
    failedItems
  })
  if (end.outcome === 'error') return verdict('error', end.error ?? 'The action failed.')
  if (end.outcome === 'cancelled') {
    return verdict(
      'cancelled',
      `The wait was cancelled before the precheck finished.${lastSeen(last)}`
    )
  }
  const odd = last ? undocumented(last) : undefined
  if (odd) return verdict('error', odd)
  if (end.outcome === 'timeout' || !last) return verdict('timeout', timeoutReason(end))
  return finishedVerdict(last, failedNow, end.earlierFailures, verdict)
}

function finishedVerdict(
  last: PrecheckState,
  failedNow: PrecheckItem[],
  earlier: PrecheckItem[],
  verdict: (kind: VerdictKind, reason: string) => Verdict
): Verdict {
  const overall = canonicalStatus(last.status)
  const total = last.precheckItems.length
  const earlierText =
    earlier.length > 0
      ? ` ${listLabels(earlier)} ${earlier.length === 1 ? 'was' : 'were'} seen Failed at an earlier poll and ${earlier.length === 1 ? 'counts' : 'count'} as failed, whatever NineData reports now.`
      : ''
  const failedCount = failedNow.length + earlier.length
  if (overall === 'Failed') {
    const items =
      failedCount > 0
        ? `${plural(failedCount, 'check item')} of ${total} failed${failedNow.length ? `: ${listLabels(failedNow)}` : ''}.`
        : 'NineData reported the overall status Failed without a failed check item.'
    return verdict('failed', `The precheck failed: ${items}${earlierText}`)
  }
  if (overall === 'Success' && failedCount > 0) {
    const named = failedNow.length ? `: ${listLabels(failedNow)}` : ''
    return verdict(
      'failed',
      `NineData reported Success, but ${plural(failedCount, 'check item')} of ${total} failed${named}.${earlierText}`
    )
  }
  if (
    overall === 'Success' &&
    last.precheckItems.every(i => canonicalStatus(i.status) === 'Success')
  ) {
    return verdict(
      'passed',
      total === 0
        ? 'The precheck passed: NineData reported Success and returned no check items.'
        : `The precheck passed: NineData reported Success and ${total === 1 ? 'the check item' : `all ${total} check items`} succeeded.`
    )
  }
  // Reached only if the wait ends "finished" on an unsettled answer: never a pass.
  return verdict('error', `The precheck ended without a final status.${lastSeen(last)}`)
}

/** A Success without the list of items it stands for: nothing to verify, so not a pass. */
function itemsMissingAtEnd(state: PrecheckState): boolean {
  return state.itemsMissing === true && canonicalStatus(state.status) === 'Success'
}

/** Why an answer this action does not understand is not a pass, or undefined. */
function undocumented(state: PrecheckState): string | undefined {
  if (itemsMissingAtEnd(state)) {
    return (
      `NineData reported the overall status ${visible(state.status)} without a precheckItems list, ` +
      'so no check item can be verified. An answer this action does not understand is never a pass.'
    )
  }
  const overall = canonicalStatus(state.status) === undefined
  const odd = oddItems(state)
  if (!overall && odd.length === 0) return undefined
  const parts: string[] = []
  if (overall) parts.push(`the overall status ${visible(state.status)}`)
  if (odd.length > 0) {
    const shown = odd
      .slice(0, LIMITS.namesInReason)
      .map(item => `${itemLabel(item)} (${visible(item.status)})`)
    const more = odd.length > shown.length ? ` and ${odd.length - shown.length} more` : ''
    parts.push(
      `${odd.length === 1 ? 'the status of' : `the statuses of ${odd.length} check items:`} ${shown.join(', ')}${more}`
    )
  }
  return (
    `NineData reported ${parts.join(' and ')}: not a status NineData documents ` +
    `(Unstarted, Running, Failed, Success). An answer this action does not understand is never a pass.`
  )
}

function timeoutReason(end: WaitEnd): string {
  const last = end.last
  const head = `The precheck did not finish within timeout-seconds (${formatSeconds(end.timeoutMs)}).`
  const raise = ' Raise `timeout-seconds` to wait longer.'
  if (end.outage) {
    const down = formatDuration(end.endedAt - end.outage.sinceMs)
    return (
      `${head} NineData gave no usable answer for the last ${down}; the last error: ${end.outage.lastError.message}.` +
      `${lastSeen(last)}${raise}`
    )
  }
  if (last && canonicalStatus(last.status) === 'Success') {
    const pending = last.precheckItems.filter(i => !isFinal(canonicalStatus(i.status)))
    return (
      `${head} NineData reported Success, but ${plural(pending.length, 'check item')} never reported a final status: ` +
      `${listLabels(pending)}.${raise}`
    )
  }
  return `${head}${lastSeen(last)}${raise}`
}

function lastSeen(last: PrecheckState | undefined): string {
  return last ? ` The last status seen was ${visible(last.status)}.` : ' No status was seen.'
}

/** "A, B, C and 12 more": names for a one-line message, however many items there are. */
export function listLabels(
  items: readonly PrecheckItem[],
  max: number = LIMITS.namesInReason
): string {
  const names = items.slice(0, max).map(itemLabel)
  const rest = items.length - names.length
  return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ')
}
