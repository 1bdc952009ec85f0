import type { PrecheckItem, PrecheckState } from '../../src/ninedata/types.js'
import type { Report } from '../../src/report/model.js'
import { decideVerdict, type Outcome } from '../../src/verdict.js'

// Small builders for the pure report functions' inputs.

export function item(status: string, name = `item ${status}`, errorMessage = ''): PrecheckItem {
  const raw: Record<string, unknown> = {
    precheckItem: name.replace(/\W/g, ''),
    itemName: name,
    itemDescription: `checks ${name}`,
    status
  }
  if (errorMessage) raw['errorMessage'] = errorMessage
  return {
    precheckItem: raw['precheckItem'] as string,
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

export function report(
  outcome: Outcome,
  s: PrecheckState | undefined,
  extra: Partial<Report> = {}
): Report {
  return {
    verdict: decideVerdict(outcome, s, 'boom'),
    taskId: 'cc-1',
    precheckTaskId: 'pcte-1',
    state: s,
    requestId: 'req-1',
    durationMs: 65_000,
    failOnFailure: true,
    ...extra
  }
}
