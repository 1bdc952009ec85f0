// What can go wrong talking to NineData, sorted by what the action should do about it.

export type ApiErrorKind =
  /** `success: false`: NineData refused the request. Final. */
  | 'business'
  /** Credentials, signature or timestamp rejected. Final (after one clock correction). */
  | 'auth'
  /** The answer is not the documented shape. Final: a shape we do not understand is never a pass. */
  | 'protocol'
  /** Network fault, 5xx, 429, gateway page, cut body, per-request timeout. Retried. */
  | 'transient'
  /** Anything else that will not get better by retrying (404, TLS certificate, ...). Final. */
  | 'fatal'

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly requestId: string | undefined
  readonly httpStatus: number | undefined
  /** Server-requested wait (Retry-After), in ms. */
  readonly retryAfterMs: number | undefined
  /** What to check next, when the failure has a likely cause. */
  readonly hint: string | undefined
  /** False when the request surely never reached NineData (refused connection, DNS, throttled). */
  readonly mayHaveReachedServer: boolean

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: {
      requestId?: string
      httpStatus?: number
      retryAfterMs?: number
      hint?: string
      mayHaveReachedServer?: boolean
    } = {}
  ) {
    super(message)
    this.name = 'ApiError'
    this.kind = kind
    this.requestId = details.requestId
    this.httpStatus = details.httpStatus
    this.retryAfterMs = details.retryAfterMs
    this.hint = details.hint
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? details.httpStatus !== 429
  }
}

/** Thrown when the run is cancelled or its deadline passes while a call is under way. */
export class StopError extends Error {
  constructor(readonly reason: 'cancelled' | 'timeout') {
    super(reason === 'cancelled' ? 'The run was cancelled.' : 'The timeout passed.')
    this.name = 'StopError'
  }
}
