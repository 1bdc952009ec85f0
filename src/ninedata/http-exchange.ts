import type { IncomingMessage } from 'node:http'
import type { RawAnswer } from './envelope.js'
import { ApiError, StopError, classifyNetworkError } from './api-errors.js'
import { Transport } from './transport.js'
import { formatDuration } from '../text/wording.js'

// One raw HTTP exchange, bounded by the per-request timeout, the deadline and cancellation. It knows
// nothing of signing or NineData's envelope. Proxies (https_proxy, no_proxy): see transport.ts.

/** Refuse to buffer answers larger than this: a precheck is never that big, a broken proxy may be. */
const MAX_BODY_BYTES = 64 * 1024 * 1024

export type Method = 'GET' | 'POST'

export interface ExchangeLimits {
  requestTimeoutMs: number
  /** Local epoch ms after which nothing waits any longer. */
  deadline: number
  signal: AbortSignal
  /** Local epoch ms, from the client's clock. */
  now?: () => number
}

export class HttpExchange {
  private transport: Transport | undefined

  constructor(private readonly limits: ExchangeLimits) {}

  /** Frees every socket (direct, pooled or tunnelled through a proxy), a request given up on too. */
  dispose(): void {
    this.transport?.dispose()
    this.transport = undefined
  }

  async send(
    method: Method,
    url: string,
    body: string | null,
    headers: Record<string, string>
  ): Promise<RawAnswer> {
    const transport = (this.transport ??= new Transport())
    const work = (async (): Promise<RawAnswer> => {
      // No redirects are followed and nothing is retried here: the client decides what a failure means.
      const message = await transport.request(method, new URL(url), body, headers)
      return {
        httpStatus: message.statusCode ?? 0,
        statusText: message.statusMessage ?? '',
        headers: message.headers,
        body: await readBody(message)
      }
    })()
    // When the deadline or a cancel wins the race, the abandoned request's failure is expected.
    work.catch(() => undefined)
    const stop = this.stopper()
    try {
      return await Promise.race([work, stop.promise])
    } catch (caught) {
      const error = caught instanceof StopError ? caught : classifyNetworkError(caught)
      // Cut an abandoned or broken request off; the next attempt gets a fresh connection.
      if (error instanceof StopError || error.kind === 'transient') this.dispose()
      throw error
    } finally {
      stop.clear()
    }
  }

  /** Rejects at the per-request timeout, the deadline or a cancel, whichever comes first. */
  private stopper(): { promise: Promise<never>; clear: () => void } {
    const { signal, requestTimeoutMs, deadline } = this.limits
    const now = this.limits.now ?? Date.now
    const limit = Math.max(1, Math.min(requestTimeoutMs, deadline - now()))
    let timer: NodeJS.Timeout | undefined
    let onAbort: (() => void) | undefined
    const promise = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          limit < requestTimeoutMs
            ? new StopError('timeout')
            : new ApiError(
                'transient',
                `no answer within ${formatDuration(requestTimeoutMs)} (request-timeout-seconds)`,
                { symptom: 'silent' }
              )
        )
      }, limit)
      onAbort = () => reject(new StopError('cancelled'))
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
    return {
      promise,
      clear: () => {
        clearTimeout(timer)
        if (onAbort) signal.removeEventListener('abort', onAbort)
      }
    }
  }
}

const CUT_SHORT = 'the connection closed before the answer was complete'

/** Reads a whole body, rejecting when the connection is cut before its end or it grows too large. */
function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = (): void => {
      // Rejected before the connection is cut, so the cut is not mistaken for a transient failure.
      reject(
        new ApiError(
          'fatal',
          `the answer was too large: over ${MAX_BODY_BYTES / 1024 / 1024} MiB, more than any precheck needs`
        )
      )
      message.destroy()
    }
    if (Number(message.headers['content-length']) > MAX_BODY_BYTES) return tooLarge()
    message.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) return tooLarge()
      chunks.push(chunk)
    })
    message.on('end', () => {
      if (message.complete) resolve(Buffer.concat(chunks).toString('utf8'))
      else reject(new ApiError('transient', CUT_SHORT, { symptom: 'cut' }))
    })
    message.on('aborted', () => reject(new ApiError('transient', CUT_SHORT, { symptom: 'cut' })))
    message.on('error', error => reject(classifyNetworkError(error)))
    message.on('close', () => {
      if (!message.complete) reject(new ApiError('transient', CUT_SHORT, { symptom: 'cut' }))
    })
  })
}
