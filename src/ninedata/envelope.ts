import { HINTS } from '../hints.js'
import { ApiError, isTransientStatus, mayHaveReachedServer, parseRetryAfter } from './api-errors.js'
import { findDuplicateKey } from './duplicate-keys.js'
import type { Envelope } from './api-types.js'

// Reads one HTTP answer: NineData's envelope, or a classified failure. Pure. The body is read exactly
// as received; nothing here changes server text.

export interface RawAnswer {
  httpStatus: number
  statusText: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Deeper than this is not NineData's shape (its deepest is data.precheckItems[i].field: 4). */
export const MAX_JSON_DEPTH = 64

// Messages of `success: false` answers that are about who is calling rather than what was asked.
const AUTH_MESSAGE =
  /signature|timestamp|time stamp|expired|access[-_ ]?key|secret|unauthori[sz]ed|authenticat|not authorized|invalid (ak|key|token)/i

function isAuthMessage(message: string): boolean {
  return AUTH_MESSAGE.test(message)
}

/** How deep a parsed JSON value nests, counted without recursion and stopping past `limit`. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    deepest = Math.max(deepest, depth)
    if (deepest > limit) return deepest
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return deepest
}

type Parsed = { json: true; value: unknown } | { json: false }

function parseJson(body: string): Parsed {
  try {
    // A byte order mark is transport, not content: JSON.parse would refuse it.
    const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body
    return { json: true, value: JSON.parse(text) as unknown }
  } catch {
    // Cut bodies and HTML pages from gateways end up here (a stack overflow too, for absurd nesting).
    return { json: false }
  }
}

function describeBody(answer: RawAnswer): string {
  const type = String(answer.headers['content-type'] ?? 'no content type')
    .split(';')[0]
    ?.trim()
  if (answer.body.length === 0) return 'an empty body'
  return `a body of ${Buffer.byteLength(answer.body)} bytes (${type}) that is not NineData's JSON`
}

function httpLabel(answer: RawAnswer): string {
  return `HTTP ${answer.httpStatus}${answer.statusText ? ` ${answer.statusText}` : ''}`
}

function requestIdOf(parsed: Parsed): string | undefined {
  const value = parsed.json ? (parsed.value as { requestId?: unknown } | null) : null
  return value !== null && typeof value === 'object' && typeof value.requestId === 'string'
    ? value.requestId
    : undefined
}

function asEnvelope(parsed: Parsed): Envelope | undefined {
  if (!parsed.json) return undefined
  const value = parsed.value as Envelope | null
  return value !== null && typeof value === 'object' && typeof value.success === 'boolean'
    ? value
    : undefined
}

/** The envelope of a usable answer, or the failure it stands for. `nowMs` is NineData's clock. */
export function readEnvelope(answer: RawAnswer, nowMs: number): Envelope | ApiError {
  const parsed = parseJson(answer.body)
  const duplicate = parsed.json ? findDuplicateKey(answer.body) : undefined
  if (duplicate) {
    // JSON.parse kept one of the two values; which one a person reading the body believes is anyone's guess.
    return new ApiError(
      'protocol',
      `the answer has the key ${JSON.stringify(duplicate.key)} twice in one object (at ${duplicate.path}), so it is not the documented shape: JSON readers keep only one of the two values`,
      { httpStatus: answer.httpStatus, requestId: requestIdOf(parsed) }
    )
  }
  if (parsed.json && jsonDepth(parsed.value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return new ApiError(
      'protocol',
      `the answer nests deeper than ${MAX_JSON_DEPTH} levels, which is not the documented shape`,
      { httpStatus: answer.httpStatus }
    )
  }
  const envelope = asEnvelope(parsed)
  if (envelope?.success === true && answer.httpStatus >= 200 && answer.httpStatus < 300) {
    return envelope
  }
  return failureOf(answer, parsed.json, envelope, nowMs)
}

/** What an answer that is not usable means: retry, refusal, rejected credentials, or final. */
function failureOf(
  answer: RawAnswer,
  isJson: boolean,
  envelope: Envelope | undefined,
  nowMs: number
): ApiError {
  const { httpStatus } = answer
  const requestId = typeof envelope?.requestId === 'string' ? envelope.requestId : undefined
  const message =
    typeof envelope?.message === 'string' && envelope.message ? envelope.message : undefined
  const details = {
    requestId,
    httpStatus,
    mayHaveReachedServer: mayHaveReachedServer(httpStatus),
    fromNineData: envelope !== undefined,
    symptom: envelope === undefined ? ('foreign' as const) : undefined
  }
  const body = message
    ? `"${message}"`
    : envelope
      ? "NineData's envelope without a message"
      : describeBody(answer)
  const what = `${httpLabel(answer)} with ${body}`

  if (isTransientStatus(httpStatus)) {
    const retryAfter =
      httpStatus === 429 || httpStatus === 503 ? answer.headers['retry-after'] : undefined
    return new ApiError('transient', what, {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, nowMs)
    })
  }
  const refused = envelope?.success === false
  if (httpStatus === 401 || httpStatus === 403 || (refused && isAuthMessage(message ?? ''))) {
    return new ApiError('auth', message ?? what, details)
  }
  if (refused) {
    return new ApiError(
      'business',
      message ?? 'NineData refused the request without a message',
      details
    )
  }
  if (httpStatus >= 200 && httpStatus < 300) {
    // JSON that is not the envelope is a shape we do not understand; anything else is a gateway page
    // or a body cut short, worth another try.
    return isJson
      ? new ApiError(
          'protocol',
          'the answer is JSON but not NineData\'s envelope (no boolean "success")',
          details
        )
      : new ApiError('transient', what, details)
  }
  return new ApiError('fatal', what, { ...details, hint: hintFor(answer) })
}

function hintFor(answer: RawAnswer): string | undefined {
  if (answer.httpStatus === 404 || answer.httpStatus === 405) {
    return HINTS.apiPath
  }
  if (answer.httpStatus === 400 && /https/i.test(answer.body.slice(0, 2000))) return HINTS.scheme
  return undefined
}
