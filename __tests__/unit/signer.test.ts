import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ROOT } from '../helpers/action-runner.js'
import { authHeaders, formatTimestamp, sign } from '../../src/ninedata/signer.js'

/** The signature vectors of docs/ninedata-api.md ("Authentication"), read from its table. */
function documentedVectors(): [string, string, string, string][] {
  const doc = readFileSync(join(ROOT, 'docs', 'ninedata-api.md'), 'utf8')
  const rows = [
    ...doc.matchAll(/^\| `(\/openapi\/[^`]+)` \| `([^`]+)` \| `([^`]+)` \| `([0-9a-f]{64})` \|$/gm)
  ]
  return rows.map(([, path = '', secret = '', timestamp = '', signature = '']) => [
    path,
    secret,
    timestamp,
    signature
  ])
}

describe('signer', () => {
  // Computed independently with sha256sum; the page shows the command.
  const vectors = documentedVectors()

  it('has the documented vectors to check against', () => {
    expect(vectors).toHaveLength(2)
  })

  it.each(vectors)('signs %s as documented', (path, secret, timestamp, expected) => {
    expect(sign(path, secret, timestamp)).toBe(expected)
  })

  it('formats the timestamp as yyyy-MM-ddTHH:mm:ssZ in UTC without milliseconds', () => {
    expect(formatTimestamp(new Date(Date.UTC(2024, 4, 31, 9, 15, 33, 987)))).toBe(
      '2024-05-31T09:15:33Z'
    )
    expect(formatTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 0)))).toBe('2026-01-02T03:04:05Z')
  })

  it('builds the three headers from the same timestamp', () => {
    const headers = authHeaders(
      '/openapi/v1/compareschema/precheck/status',
      { accessKeyId: 'AK1', accessKeySecret: 'secret' },
      new Date('2024-05-31T09:15:33.500Z')
    )
    expect(headers).toEqual({
      'access-key-id': 'AK1',
      timestamp: '2024-05-31T09:15:33Z',
      signature: 'c53c24699d1bb6dbcd4f7ad0790e6ed720a9999755d374a90166c3ac0d95b695'
    })
  })
})
