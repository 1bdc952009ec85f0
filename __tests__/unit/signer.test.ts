import { describe, expect, it } from '@jest/globals'
import { authHeaders, formatTimestamp, sign } from '../../src/ninedata/signer.js'

describe('signer', () => {
  // The independent vectors of shared/ninedata-openapi.md (computed with sha256sum).
  it.each([
    [
      '/openapi/v1/compareschema/precheck/status',
      'secret',
      '2024-05-31T09:15:33Z',
      'c53c24699d1bb6dbcd4f7ad0790e6ed720a9999755d374a90166c3ac0d95b695'
    ],
    [
      '/openapi/v1/datasource/list',
      'secret',
      '2026-04-20T12:34:56Z',
      'f369c2ce0f3783343d5a22a9212df57980df51bf363b9032e50a68429dea49a4'
    ]
  ])('signs %s as documented', (path, secret, timestamp, expected) => {
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
