import { describe, expect, it } from '@jest/globals'
import { failureMessage, runAction } from '../helpers/action-runner.js'
import { testInputs } from '../helpers/simulator.js'

// A password typed into an api-url that does not parse is never echoed: not in the log, the
// annotations, the outputs or the summary.

describe('api-url with a password that does not parse', () => {
  it.each([
    ['a slash', 'https://gate:pa/ss-9Qz@ninedata.example.com:99999'],
    ['a question mark and a hash', 'https://gate:p?a#ss-9Qz@ninedata.example.com:99999'],
    ['no slashes after the scheme', 'https:gate:pa/ss-9Qz@ninedata.example.com'],
    ['no scheme', 'gate:pa@ss-9Qz@ninedata.example.com']
  ])('with %s fails the step before any request, without the password', async (_label, url) => {
    const result = await runAction(testInputs(url))
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(
      /^Invalid input: `api-url` "[^"]*\*\*\*@ninedata\.example\.com/
    )
    const everything = [
      result.stdout,
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs)
    ]
    for (const text of everything) expect(text).not.toMatch(/ss-9Qz|pa\/ss|p\?a#ss|pa@ss/)
  })
})
