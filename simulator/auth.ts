import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

// NineData's request signing, re-derived from its docs (not from the action's code): three headers,
// a timestamp within 10 minutes of the server's clock, and a signature over the bare path.

/** NineData refuses timestamps more than this far from its clock. */
export const MAX_CLOCK_DIFFERENCE_MS = 10 * 60 * 1000
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

export interface Credentials {
  accessKeyId: string
  secret: string
}

/** The signature NineData expects: sha256 hex of `<path>/<secret>&<timestamp>`. */
export function expectedSignature(path: string, secret: string, timestamp: string): string {
  return createHash('sha256').update(`${path}/${secret}&${timestamp}`).digest('hex')
}

/** null when the request is properly signed; otherwise why not, in NineData's words. */
export function authProblem(
  headers: IncomingHttpHeaders,
  path: string,
  credentials: Credentials,
  serverNowMs: number
): string | null {
  const key = headers['access-key-id']
  const timestamp = headers['timestamp']
  const signature = headers['signature']
  if (typeof key !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
    return 'missing access-key-id, timestamp or signature header'
  }
  if (key !== credentials.accessKeyId) return 'AccessKey ID not found'
  if (!TIMESTAMP_FORMAT.test(timestamp))
    return `timestamp format invalid, expected yyyy-MM-ddTHH:mm:ssZ`
  if (Math.abs(Date.parse(timestamp) - serverNowMs) > MAX_CLOCK_DIFFERENCE_MS)
    return 'timestamp expired: more than 10 minutes from server time'
  if (signature !== expectedSignature(path, credentials.secret, timestamp))
    return 'signature mismatch'
  return null
}
