import type { PrecheckItem, PrecheckState } from '../../src/ninedata/types.js'
import type { Report } from '../../src/report/model.js'
import { decideVerdict, type Outcome, type WaitEnd } from '../../src/verdict.js'

// Small builders for the pure modules' inputs.

export function item(status: string, name = `item ${status}`, errorMessage = ''): PrecheckItem {
  const raw: Record<string, unknown> = {
    precheckItem: name.replace(/\W/g, ''),
    itemName: name,
    itemDescription: `checks ${name}`,
    status
  }
  if (errorMessage) raw['errorMessage'] = errorMessage
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

export function end(outcome: Outcome, last?: PrecheckState, extra: Partial<WaitEnd> = {}): WaitEnd {
  return { outcome, last, earlierFailures: [], timeoutMs: 900_000, endedAt: 1_000_000, ...extra }
}

export function report(
  outcome: Outcome,
  last: PrecheckState | undefined,
  extra: Partial<Report> = {},
  wait: Partial<WaitEnd> = {}
): Report {
  return {
    verdict: decideVerdict(end(outcome, last, { error: 'boom', ...wait })),
    comparison: 'schema',
    taskId: 'cc-1',
    precheckTaskId: 'pcte-1',
    state: last,
    requestId: 'req-1',
    durationMs: 65_000,
    failOnFailure: true,
    ...extra
  }
}
