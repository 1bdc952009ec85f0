import { createHash } from 'node:crypto'

// NineData's request signing, as documented: pure functions, no I/O.

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, without milliseconds, exactly as the `timestamp` header wants it. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Lowercase hex SHA-256 of `<path>/<secret>&<timestamp>`. `path` is the request path only: no host,
 * no query string.
 */
export function sign(path: string, secret: string, timestamp: string): string {
  return createHash('sha256').update(`${path}/${secret}&${timestamp}`, 'utf8').digest('hex')
}

export interface Credentials {
  accessKeyId: string
  accessKeySecret: string
}

/** The three authentication headers for one request. */
export function authHeaders(
  path: string,
  credentials: Credentials,
  now: Date
): Record<'access-key-id' | 'timestamp' | 'signature', string> {
  const timestamp = formatTimestamp(now)
  return {
    'access-key-id': credentials.accessKeyId,
    timestamp,
    signature: sign(path, credentials.accessKeySecret, timestamp)
  }
}
