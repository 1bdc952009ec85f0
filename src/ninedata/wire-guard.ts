import { Redactor, jsonStrings } from '../text/redact.js'
import { ApiError } from './api-errors.js'

// The access-key-secret never goes on the wire: not in a path, a query, a body or a header we fill
// in from data. Requests are built from inputs and from IDs in NineData's answers; an answer that
// echoes the secret as an ID would otherwise have the action send it back in a URL, which proxies
// and access logs keep. The signature is a hash of the secret and is not checked.

export interface OutgoingRequest {
  method: string
  path: string
  query: Record<string, string> | undefined
  /** The query string as sent (`?a=b`), '' when none. */
  queryString: string
  body: string | null
  /** The body before JSON.stringify escaped its strings (once more, for an escaped copy). */
  bodyValue: unknown
  accessKeyId: string
}

export class WireGuard {
  private readonly redactor: Redactor

  constructor(secret: string) {
    this.redactor = new Redactor(secret ? [secret, secret.trim()] : [])
  }

  /** Throws a final protocol error when the request would carry the secret in any form. */
  check(request: OutgoingRequest): void {
    const where = this.carrier(request)
    if (where === undefined) return
    throw new ApiError(
      'protocol',
      `${request.method} ${request.path} was not sent: its ${where} would carry the access-key-secret ` +
        `(an ID from NineData's answer, or an input, contains it), and the secret never goes on the wire`,
      { mayHaveReachedServer: false }
    )
  }

  private carrier(request: OutgoingRequest): string | undefined {
    if (!this.redactor.active) return undefined
    const found = (text: string): boolean => this.redactor.finds(text)
    if (found(request.path)) return 'path'
    const values = Object.entries(request.query ?? {}).flat()
    if (values.some(found) || found(request.queryString)) return 'query'
    if (request.body !== null && (found(request.body) || found(jsonStrings(request.bodyValue))))
      return 'body'
    if (found(request.accessKeyId)) return 'access-key-id header'
    return undefined
  }
}
