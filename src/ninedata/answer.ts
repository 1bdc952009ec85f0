import { ApiError } from './errors.js'
import type { Envelope } from './types.js'
import { isTransientStatus, parseRetryAfter } from './retry.js'

// Turns one HTTP answer into an envelope or a classified error. Pure.

export interface RawAnswer {
  httpStatus: number
  statusText: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

// Messages of `success: false` answers that are about who is calling rather than what was asked.
const AUTH_MESSAGE =
  /signature|timestamp|time stamp|expired|access[-_ ]?key|secret|unauthori[sz]ed|authenticat|not authorized|invalid (ak|key|token)/i

export function isAuthMessage(message: string): boolean {
  return AUTH_MESSAGE.test(message)
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

export function interpretAnswer(answer: RawAnswer, nowMs: number): Envelope | ApiError {
  const { httpStatus } = answer
  const transientStatus = isTransientStatus(httpStatus)
  const retryAfterMs =
    httpStatus === 429 || httpStatus === 503
      ? parseRetryAfter(answer.headers['retry-after'], nowMs)
      : undefined

  let parsed: unknown
  let isJson = false
  try {
    parsed = JSON.parse(answer.body)
    isJson = true
  } catch {
    // Cut bodies and HTML pages from gateways end up here.
  }
  const envelope =
    isJson &&
    parsed !== null &&
    typeof parsed === 'object' &&
    typeof (parsed as Envelope).success === 'boolean'
      ? (parsed as Envelope)
      : undefined
  const requestId = typeof envelope?.requestId === 'string' ? envelope.requestId : undefined
  const serverMessage =
    typeof envelope?.message === 'string' && envelope.message ? envelope.message : undefined

  if (envelope && envelope.success === true && httpStatus >= 200 && httpStatus < 300)
    return envelope

  if (transientStatus) {
    const what = serverMessage
      ? `${httpLabel(answer)}: ${serverMessage}`
      : `${httpLabel(answer)} with ${describeBody(answer)}`
    return new ApiError('transient', what, { requestId, httpStatus, retryAfterMs })
  }
  if (
    httpStatus === 401 ||
    httpStatus === 403 ||
    (envelope?.success === false && isAuthMessage(serverMessage ?? ''))
  ) {
    return new ApiError(
      'auth',
      serverMessage ?? `${httpLabel(answer)} with ${describeBody(answer)}`,
      {
        requestId,
        httpStatus
      }
    )
  }
  if (envelope && envelope.success === false) {
    return new ApiError(
      'business',
      serverMessage ?? 'NineData refused the request without a message',
      {
        requestId,
        httpStatus
      }
    )
  }
  if (httpStatus >= 200 && httpStatus < 300) {
    if (isJson) {
      return new ApiError(
        'protocol',
        'the answer is JSON but not NineData\'s envelope (no boolean "success")',
        {
          httpStatus
        }
      )
    }
    // A gateway page or a body cut short: worth another try.
    return new ApiError('transient', `${httpLabel(answer)} with ${describeBody(answer)}`, {
      httpStatus
    })
  }
  const hint =
    httpStatus === 404 || httpStatus === 405
      ? 'check `api-url`: it should be the base URL of the NineData OpenAPI'
      : undefined
  return new ApiError(
    'fatal',
    `${httpLabel(answer)} with ${serverMessage ? `message "${serverMessage}"` : describeBody(answer)}`,
    {
      requestId,
      httpStatus,
      hint
    }
  )
}
