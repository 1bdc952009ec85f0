import { HINTS } from '../hints.js'
import { errorMessage } from '../error-message.js'

// What can go wrong talking to NineData, sorted by what the action should do about it: the one home of
// "what kind of failure is this" (HTTP statuses, network error codes, TLS, Retry-After).

export type FailureKind =
  /** `success: false`: NineData refused the request. Final. */
  | 'business'
  /** Credentials, signature or timestamp rejected. Final (after one clock correction). */
  | 'auth'
  /** The answer is not the documented shape. Final: a shape we do not understand is never a pass. */
  | 'protocol'
  /** Network fault, 5xx, 429, gateway page, cut body, per-request timeout. Ridden out until the timeout. */
  | 'transient'
  /** Anything else that will not get better by retrying (404, TLS certificate, oversized answer). Final. */
  | 'fatal'

/** What a failed attempt looked like from the runner: the clue to a wrong `api-url`. */
export type Symptom =
  /** Nothing accepted the connection. */
  | 'refused'
  /** The host name did not resolve. */
  | 'unresolved'
  /** The connection was cut, or TLS failed, before an answer. */
  | 'cut'
  /** Nothing answered within request-timeout-seconds. */
  | 'silent'
  /** An answer came, but not NineData's JSON (an HTML page, a 404). */
  | 'foreign'
  /** The proxy did not open the tunnel. */
  | 'proxy'

export interface FailureDetails {
  requestId?: string | undefined
  httpStatus?: number | undefined
  /** Server-requested wait (Retry-After), in ms. */
  retryAfterMs?: number | undefined
  /** What to check next, when the failure has a likely cause. */
  hint?: string | undefined
  /** False when the request surely never reached NineData (refused connection, DNS, throttled). */
  mayHaveReachedServer?: boolean | undefined
  symptom?: Symptom | undefined
  /** The answer was NineData's envelope (a refusal, or an error NineData itself reported). */
  fromNineData?: boolean | undefined
  /** NineData never answered and this points at api-url: `hint` names it and leads the message. */
  misaddressed?: boolean | undefined
}

/** A failed call. `message` may quote server text as received: it is made safe where it is shown. */
export class ApiError extends Error {
  readonly kind: FailureKind
  readonly requestId: string | undefined
  readonly httpStatus: number | undefined
  readonly retryAfterMs: number | undefined
  readonly hint: string | undefined
  readonly mayHaveReachedServer: boolean
  readonly symptom: Symptom | undefined
  readonly fromNineData: boolean
  readonly misaddressed: boolean

  constructor(kind: FailureKind, message: string, details: FailureDetails = {}) {
    super(message)
    this.name = 'ApiError'
    this.kind = kind
    this.requestId = details.requestId
    this.httpStatus = details.httpStatus
    this.retryAfterMs = details.retryAfterMs
    this.hint = details.hint
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? true
    this.symptom = details.symptom
    this.fromNineData = details.fromNineData ?? false
    this.misaddressed = details.misaddressed ?? false
  }
}

/** What the last stretch of failed attempts looked like, for the timeout message. */
export interface Outage {
  /** Local epoch ms of the first failed attempt since the last usable answer. */
  sinceMs: number
  lastError: ApiError
}

/** The run was cancelled or its deadline passed while a call was under way. */
export class StopError extends Error {
  constructor(
    readonly reason: 'cancelled' | 'timeout',
    readonly outage?: Outage,
    /** An attempt of the call stopped may have reached NineData: it may have acted on it. */
    readonly mayHaveActed = false
  ) {
    super(reason === 'cancelled' ? 'The run was cancelled.' : 'The timeout passed.')
    this.name = 'StopError'
  }
}

/** HTTP statuses worth another try: throttling, gateway trouble, server errors, request timeout. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

/** A throttled request was refused before NineData acted on it. */
export function mayHaveReachedServer(httpStatus: number): boolean {
  return httpStatus !== 429
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from `nowMs` (NineData's clock). */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d{1,9}(\.\d{1,6})?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

// Failures of the connection itself: the request never reached NineData.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT'
])
// Failures after the connection was made: NineData may have acted on the request.
const CUT_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE'
])
const CUT_MESSAGES =
  /socket hang up|request timeout|aborted|tunneling socket could not be established/i
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|ALTNAME/
const WRONG_PROTOCOL = /WRONG_VERSION_NUMBER|ERR_SSL_|EPROTO|packet length too long|http request/i

