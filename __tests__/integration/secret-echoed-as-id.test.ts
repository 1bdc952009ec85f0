import { afterEach, describe, expect, it } from '@jest/globals'
import { Redactor } from '../../src/text/redact.js'
import { failureMessage } from '../helpers/action-runner.js'
import { customScenario, gate, stopSimulators } from '../helpers/simulator.js'

// A start answer that echoes the access-key-secret as the precheck ID: the action never sends the
// secret back in the status URL (proxies and access logs keep URLs). It stops with a clear error.

afterEach(stopSimulators)

const SECRET = 'Nd9-echoed+secret/9Qz'

describe('the secret is never put on the wire', () => {
  it.each([
    ['as received', (s: string) => `pcte-${s}`],
    ['URL-encoded', (s: string) => `pcte-${encodeURIComponent(s)}`],
    ['base64', (s: string) => `pcte-${Buffer.from(s).toString('base64url')}`]
  ])('a precheckTaskId holding the secret %s is not followed', async (_label, form) => {
    const scenario = customScenario({
      startAnswer: c => ({ data: { taskId: c.taskId, precheckTaskId: form(c.secret) } })
    })
    const { result, sim } = await gate(
      scenario,
      { 'access-key-secret': SECRET },
      {},
      { accessKeySecret: SECRET }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    const finder = new Redactor([SECRET])
    for (const request of sim.requests) {
      expect(finder.finds(`${request.path}?${new URLSearchParams(request.query)}`)).toBe(false)
      expect(finder.finds(request.body)).toBe(false)
    }
    expect(failureMessage(result)).toMatch(
      /GET \/openapi\/v1\/compareschema\/precheck\/status was not sent: its query would carry the access-key-secret \(an ID from NineData's answer, or an input, contains it\)/
    )
  })
})
