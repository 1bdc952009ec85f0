import { NOW_PATH, ServerClock, type ClockNote } from './server-clock.js'
import { readEnvelope } from './envelope.js'
import {
  ApiError,
  StopError,
  apiUrlSuspicion,
  classifyNetworkError,
  pointsAtAddress,
  type Outage
} from './api-errors.js'
import { HttpExchange, type Method } from './http-exchange.js'
import { RETRY_POLICY, retryDelay } from './retry.js'
import { authHeaders, type Credentials } from './signer.js'
import { WireGuard } from './wire-guard.js'
import { formatDuration, plural } from '../text/wording.js'
import { realTime, type Time } from '../time.js'
import { errorMessage } from '../error-message.js'

// The signed NineData client: signs every request, reads the envelope, rides out transient failures
// until the deadline, and corrects for a drifting runner clock.

/** Where the client says what it does. Messages may quote server text: the sink makes it safe. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export interface ClientOptions {
  apiUrl: string
  credentials: Credentials
  requestTimeoutMs: number
  /** The longest wait between polls; retries wait at most the larger of this and 30 s. */
  pollIntervalMs: number
  /** Local epoch ms after which no request is sent and no wait goes on. */
  deadline: number
  signal: AbortSignal
  log: Log
  random?: () => number
  /** The clock and sleep; tests pass a clock they move themselves. */
  time?: Time
}

export interface CallOptions {
  query?: Record<string, string>
  body?: unknown
  /** Told of every transient failure before it is retried (a caller that paces its calls listens). */
  onFailedAttempt?: (error: ApiError) => void
}

/** A usable answer's `data`, as received, and how the call went. */
export interface CallResult {
  data: unknown
  requestId: string
  /** How many attempts the call took (1 when the first answer was usable). */
  attempts: number
  /** Failed attempts that may still have reached NineData (so may have had an effect there). */
  unclearAttempts: number
}

/** How one call's attempts went so far. */
interface Tally {
  failures: number
  /** Failed attempts that may still have reached NineData. */
  unclear: number
  /** The failures since the last usable answer. */
  outage: Outage | undefined
}

/**
 * Until NineData has answered once, failures that point at the address (a host that does not
 * resolve, a TLS or protocol mismatch, an answer that is not NineData's) end the step after this long
 * (or at timeout-seconds, when that comes first). Long enough to ride out a DNS or proxy hiccup.
 */
export const ADDRESS_GRACE_MS = 60_000
/** A last try before the deadline starts at least this long before it, so it can be answered. */
const LAST_TRY_MARGIN_MS = 500

export class NineDataClient {
  readonly clock: ServerClock
  /** requestId of the last answer that carried one. */
  lastRequestId: string | undefined
  private readonly http: HttpExchange
  private readonly wire: WireGuard
  private clockProbed = false
  /** Whether any answer so far was NineData's own (then failures are outages, not a wrong api-url). */
  private reachedNineData = false
  /** Whether the first failure before any NineData answer has been pointed at api-url. */
  private suspicionSaid = false
  /** Local ms of the first failure that pointed at the address, while NineData never answered. */
  private misaddressedSince: number | undefined
  private readonly time: Time

  constructor(private readonly options: ClientOptions) {
    this.time = options.time ?? realTime
    this.clock = new ServerClock(() => this.time.now())
    this.http = new HttpExchange({ ...options, now: () => this.time.now() })
    this.wire = new WireGuard(options.credentials.accessKeySecret)
  }

  /**
   * A signed call, retried through transient failures until the deadline. A StopError says whether
   * an attempt may have reached NineData, and (when NineData never answered) points at api-url.
   */
  async call(method: Method, path: string, options: CallOptions = {}): Promise<CallResult> {
    const tally: Tally = { failures: 0, unclear: 0, outage: undefined }
    try {
      return await this.attempts(method, path, options, tally)
    } catch (error) {
      if (!(error instanceof StopError)) throw error
      // A cancel during a wait between tries comes without the outage: it is the call's.
      const seen = error.outage ?? tally.outage
      const outage = seen && { ...seen, lastError: this.addressed(seen) }
      throw new StopError(error.reason, outage, error.mayHaveActed || tally.unclear > 0)
    }
  }

