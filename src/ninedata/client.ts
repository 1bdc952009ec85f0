import type { IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { interpretAnswer, type RawAnswer } from './answer.js'
import { ServerClock, formatDuration, parseDateHeader, parseServerTime } from './clock.js'
import { ApiError, StopError } from './errors.js'
import { RETRY_POLICY, backoffDelay, isTransientNetworkError } from './retry.js'
import { authHeaders, type Credentials } from './signer.js'
import type { ApiAnswer } from './types.js'
import { redactDeep, redactText } from '../report/text.js'

// The signed NineData client: signs every request, checks the envelope, retries what is worth
// retrying, corrects for a drifting runner clock, and never runs past the deadline.

export interface Log {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export interface ClientOptions {
  apiUrl: string
  credentials: Credentials
  requestTimeoutMs: number
  /** Local epoch ms after which no request is sent and no wait goes on. */
  deadline: number
  signal: AbortSignal
  log: Log
  random?: () => number
  maxAttempts?: number
}

export type Method = 'GET' | 'POST'

export interface CallOptions {
  query?: Record<string, string>
  body?: unknown
}

const USER_AGENT = 'ninedata-precheck-gate'
/** Refuse to buffer answers larger than this: a precheck is never that big, a broken proxy may be. */
const MAX_BODY_BYTES = 64 * 1024 * 1024
export const NOW_PATH = '/openapi/now'

export class NineDataClient {
  readonly clock = new ServerClock()
  /** requestId of the last answer that carried one. */
  lastRequestId: string | undefined
  private http: HttpClient | undefined
  private clockChecked = false

  constructor(private readonly options: ClientOptions) {}

  /** Sends a signed call and returns its `data`, retrying transient faults. */
  async call(method: Method, path: string, options: CallOptions = {}): Promise<ApiAnswer<unknown>> {
    const label = `${method} ${path}`
    const maxAttempts = this.options.maxAttempts ?? RETRY_POLICY.maxAttempts
    let clockRetried = false
    let unclearAttempts = 0
    for (let attempt = 1; ; attempt++) {
      this.throwIfStopped()
      const offsetSignedWith = this.clock.offsetMs
      try {
        const answer = await this.send(method, path, options)
        if (attempt > 1)
          this.options.log.info(`${label} succeeded on attempt ${attempt} of ${maxAttempts}.`)
        return { ...answer, attempts: attempt, unclearAttempts }
      } catch (caught) {
        if (caught instanceof StopError) throw caught
        const error = caught instanceof ApiError ? caught : toApiError(caught)
        if (error.kind === 'auth' && !clockRetried && (await this.clockWasOff(offsetSignedWith))) {
          // The rejection was our clock's fault; the corrected clock gets one more try.
          clockRetried = true
          attempt--
          continue
        }
        if (error.kind !== 'transient') throw error
        if (error.mayHaveReachedServer) unclearAttempts++
        if (attempt >= maxAttempts) {
          throw withMessage(
            error,
            `no usable answer to ${label} after ${attempt} attempts; the last: ${error.message}`
          )
        }
        const delay = error.retryAfterMs ?? backoffDelay(attempt, this.options.random)
        if (error.retryAfterMs !== undefined && delay > RETRY_POLICY.maxRetryAfterMs) {
          throw withMessage(
            error,
            `${label}: ${error.message}; NineData asked to wait ${formatDuration(delay)}, longer than this action waits`
          )
        }
        if (Date.now() + delay >= this.options.deadline) {
          throw withMessage(
            error,
            `${label} failed (${error.message}) and another try would pass timeout-seconds`
          )
        }
        const why =
          error.retryAfterMs !== undefined
            ? ` (Retry-After asks for ${(delay / 1000).toFixed(1)}s)`
            : ''
        this.options.log.warning(
          `${label} failed: ${error.message}. Retrying in ${(delay / 1000).toFixed(1)}s${why}, attempt ${attempt + 1} of ${maxAttempts}.`
        )
        await this.sleep(delay)
      }
    }
  }

  /** Frees sockets, including one stuck in a request that was given up on. */
  dispose(): void {
    this.http?.dispose()
    this.http = undefined
  }

  /** Waits `ms`, or less when cancelled (then throws StopError). */
  sleep(ms: number): Promise<void> {
    const { signal } = this.options
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new StopError('cancelled'))
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(new StopError('cancelled'))
      }
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms)
      )
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  private throwIfStopped(): void {
    if (this.options.signal.aborted) throw new StopError('cancelled')
    if (Date.now() >= this.options.deadline) throw new StopError('timeout')
  }

  /**
   * After an auth rejection: did the clock turn out to be off by more than we signed with? The
   * rejection's Date header has already been observed; without one, ask `/openapi/now` once.
   */
  private async clockWasOff(offsetSignedWith: number): Promise<boolean> {
    if (this.clock.offsetMs === offsetSignedWith && !this.clockChecked) {
      this.clockChecked = true
      // The time probe's requestId is of no use to support: keep the one of the rejected call.
      const rejectedRequestId = this.lastRequestId
      try {
        const sentAt = Date.now()
        const { data } = await this.send('GET', NOW_PATH, {})
        const serverMs = parseServerTime(data)
        if (serverMs !== undefined) this.noteClock(serverMs, sentAt, Date.now(), 0, `${NOW_PATH}`)
      } catch (error) {
        if (error instanceof StopError) throw error
        this.options.log.debug(
          `Could not read NineData's time from ${NOW_PATH}: ${(error as Error).message}`
        )
      } finally {
        this.lastRequestId = rejectedRequestId
      }
    }
    return this.clock.offsetMs !== offsetSignedWith
  }

  private noteClock(
    serverMs: number,
    sentAt: number,
    receivedAt: number,
    resolutionMs: number,
    source: string
  ): void {
    const offset = this.clock.observe(serverMs, sentAt, receivedAt, resolutionMs)
    if (offset === undefined) return
    if (offset === 0) {
      this.options.log.info(
        `The runner's clock agrees with NineData's again (${source}); signing with the runner's time.`
      )
      return
    }
    this.options.log.warning(
      `The runner's clock is ${formatDuration(offset)} ${offset > 0 ? 'behind' : 'ahead of'} NineData's (${source}); ` +
        `requests are now signed with NineData's time. NineData rejects timestamps more than 10 minutes off: fix the runner's clock (NTP).`
    )
  }

  /** One signed request, one answer: the data, or a classified error. */
  private async send(
    method: Method,
    path: string,
    options: CallOptions
  ): Promise<Omit<ApiAnswer<unknown>, 'attempts' | 'unclearAttempts'>> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : ''
    const url = `${this.options.apiUrl}${path}${query}`
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...authHeaders(path, this.options.credentials, this.clock.now())
    }
    const body = method === 'POST' ? JSON.stringify(options.body ?? {}) : null
    if (body !== null) headers['content-type'] = 'application/json'

    const sentAt = Date.now()
    this.options.log.debug(`→ ${method} ${path}${query}`)
    const raw = await this.exchange(method, url, body, headers)
    const receivedAt = Date.now()
    const serverDate = parseDateHeader(raw.headers['date'])
    if (serverDate !== undefined)
      this.noteClock(serverDate, sentAt, receivedAt, 1000, 'from the Date header of its answer')

    // Whatever the server says goes to logs, outputs and the summary: the secret never does.
    const secrets = [this.options.credentials.accessKeySecret]
    // A Retry-After date is on NineData's clock: measure it from the answer's own Date header (or
    // the corrected clock), not the runner's, or a skewed runner waits 20 minutes or not at all.
    const serverNow = serverDate ?? receivedAt + this.clock.offsetMs
    const result = interpretAnswer({ ...raw, body: redactText(raw.body, secrets) }, serverNow)
    const requestId = result instanceof ApiError ? result.requestId : result.requestId
    if (typeof requestId === 'string' && requestId) this.lastRequestId = requestId
    this.options.log.debug(
      `← ${raw.httpStatus} for ${method} ${path} in ${receivedAt - sentAt} ms${requestId ? `, requestId ${requestId}` : ''}`
    )
    if (result instanceof ApiError) throw result
    return { data: redactDeep(result.data, secrets), requestId: requestId ?? '' }
  }

  /**
   * The HTTP exchange, bounded by the per-request timeout, the deadline and cancellation. A request
   * that is given up on is cut off by disposing its client, so its socket cannot hold the process.
   */
  private async exchange(
    method: Method,
    url: string,
    body: string | null,
    headers: Record<string, string>
  ): Promise<RawAnswer> {
    const { signal, requestTimeoutMs, deadline } = this.options
    const untilDeadline = deadline - Date.now()
    const limit = Math.max(1, Math.min(requestTimeoutMs, untilDeadline))
    const http = (this.http ??= new HttpClient(USER_AGENT, [], {
      allowRetries: false,
      allowRedirects: false,
      keepAlive: true,
      socketTimeout: requestTimeoutMs
    }))

    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          limit < requestTimeoutMs
            ? new StopError('timeout')
            : new ApiError(
                'transient',
                `no answer within ${formatDuration(requestTimeoutMs)} (request-timeout-seconds)`
              )
        )
      }, limit)
      onAbort = () => reject(new StopError('cancelled'))
      signal.addEventListener('abort', onAbort, { once: true })
    })
    const work = (async (): Promise<RawAnswer> => {
      const response = await http.request(method, url, body, headers)
      const text = await readBody(response.message)
      return {
        httpStatus: response.message.statusCode ?? 0,
        statusText: response.message.statusMessage ?? '',
        headers: response.message.headers,
        body: text
      }
    })()
    // When the deadline or a cancel wins the race, the abandoned request's failure is expected.
    work.catch(() => undefined)
    try {
      return await Promise.race([work, stop])
    } catch (caught) {
      const error = caught instanceof StopError ? caught : toApiError(caught)
      // Cut an abandoned or broken request off; the next attempt gets a fresh client.
      if (error instanceof StopError || error.kind === 'transient') this.dispose()
      throw error
    } finally {
      clearTimeout(timer)
      if (onAbort) signal.removeEventListener('abort', onAbort)
    }
  }
}

