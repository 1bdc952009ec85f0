import type { Ending } from '../../src/ending.js'
import type { Outage } from '../../src/ninedata/api-errors.js'
import type { PrecheckItem, PrecheckState } from '../../src/ninedata/api-types.js'
import type { Report } from '../../src/report/report-model.js'
import { decidePrecheck, type PrecheckSeen } from '../../src/verdict/precheck-verdict.js'
import { item as wireItem } from '../../simulator/hostile.js'

// Small builders for the pure modules' inputs: what src/ has read from NineData's answers.

export type Outcome = Ending['how']

/**
 * A check item as src/ reads it: the kit's one item() (the item as NineData sends it, which the
 * simulator and the bundle tests use), with the fields read.
 */
export function item(status: string, name = `item ${status}`, errorMessage = ''): PrecheckItem {
  const raw = wireItem(name.replace(/\W/g, ''), name, status, {
    itemDescription: `checks ${name}`,
    ...(errorMessage ? { errorMessage } : {})
  })
  return {
    precheckItem: name.replace(/\W/g, ''),
    itemName: name,
    itemDescription: `checks ${name}`,
    status,
    errorMessage,
    raw
  }
}

export function state(status: string, items: PrecheckItem[]): PrecheckState {
  return { taskId: 'cc-1', precheckTaskId: 'pcte-1', status, precheckItems: items }
}

interface EndExtra extends Partial<Omit<PrecheckSeen, 'ending'>> {
  error?: string
  outage?: Outage
}

/** What a precheck phase learned, ended the given way. */
export function end(outcome: Outcome, last?: PrecheckState, extra: EndExtra = {}): PrecheckSeen {
  const { error, outage, ...rest } = extra
  const ending: Ending =
    outcome === 'error'
      ? { how: 'error', message: error ?? 'The action failed.' }
      : outcome === 'finished'
        ? { how: 'finished' }
        : { how: outcome, outage }
  return {
    ending,
    last,
    failedEarlier: [],
    vanished: [],
    tooManyItems: false,
    timeoutMs: 900_000,
    endedAt: 1_000_000,
    ...rest
  }
}

export function report(
  outcome: Outcome,
  last: PrecheckState | undefined,
  extra: Partial<Report> = {},
  wait: EndExtra = {}
): Report {
  return {
    verdict: decidePrecheck(end(outcome, last, { error: 'boom', ...wait })),
    comparison: 'schema',
    taskId: 'cc-1',
    precheckTaskId: 'pcte-1',
    state: last,
    vanished: [],
    requestId: 'req-1',
    durationMs: 65_000,
    failOnFailure: true,
    failOnDifference: true,
    ...extra
  }
}
