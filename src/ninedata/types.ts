// The shapes of NineData's OpenAPI as this action uses them (docs/ninedata-api.md). Types only.

/** Every answer is wrapped in this envelope; `success: true` only means the call was accepted. */
export interface Envelope<T = unknown> {
  success: boolean
  requestId?: string
  message?: string
  data?: T
}

/** Which comparison the precheck belongs to; both have the same precheck calls and shapes. */
export type ComparisonKind = 'schema' | 'data'

/** The documented status values, overall and per item. Failed and Success are terminal. */
export const PRECHECK_STATUSES = ['Unstarted', 'Running', 'Failed', 'Success'] as const
export type PrecheckStatus = (typeof PRECHECK_STATUSES)[number]

/** One check item as the status call returns it, read without changing a character. */
export interface PrecheckItem {
  precheckItem: string
  itemName: string
  itemDescription: string
  /** The status exactly as the server sent it ('' when absent; numbers and booleans as text). */
  status: string
  errorMessage: string
  /** The item object exactly as the API returned it, for the outputs and the report file. */
  raw: Record<string, unknown>
}

/** `data` of GET /openapi/v1/compare{schema,data}/precheck/status. */
export interface PrecheckState {
  taskId: string
  precheckTaskId: string
  /** The overall status exactly as the server sent it. */
  status: string
  precheckItems: PrecheckItem[]
  /** True when the answer had no `precheckItems` list at all (absent or null), not an empty one. */
  itemsMissing?: boolean
}

/** `data` of POST /openapi/v1/compare{schema,data}/precheck/start. */
export interface StartedPrecheck {
  taskId: string
  precheckTaskId: string
}
