import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { readEnvelope } from '../../src/ninedata/envelope.js'
import { ApiError, apiUrlSuspicion, classifyNetworkError } from '../../src/ninedata/api-errors.js'

// Which failures point at a wrong api-url: every failure that is not NineData's own answer names a
// cause; an answer in NineData's envelope (a refusal, an error it reports) never does.

const RUNS = { seed: 20261120, numRuns: 300 }

const bodies = fc.oneof(
  fc.constant({ body: '<html><body>Welcome to nginx</body></html>', envelope: false }),
  fc.constant({ body: '', envelope: false }),
  fc.string({ maxLength: 40 }).map(text => ({ body: `oops ${text}`, envelope: false })),
  fc.constant({ body: '{"status":"UP"}', envelope: false }),
  fc
    .record({ success: fc.boolean(), message: fc.string({ maxLength: 30 }) })
    .map(e => ({ body: JSON.stringify({ ...e, requestId: 'r' }), envelope: true }))
)

describe('apiUrlSuspicion', () => {
  it('names a cause for every answer that is not NineData’s, and none for NineData’s own (generated)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), bodies, (status, { body, envelope }) => {
        const result = readEnvelope({ httpStatus: status, statusText: '', headers: {}, body }, 0)
        if (!(result instanceof ApiError)) return
        const suspicion = apiUrlSuspicion(result)
        if (envelope) expect(suspicion).toBeUndefined()
        else expect(suspicion).toMatch(/check|gateway/)
      }),
      RUNS
    )
  })

  it('names the port, the host or the scheme for network failures', () => {
    const of = (code: string, message = '') =>
      apiUrlSuspicion(classifyNetworkError(Object.assign(new Error(message), { code })))
    expect(of('ECONNREFUSED')).toMatch(/check the port/)
    expect(of('ENOTFOUND')).toMatch(/check the host/)
    expect(of('ECONNRESET', 'socket hang up')).toMatch(/check the scheme/)
    expect(of('ERR_SSL_WRONG_VERSION_NUMBER')).toMatch(/check the scheme/)
    expect(of('', 'socket hang up')).toMatch(/check the scheme/)
  })
})