/** A network-level failure as an ApiError: transient when retrying may help, fatal when it cannot. */
export function classifyNetworkError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const code =
    typeof (error as { code?: unknown } | null)?.code === 'string'
      ? (error as { code: string }).code
      : ''
  const message = errorMessage(error)
  if (error instanceof Error && error.name === 'ProxyError') return proxyFailure(error)
  const sent = !NOT_SENT_CODES.has(code)
  if (CERTIFICATE_CODES.test(code)) {
    return new ApiError('fatal', `TLS certificate problem (${code})`, {
      hint: HINTS.privateCa,
      mayHaveReachedServer: false,
      symptom: 'cut'
    })
  }
  if (WRONG_PROTOCOL.test(code) || (code === '' && WRONG_PROTOCOL.test(message))) {
    return new ApiError('fatal', `the TLS handshake failed (${code || 'no TLS answer'})`, {
      hint: HINTS.scheme,
      mayHaveReachedServer: false,
      symptom: 'cut'
    })
  }
  const text =
    code && !message.includes(code) ? `${code}${message ? ` (${message})` : ''}` : message
  const hint =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? HINTS.hostName
      : code === 'ECONNREFUSED'
        ? HINTS.port
        : undefined
  const transient =
    NOT_SENT_CODES.has(code) ||
    CUT_CODES.has(code) ||
    code.startsWith('HPE_') ||
    CUT_MESSAGES.test(message)
  return new ApiError(transient ? 'transient' : 'fatal', text, {
    hint,
    mayHaveReachedServer: sent,
    symptom: symptomOf(code)
  })
}

function symptomOf(code: string): Symptom {
  if (code === 'ECONNREFUSED') return 'refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unresolved'
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'silent'
  return 'cut'
}

/**
 * What to check in `api-url` when an attempt failed before NineData ever answered: a wrong scheme,
 * host, port or path fails exactly like this. Undefined when the failure says nothing about it.
 */
export function apiUrlSuspicion(error: ApiError): string | undefined {
  if (error.fromNineData) return undefined
  switch (error.symptom) {
    case 'refused':
      return 'nothing accepted the connection: check the port (and that NineData is reachable from the runner)'
    case 'unresolved':
      return "the host name does not resolve: check the host (and the runner's DNS or proxy settings)"
    case 'cut':
      return 'the connection was cut or TLS failed before any answer: check the scheme (http:// to an https port, or https:// to a plain-http one, fails like this) and the port'
    case 'silent':
      return 'nothing answered: check the host and port, and any firewall between the runner and NineData'
    case 'foreign':
      if ((error.httpStatus ?? 0) >= 500) {
        return `HTTP ${error.httpStatus} with an error page, not NineData's JSON: a gateway in front of NineData may be failing, or it is not NineData's OpenAPI address`
      }
      return "the answer is not NineData's OpenAPI JSON (an HTML page, a 404): check that it is the base URL of NineData's OpenAPI (without /openapi), not another site or the console's page"
    case 'proxy':
      return 'the proxy did not open the way: check https_proxy / http_proxy and no_proxy'
    default:
      return undefined
  }
}

/**
 * Whether a failure before NineData ever answered points at the address rather than at an outage:
 * a host name that does not resolve, a connection cut before any answer (TLS or protocol mismatch,
 * such as http:// to an https port), or an answer that is not NineData's. A refused connection, a
 * silence, a proxy's trouble, or a page saying wait (5xx, 429, 408) may be a restart or an outage:
 * ridden out.
 */
export function pointsAtAddress(error: ApiError): boolean {
  if (error.fromNineData) return false
  switch (error.symptom) {
    case 'unresolved':
    case 'cut':
      return true
    case 'foreign':
      return !isTransientStatus(error.httpStatus ?? 0)
    default:
      return false
  }
}

/**
 * The proxy from https_proxy / http_proxy did not open the tunnel: the request never reached NineData.
 * Proxies fail for a while (502 while the upstream is down) and are ridden out, except a refusal of
 * the proxy credentials (407), which retrying cannot fix.
 */
function proxyFailure(error: Error): ApiError {
  const status = (error as { proxyStatus?: unknown }).proxyStatus
  const hint = status === 407 ? HINTS.proxyCredentials : HINTS.proxy
  return new ApiError(status === 407 ? 'fatal' : 'transient', error.message, {
    hint,
    mayHaveReachedServer: false,
    symptom: 'proxy'
  })
}
