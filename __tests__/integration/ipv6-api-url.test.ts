import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import { runAction } from '../helpers/action-runner.js'
import { expectPassed, simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// An api-url with an IPv6 literal (`http://[::1]:8080`) reaches NineData like any other host.

afterEach(stopSimulators)

/** Whether this machine can listen on the IPv6 loopback at all. */
const hasIpv6Loopback = await new Promise<boolean>(resolve => {
  const server = createServer()
  server.once('error', () => resolve(false))
  server.listen(0, '::1', () => server.close(() => resolve(true)))
})

const itWithIpv6 = hasIpv6Loopback ? it : it.skip

describe('api-url with an IPv6 literal', () => {
  itWithIpv6('http://[::1]:port passes like any host', async () => {
    const sim = await simulator('pass', { host: '::1' })
    expect(sim.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const result = await runAction(testInputs(sim.url))
    expectPassed(result)
    expect(result.stdout).not.toContain('ENOTFOUND')
    expect(result.log).toContain(`at ${sim.url}.`)
  })
})
