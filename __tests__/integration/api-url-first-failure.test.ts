import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  failureMessage,
  retryWarnings,
  runAction,
  startAction,
  visibleText,
  type ActionResult
} from '../helpers/action-runner.js'
import {
  customScenario,
  gate,
  simulator,
  stopSimulators,
  testInputs
} from '../helpers/simulator.js'

// A wrong scheme, host, port or path fails like an outage. Until NineData has answered once, the
// first failed attempt already says so in a warning that names api-url and the likely cause; the
// retries go on as documented. Once NineData has answered, failures are an outage and say nothing
// of api-url.

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => new Promise(resolve => s.close(resolve))))
  await stopSimulators()
})

const SUSPICION =
  /^`api-url` \((.+)\) has given no answer from NineData yet: (.+)\. Retries go on (until timeout-seconds|for 1m 0s at most)/

function suspicions(result: ActionResult): string[] {
  return result.annotations
    .filter(a => a.level === 'warning' && SUSPICION.test(a.message))
    .map(a => a.message)
}

/** The api-url warning comes once, before or with the first retry warning. */
function expectSuspicionFirst(result: ActionResult, apiUrl: string, cause: RegExp): void {
  const found = suspicions(result)
  expect(found).toHaveLength(1)
  const [, url, said] = SUSPICION.exec(found[0]!)!
  expect(url).toBe(apiUrl)
  expect(said).toMatch(cause)
  const warnings = result.annotations.filter(a => a.level === 'warning').map(a => a.message)
  expect(warnings.indexOf(found[0]!)).toBeLessThan(warnings.indexOf(retryWarnings(result)[0]!))
}

async function freePort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

async function htmlServer(status: number): Promise<string> {
  const server = createServer((_req, res) =>
    res.writeHead(status, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>')
  )
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const quick = { 'timeout-seconds': '3' }

describe('the first failed attempt points at api-url', () => {
  it('a refused port: the warning names the port', async () => {
    const url = `http://127.0.0.1:${await freePort()}`
    const result = await runAction(testInputs(url, quick))
    expect(result.exitCode).toBe(1)
    expectSuspicionFirst(result, url, /nothing accepted the connection: check the port/)
    // Outages are still ridden out: more than one attempt was made.
    expect(retryWarnings(result).length).toBeGreaterThanOrEqual(1)
    // A restart is ridden out, but nothing ever answered: the final message leads with the address.
    expect(failureMessage(result)).toMatch(
      new RegExp(
        `^\`api-url\` \\(${url.replace(/\./g, '\\.')}\\) has never answered as NineData: nothing accepted the connection: check the port .*\\. The precheck did not finish within timeout-seconds`
      )
    )
    expect(result.summary.indexOf('has never answered as NineData')).toBeLessThan(
      result.summary.indexOf('The precheck did not finish')
    )
  })

  it('an HTML page with 200 instead of NineData: the warning names the path', async () => {
    const url = await htmlServer(200)
    const result = await runAction(testInputs(url, quick))
    expect(result.exitCode).toBe(1)
    expectSuspicionFirst(
      result,
      url,
      /not NineData's OpenAPI JSON .* base URL of NineData's OpenAPI/
    )
  })

  it('an HTML 404: the step ends at once with the api-url hint', async () => {
    const url = await htmlServer(404)
    const result = await runAction(testInputs(url, quick))
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /Check `api-url`: it should be the base URL of the NineData OpenAPI/
    )
    expect(retryWarnings(result)).toEqual([])
  })

  const openssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  const itWithOpenssl = openssl ? it : it.skip
  itWithOpenssl('http:// to an https port: the warning names the scheme', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ninedata-scheme-'))
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem')].concat([
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1'
      ]),
      { stdio: 'ignore' }
    )
    const tls = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8')
    }
    const sim = await simulator('pass', { tls, host: '127.0.0.1' })
    const url = sim.url.replace(/^https:/, 'http:')
    const result = await runAction(testInputs(url, quick))
    expect(result.exitCode).toBe(1)
    expectSuspicionFirst(result, url, /check the scheme/)
    // Not ridden out as an outage: the retries stop after a minute (see the in-process proof); here
    // timeout-seconds is shorter, and the final message leads with the scheme, not the timeout.
    expect(suspicions(result)[0]).toMatch(/Retries go on for 1m 0s at most/)
    expect(failureMessage(result)).toMatch(
      /^`api-url` \(http:\/\/.+\) has never answered as NineData: .*check the scheme .*The precheck did not finish within timeout-seconds/
    )
  })

  it('a cancel while nothing has answered keeps the api-url hint', async () => {
    const url = 'http://ninedata-gate-wrong-host.invalid'
    let signalled = false
    const run = startAction(testInputs(url, { 'timeout-seconds': '60' }), {
      killAfterMs: 30_000,
      onLine: line => {
        if (!signalled && /Retrying in/.test(line)) {
          signalled = true
          run.child.kill('SIGINT')
        }
      }
    })
    const result = await run.done
    expect(signalled).toBe(true)
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(
      /^`api-url` \(http:\/\/ninedata-gate-wrong-host\.invalid\) has never answered as NineData: the host name does not resolve/
    )
    expect(visibleText(result.summary)).toMatch(/wait cancelled/)
  })
})

describe('after NineData has answered once', () => {
  it('an outage says nothing of api-url', async () => {
    const scenario = customScenario({
      faults: [{ on: 'status', from: 1, times: 2, kind: { type: 'reset' } }]
    })
    const { result } = await gate(scenario)
    expect(result.exitCode).toBe(0)
    expect(retryWarnings(result).length).toBeGreaterThanOrEqual(1)
    expect(suspicions(result)).toEqual([])
  })
})