  private async attempts(
    method: Method,
    path: string,
    options: CallOptions,
    tally: Tally
  ): Promise<CallResult> {
    const label = `${method} ${path}`
    let clockCorrected = false
    for (;;) {
      const { outage } = tally
      this.stopIfDone(outage)
      const offsetSignedWith = this.clock.offsetMs
      const attemptAt = this.time.now()
      try {
        const answer = await this.signedRequest(method, path, options)
        if (tally.failures > 0) {
          this.options.log.info(
            `${label} succeeded on attempt ${tally.failures + 1}, after ${plural(tally.failures, 'failed attempt')}.`
          )
        }
        return { ...answer, attempts: tally.failures + 1, unclearAttempts: tally.unclear }
      } catch (caught) {
        if (caught instanceof StopError) {
          // A request still unanswered when the run stops is part of the outage, if there is one.
          const lastError = new ApiError('transient', `${label} had not answered yet`, {
            symptom: 'silent'
          })
          throw new StopError(caught.reason, outage ?? { sinceMs: attemptAt, lastError }, true)
        }
        const error = classifyNetworkError(caught)
        if (
          error.kind === 'auth' &&
          !clockCorrected &&
          (await this.clockWasOff(offsetSignedWith))
        ) {
          // The rejection was our clock's fault: the corrected clock gets one more try.
          clockCorrected = true
          continue
        }
        if (error.kind !== 'transient') throw error
        this.suspectApiUrl(error)
        this.endIfMisaddressed(error, attemptAt)
        tally.failures++
        if (error.mayHaveReachedServer) tally.unclear++
        options.onFailedAttempt?.(error)
        tally.outage = { sinceMs: outage?.sinceMs ?? attemptAt, lastError: error }
        await this.pauseAfter(label, error, tally.failures, tally.outage)
      }
    }
  }

  /** Frees sockets, including one stuck in a request that was given up on. */
  dispose(): void {
    this.http.dispose()
  }

  /** Waits `ms` (never past the deadline); throws StopError when cancelled. */
  async sleep(ms: number): Promise<void> {
    const { signal } = this.options
    if (signal.aborted) throw new StopError('cancelled')
    await this.time.sleep(
      Math.max(0, Math.min(ms, this.options.deadline - this.time.now())),
      signal
    )
    if (signal.aborted) throw new StopError('cancelled')
  }

  /**
   * Waits before the next try, warning why. Transient failures never end the wait before the
   * deadline: when the next try would come after it, a last try is made just before it, or (when
   * NineData asked to wait longer, or no time is left) the wait runs out and the outage is reported.
   */
  private async pauseAfter(label: string, error: ApiError, failures: number, outage: Outage) {
    const asked =
      error.retryAfterMs !== undefined
        ? ` (Retry-After asks for ${(error.retryAfterMs / 1000).toFixed(1)}s)`
        : ''
    let delay = retryDelay(failures, {
      intervalMs: this.options.pollIntervalMs,
      retryAfterMs: error.retryAfterMs,
      random: this.options.random
    })
    const remaining = this.options.deadline - this.time.now()
    if (delay >= remaining) {
      const lastTry = remaining - LAST_TRY_MARGIN_MS
      const serverWantsLonger = (error.retryAfterMs ?? 0) >= remaining
      if (serverWantsLonger || lastTry < RETRY_POLICY.floorMs) {
        await this.sleep(remaining)
        const last = new ApiError(
          error.kind,
          `${error.message}${asked}; no time was left for another try`,
          error
        )
        throw new StopError('timeout', { ...outage, lastError: last })
      }
      delay = lastTry
    }
    const down = formatDuration(this.time.now() - outage.sinceMs)
    this.options.log.warning(
      `${label} failed: ${error.message}. Retrying in ${(delay / 1000).toFixed(1)}s${asked}; no usable answer for ${down} so far.`
    )
    await this.sleep(delay)
  }

  private stopIfDone(outage: Outage | undefined): void {
    if (this.options.signal.aborted) throw new StopError('cancelled', outage)
    if (this.time.now() >= this.options.deadline) throw new StopError('timeout', outage)
  }

  /**
   * After an auth rejection: did the clock turn out to be off by more than we signed with? The
   * rejection's Date header has already been read; without one, ask `/openapi/now` once.
   */
  private async clockWasOff(offsetSignedWith: number): Promise<boolean> {
    if (this.clock.offsetMs === offsetSignedWith && !this.clockProbed) {
      this.clockProbed = true
      // The time probe's requestId is of no use to support: keep the one of the rejected call.
      const rejectedRequestId = this.lastRequestId
      try {
        const sentAt = this.time.now()
        const { data } = await this.signedRequest('GET', NOW_PATH, {})
        this.say(this.clock.learnFromNow(data, sentAt, this.time.now()))
      } catch (error) {
        if (error instanceof StopError) throw error
        this.options.log.debug(
          `Could not read NineData's time from ${NOW_PATH}: ${errorMessage(error)}`
        )
      } finally {
        this.lastRequestId = rejectedRequestId
      }
    }
    return this.clock.offsetMs !== offsetSignedWith
  }