/** Reads a whole body, rejecting when the connection is cut before its end. */
function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        message.destroy()
        reject(new ApiError('transient', `the answer was larger than ${MAX_BODY_BYTES} bytes`))
        return
      }
      chunks.push(chunk)
    })
    message.on('end', () => {
      if (message.complete) resolve(Buffer.concat(chunks).toString('utf8'))
      else reject(new ApiError('transient', 'the connection closed before the answer was complete'))
    })
    message.on('aborted', () =>
      reject(new ApiError('transient', 'the connection closed before the answer was complete'))
    )
    message.on('error', error => reject(toApiError(error)))
    message.on('close', () => {
      if (!message.complete)
        reject(new ApiError('transient', 'the connection closed before the answer was complete'))
    })
  })
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|DEPTH_ZERO|ALTNAME/

/** Network failures: transient when retrying may help, fatal (with a hint) when it cannot. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const code =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : ''
  const message = error instanceof Error ? error.message : String(error)
  const text = code && !message.includes(code) ? `${code}: ${message}` : message
  if (TLS_CODES.test(code)) {
    return new ApiError('fatal', `TLS: ${text}`, {
      hint: 'if NineData uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate',
      mayHaveReachedServer: false
    })
  }
  // Failures of the connection itself: the request never reached NineData.
  const unsent = CONNECT_CODES.has(code)
  const hint =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? "check the host name in `api-url` (and the runner's DNS or proxy settings)"
      : code === 'ECONNREFUSED'
        ? 'check the port in `api-url`, and that NineData is reachable from the runner'
        : undefined
  if (isTransientNetworkError(error)) {
    return new ApiError('transient', text, { hint, mayHaveReachedServer: !unsent })
  }
  return new ApiError('fatal', text, { hint, mayHaveReachedServer: !unsent })
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN'
])

function withMessage(error: ApiError, message: string): ApiError {
  return new ApiError(error.kind, message, {
    requestId: error.requestId,
    httpStatus: error.httpStatus,
    hint: error.hint,
    mayHaveReachedServer: error.mayHaveReachedServer
  })
}
