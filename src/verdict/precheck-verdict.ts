import type { Ending } from '../ending.js'
import type { PrecheckItem, PrecheckState } from '../ninedata/api-types.js'
import {
  canonicalStatus,
  isFinalStatus,
  itemLabel,
  itemsMissingAtEnd,
  MAX_TRACKED_ITEMS,
  oddItems
} from '../status/precheck-status.js'
import { visible } from '../text/clean.js'
import { LIMITS, formatDuration, formatSeconds, plural } from '../text/wording.js'
import type { Verdict, VerdictKind } from './verdict-types.js'

// What NineData's answers mean for the step. Pure. A wrong green is the worst bug this action can
// have: the step passes only when the overall status and every item say a documented Success.

/** Everything the precheck's verdict is made from: what the precheck phase learned. */
export interface PrecheckSeen {
  ending: Ending
  last: PrecheckState | undefined
  /** Items seen Failed at an earlier poll that the last answer does not report Failed. */
  failedEarlier: PrecheckItem[]
  /** Items seen at an earlier poll that the last answer does not list. */
  vanished: PrecheckItem[]
  /** More distinct items were seen than can be tracked. */
  tooManyItems: boolean
  timeoutMs: number
  /** Local epoch ms when the phase ended. */
  endedAt: number
}

/** The precheck's verdict. A pass needs a documented Success overall and for every item ever seen. */
export function decidePrecheck(seen: PrecheckSeen): Verdict {
  const { last, ending } = seen
  const failedNow = last?.precheckItems.filter(i => canonicalStatus(i.status) === 'Failed') ?? []
  const failedItems = [...failedNow, ...seen.failedEarlier]
  const verdict = (kind: VerdictKind, reason: string, soft = false): Verdict => ({
    kind,
    passed: kind === 'passed',
    reason,
    phase: 'precheck',
    failedItems,
    ...(soft ? { softenedBy: 'fail-on-failure' as const } : {})
  })
  if (ending.how === 'error') return verdict('error', ending.message)
  if (ending.how === 'cancelled') {
    return verdict(
      'cancelled',
      `The wait was cancelled before the precheck finished.${lastSeen(last)}`
    )
  }
  const odd = last ? undocumented(last) : undefined
  if (odd) return verdict('error', odd)
  if (seen.tooManyItems) {
    return verdict(
      'error',
      `NineData listed more than ${MAX_TRACKED_ITEMS} distinct check items across its answers: not a precheck this action can verify, so not a pass.`
    )
  }
  if (ending.how === 'timeout' || !last) return verdict('timeout', timeoutReason(seen))
  if (seen.vanished.length > 0) return verdict('error', vanishedReason(seen.vanished))
  return finishedVerdict(last, failedNow, seen.failedEarlier, verdict)
}

function vanishedReason(vanished: readonly PrecheckItem[]): string {
  const were = vanished.length === 1 ? 'was' : 'were'
  return (
    `NineData's last answer no longer lists ${plural(vanished.length, 'check item')} that ${were} seen at an earlier poll: ` +
    `${listLabels(vanished)}. Every item seen must end in Success, so this is not a pass.`
  )
}

function finishedVerdict(
  last: PrecheckState,
  failedNow: PrecheckItem[],
  earlier: PrecheckItem[],
  verdict: (kind: VerdictKind, reason: string, soft?: boolean) => Verdict
): Verdict {
  const overall = canonicalStatus(last.status)
  const total = last.precheckItems.length
  const earlierText =
    earlier.length > 0
      ? ` ${listLabels(earlier)} ${earlier.length === 1 ? 'was' : 'were'} seen Failed at an earlier poll and ${earlier.length === 1 ? 'counts' : 'count'} as failed, whatever NineData reports now.`
      : ''
  const failedCount = failedNow.length + earlier.length
  // Items that neither failed nor succeeded: never softened into a pass.
  const unfinished = last.precheckItems.filter(i => !isFinalStatus(canonicalStatus(i.status)))
  const neverRan =
    unfinished.length > 0
      ? ` ${plural(unfinished.length, 'check item')} never reported a final status: ${listLabels(unfinished)}.`
      : ''
  const soft = failedCount > 0 && unfinished.length === 0
  if (overall === 'Failed') {
    const items =
      failedCount > 0
        ? `${plural(failedCount, 'check item')} of ${total} failed${failedNow.length ? `: ${listLabels(failedNow)}` : ''}.`
        : 'NineData reported the overall status Failed without a failed check item.'
    return verdict('failed', `The precheck failed: ${items}${earlierText}${neverRan}`, soft)
  }
  if (overall === 'Success' && failedCount > 0) {
    const named = failedNow.length ? `: ${listLabels(failedNow)}` : ''
    return verdict(
      'failed',
      `NineData reported Success, but ${plural(failedCount, 'check item')} of ${total} failed${named}.${earlierText}${neverRan}`,
      soft
    )
  }
  if (overall === 'Success' && unfinished.length === 0) {
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

function timeoutReason(end: PrecheckSeen): string {
  const last = end.last
  const head = `The precheck did not finish within timeout-seconds (${formatSeconds(end.timeoutMs)}).`
  const raise = ' Raise `timeout-seconds` to wait longer.'
  const outage = end.ending.how === 'timeout' ? end.ending.outage : undefined
  if (end.ending.how === 'timeout' && end.ending.waitingFor) {
    return `No precheck was started within timeout-seconds (${formatSeconds(end.timeoutMs)}): ${end.ending.waitingFor}.${raise}`
  }
  if (outage) {
    const down = formatDuration(end.endedAt - outage.sinceMs)
    return (
      `${head} NineData gave no usable answer for the last ${down}; the last error: ${outage.lastError.message}.` +
      `${lastSeen(last)}${raise}`
    )
  }
  if (last && canonicalStatus(last.status) === 'Success') {
    const pending = last.precheckItems.filter(i => !isFinalStatus(canonicalStatus(i.status)))
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