  private say(note: ClockNote | undefined): void {
    if (note) this.options.log[note.level](note.message)
  }

  /**
   * Before NineData has ever answered, a failed attempt may just as well be a wrong scheme, host, port
   * or path: say so at once, naming api-url, rather than after timeout-seconds of silent retries.
   */
  private suspectApiUrl(error: ApiError): void {
    if (this.reachedNineData || this.suspicionSaid) return
    const suspicion = apiUrlSuspicion(error)
    if (suspicion === undefined) return
    this.suspicionSaid = true
    const then = pointsAtAddress(error)
      ? `Retries go on for ${formatDuration(ADDRESS_GRACE_MS)} at most: if nothing answers as NineData by then, the step ends (a wrong address does not get better by waiting).`
      : 'Retries go on until timeout-seconds, as for an outage (NineData may be restarting); if api-url is wrong, fix it rather than wait.'
    this.options.log.warning(
      `\`api-url\` (${this.options.apiUrl}) has given no answer from NineData yet: ${suspicion}. ${then}`
    )
  }

  /**
   * Until NineData has answered once, failures that point at the address rather than at an outage
   * (see pointsAtAddress) end the call once they have gone on for ADDRESS_GRACE_MS.
   */
  private endIfMisaddressed(error: ApiError, attemptAt: number): void {
    if (this.reachedNineData || !pointsAtAddress(error)) return
    this.misaddressedSince ??= attemptAt
    const failing = this.time.now() - this.misaddressedSince
    if (failing < ADDRESS_GRACE_MS) return
    const address = this.addressed({ sinceMs: this.misaddressedSince, lastError: error })
    throw new ApiError(
      'fatal',
      `nothing answered as NineData in ${formatDuration(failing)} of tries, and a wrong address does not get better by waiting, so the step ends before timeout-seconds; the last error: ${error.message}`,
      address
    )
  }

  /**
   * The outage's last error; when NineData has never answered and the failure says something about
   * the address, with the api-url hint (marked to lead the final message).
   */
  private addressed(outage: Outage): ApiError {
    const error = outage.lastError
    const suspicion = this.reachedNineData ? undefined : apiUrlSuspicion(error)
    if (suspicion === undefined) return error
    return new ApiError(error.kind, error.message, {
      ...error,
      hint: `\`api-url\` (${this.options.apiUrl}) has never answered as NineData: ${suspicion}`,
      misaddressed: true
    })
  }

  /** One signed request and its envelope: the data as received, or a classified failure. */
  private async signedRequest(
    method: Method,
    path: string,
    options: CallOptions
  ): Promise<{ data: unknown; requestId: string }> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : ''
    const signedAt = this.clock.now()
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...authHeaders(path, this.options.credentials, signedAt)
    }
    const body = method === 'POST' ? JSON.stringify(options.body ?? {}) : null
    if (body !== null) headers['content-type'] = 'application/json'
    this.wire.check({
      method,
      path,
      query: options.query,
      queryString: query,
      body,
      bodyValue: options.body,
      accessKeyId: this.options.credentials.accessKeyId
    })

    const sentAt = this.time.now()
    this.options.log.debug(`→ ${method} ${path}${query}`)
    const raw = await this.http.send(method, `${this.options.apiUrl}${path}${query}`, body, headers)
    const receivedAt = this.time.now()
    const result = readEnvelope(raw, this.clock.answeredAt(raw.headers['date'], receivedAt))
    const accepted = !(result instanceof ApiError)
    if (accepted || result.fromNineData) this.reachedNineData = true
    this.say(
      this.clock.learnFromAnswer({
        dateHeader: raw.headers['date'],
        path,
        signedAt: signedAt.getTime(),
        sentAt,
        receivedAt,
        accepted
      })
    )
    const requestId = result.requestId
    if (typeof requestId === 'string' && requestId) this.lastRequestId = requestId
    this.options.log.debug(
      `← ${raw.httpStatus} for ${method} ${path} in ${receivedAt - sentAt} ms${typeof requestId === 'string' && requestId ? `, requestId ${requestId}` : ''}`
    )
    if (result instanceof ApiError) throw result
    return { data: result.data, requestId: typeof requestId === 'string' ? requestId : '' }
  }
}
