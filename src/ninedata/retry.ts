// When and how long to wait before trying a call again. Pure.

export const RETRY_POLICY = {
  /** Attempts per call, the first included. */
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  /** A Retry-After longer than this is not waited for (the call fails instead). */
  maxRetryAfterMs: 120_000
} as const

/** Exponential backoff with full jitter: a random wait in [base, base * 2^(attempt-1)], capped. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  policy: { baseDelayMs: number; maxDelayMs: number } = RETRY_POLICY
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(policy.baseDelayMs + random() * Math.max(0, ceiling - policy.baseDelayMs))
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from `nowMs`; undefined when unusable. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}

/** HTTP statuses worth another try: throttling, gateway trouble, server errors, request timeout. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

/** Network error codes that mean "try again" rather than "this will never work". */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'HPE_INVALID_CONSTANT',
  'HPE_INVALID_CHUNK_SIZE'
])

export function isTransientNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') {
    if (TRANSIENT_NETWORK_CODES.has(code)) return true
    if (code.startsWith('HPE_')) return true
  }
  const message = error instanceof Error ? error.message : String(error)
  return /socket hang up|request timeout|aborted|tunneling socket could not be established/i.test(
    message
  )
}
