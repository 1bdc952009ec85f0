import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { failureMessage, retryWarnings, runAction, visibleText } from '../helpers/action-runner.js'
import { expectPassed, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// TLS: a NineData behind a private certificate authority (NODE_EXTRA_CA_CERTS is the way in, and
// without it the failure says so at once), and https:// given for a plain-http port.

afterEach(stopSimulators)

const inputs = (apiUrl: string, extra: Record<string, string> = {}) =>
  testInputs(apiUrl, { 'task-id': 'cc-netw0rk', ...extra })

function hasOpenssl(): boolean {
  try {
    execFileSync('which', ['openssl'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('a private certificate authority', () => {
  const openssl = hasOpenssl()
  if (!openssl) {
    console.warn(
      'Skipping the private CA tests: no `openssl` on PATH to make a CA and a server certificate.'
    )
  }
  const itWithOpenssl = openssl ? it : it.skip
  let dir = ''
  let tls: { key: string; cert: string } | undefined
  let caFile = ''

  beforeAll(() => {
    if (!openssl) return
    dir = mkdtempSync(join(tmpdir(), 'ninedata-ca-'))
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=NineData Gate Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign'
    )
    run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
    writeFileSync(
      join(dir, 'server.ext'),
      'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n'
    )
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext'
    )
    tls = {
      key: readFileSync(join(dir, 'server.key'), 'utf8'),
      cert: readFileSync(join(dir, 'server.pem'), 'utf8')
    }
    caFile = join(dir, 'ca.pem')
  })
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  itWithOpenssl('passes over https when NODE_EXTRA_CA_CERTS names the CA', async () => {
    const sim = await simulator('pass', { tls, host: '127.0.0.1' })
    const result = await runAction(inputs(`https://localhost:${sim.port}`), {
      env: { NODE_EXTRA_CA_CERTS: caFile }
    })
    expectPassed(result)
    expect(retryWarnings(result)).toEqual([])
    expect(sim.count('start')).toBe(1)
  })

  itWithOpenssl('fails fast, pointing at NODE_EXTRA_CA_CERTS, without the CA', async () => {
    const sim = await simulator('pass', { tls, host: '127.0.0.1' })
    const result = await runAction(inputs(`https://localhost:${sim.port}`))
    expect(result.exitCode).toBe(1)
    // A certificate problem does not get better by retrying: no retry storm, no request got through.
    expect(retryWarnings(result)).toEqual([])
    expect(sim.requests).toEqual([])
    const message = failureMessage(result)
    expect(message).toMatch(
      /^NineData did not start a precheck for task cc-netw0rk: TLS certificate problem \(\w+\)\. If NineData uses a private certificate authority/
    )
    expect(message).toContain('NODE_EXTRA_CA_CERTS')
    expect(visibleText(result.summary)).toContain('NODE_EXTRA_CA_CERTS')
    expect(result.outputs['status']).toBe('')
  })
})

describe('the wrong scheme', () => {
  it('https:// to a plain-http port: says to check the scheme and port, at once', async () => {
    const sim = await simulator('pass')
    const result = await runAction(inputs(sim.url.replace('http://', 'https://')))
    expect(result.exitCode).toBe(1)
    expect(retryWarnings(result)).toEqual([])
    const message = failureMessage(result)
    expect(message).toMatch(/TLS handshake failed/)
    expect(message).toMatch(/check the scheme and port of `api-url`/i)
    // No raw OpenSSL text with its escaped newline.
    expect(message).not.toMatch(/%0A|SSL routines|\n/)
  })
})
