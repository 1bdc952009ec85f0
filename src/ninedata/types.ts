// The shapes of NineData's OpenAPI as this action uses them (see shared/ninedata-openapi.md).

/** Every answer is wrapped in this envelope; `success: true` only means the call was accepted. */
export interface Envelope<T = unknown> {
  success: boolean
  requestId?: string
  message?: string
  data?: T
}

/** The documented status values, overall and per item. Failed and Success are terminal. */
export const PRECHECK_STATUSES = ['Unstarted', 'Running', 'Failed', 'Success'] as const
export type PrecheckStatus = (typeof PRECHECK_STATUSES)[number]

/** One check item as the status call returns it. Unknown extra fields are kept in `raw`. */
export interface PrecheckItem {
  precheckItem: string
  itemName: string
  itemDescription: string
  /** The status string exactly as the server sent it. */
  status: string
  errorMessage: string
  /** The item object as the API returned it (after secret redaction), for the `items` output. */
  raw: Record<string, unknown>
}

/** `data` of GET /openapi/v1/compareschema/precheck/status. */
export interface PrecheckState {
  taskId: string
  precheckTaskId: string
  /** The overall status exactly as the server sent it. */
  status: string
  precheckItems: PrecheckItem[]
}

/** `data` of POST /openapi/v1/compareschema/precheck/start. */
export interface StartedPrecheck {
  taskId: string
  precheckTaskId: string
}

/** A successful call's payload together with the request ID support asks for. */
export interface ApiAnswer<T> {
  data: T
  requestId: string
  /** How many attempts the call took (1 when the first answer was usable). */
  attempts: number
  /** Failed attempts that may still have reached NineData (so may have had an effect there). */
  unclearAttempts: number
}
