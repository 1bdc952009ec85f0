import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NineDataClient } from '../../src/ninedata/ninedata-client.js'
import { ApiError } from '../../src/ninedata/api-errors.js'
import { getPrecheckStatus, startPrecheck } from '../../src/ninedata/precheck-api.js'
import {
  customScenario,
  DEMO_CREDENTIALS,
  simulator,
  stopSimulators
} from '../helpers/simulator.js'

// The client never sends a request that carries the access-key-secret, in any form the redactor
// finds: an ID echoed from an answer goes nowhere when it holds the secret.

const RUNS = { seed: 20261118, numRuns: 200 }

let server: Server
let requests = 0
let url = ''

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"success":true,"requestId":"r","data":{}}')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await stopSimulators()
  await new Promise<void>(resolve => server.close(() => resolve()))
})

function client(apiUrl: string, secret: string): NineDataClient {
  return new NineDataClient({
    apiUrl,
    credentials: { accessKeyId: DEMO_CREDENTIALS['access-key-id'], accessKeySecret: secret },
    requestTimeoutMs: 2000,
    pollIntervalMs: 1000,
    deadline: Date.now() + 10_000,
    signal: new AbortController().signal,
    log: { info: () => undefined, warning: () => undefined, debug: () => undefined }
  })
}

const secretArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'abcXYZ019-_'),
      fc.constantFrom('%', '%25', '&', '+', '/', '=', '?', '#', ' ', '\\', '"', 'é', '😀')
    ),
    { minLength: 8, maxLength: 40 }
  )
  .map(parts => `Zq${parts.join('')}`)
const FORMS: ((s: string) => string)[] = [
  s => s,
  s => encodeURIComponent(s),
  s => JSON.stringify(s).slice(1, -1),
  s => Buffer.from(s).toString('base64'),
  s => Buffer.from(s).toString('base64url'),
  s => s.replace(/&/g, '&amp;')
]

describe('the secret on the wire', () => {
  it('a query, body or path that carries the secret in any form is never sent (generated)', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb,
        fc.nat(FORMS.length - 1),
        fc.constantFrom('query', 'body'),
        async (secret, form, place) => {
          const id = `pcte-${FORMS[form]!(secret)}-x`
          const c = client(url, secret)
          const before = requests
          const call =
            place === 'query'
              ? c.call('GET', '/openapi/v1/compareschema/precheck/status', {
                  query: { taskId: 'cc-1', precheckTaskId: id }
                })
              : c.call('POST', '/openapi/v1/compareschema/precheck/start', { body: { taskId: id } })
          const error = await call.then(
            () => undefined,
            (e: unknown) => e
          )
          c.dispose()
          expect(error).toBeInstanceOf(ApiError)
          expect((error as ApiError).kind).toBe('protocol')
          expect((error as ApiError).message).toContain(
            `its ${place} would carry the access-key-secret`
          )
          expect(requests).toBe(before)
        }
      ),
      RUNS
    )
  })

  it('requests without the secret go out as before', async () => {
    const c = client(url, 'Zq-a-long-secret-value')
    const before = requests
    await c.call('GET', '/openapi/v1/compareschema/precheck/status', {
      query: { taskId: 'cc-1', precheckTaskId: 'pcte-1' }
    })
    c.dispose()
    expect(requests).toBe(before + 1)
  })

  it('a start answer that echoes the secret as precheckTaskId: the status query is never sent', async () => {
    const secret = 'Zq-echoed-secret-0042'
    const sim = await simulator(
      customScenario({
        startAnswer: ctx => ({ data: { taskId: ctx.taskId, precheckTaskId: `pcte-${ctx.secret}` } })
      }),
      { accessKeySecret: secret }
    )
    const c = client(sim.url, secret)
    const started = await startPrecheck(c, 'schema', 'cc-1')
    const error = await getPrecheckStatus(c, 'schema', 'cc-1', started.precheckTaskId).catch(
      (e: unknown) => e
    )
    c.dispose()
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(
      /^GET \/openapi\/v1\/compareschema\/precheck\/status was not sent: its query would carry the access-key-secret \(an ID from NineData's answer/
    )
    expect(sim.count('status')).toBe(0)
  })
})
