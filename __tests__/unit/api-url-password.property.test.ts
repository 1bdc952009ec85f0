import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError, parseInputs, withoutUserinfo } from '../../src/inputs.js'
import { Redactor } from '../../src/text/redact.js'

// A password typed into api-url never comes back in a message, whether the URL parses or not and
// whatever characters the password holds.

const RUNS = { seed: 20261116, numRuns: 300 }

const hostile = fc.constantFrom('/', '?', '#', '@', ':', '%', '[', ']', '\\', ' ', 'é', '😀')
const piece = fc.string({ unit: fc.oneof(hostile, fc.constantFrom('a', 'B', '7')), maxLength: 12 })
// A marker no message template contains, so a copy in a message can only be the password.
const password = fc.tuple(piece, piece).map(([a, b]) => `${a}Zq9x${b}`)

const shapes: ((pw: string) => string)[] = [
  pw => `https://user:${pw}@ninedata.example.com`,
  pw => `https://user:${pw}@ninedata.example.com:99999/x`,
  pw => `http:/user:${pw}@ninedata.example.com`,
  pw => `https:user:${pw}@host`,
  pw => `user:${pw}@ninedata.example.com`,
  pw => `ftp://${pw}@host`,
  pw => `https://${pw}@[::1`,
  pw => `HTTPS:\\\\u:${pw}@host/a?b#c`
]

function problemsFor(apiUrl: string): string {
  const inputs: Record<string, string> = {
    'api-url': apiUrl,
    'access-key-id': 'id',
    'access-key-secret': 'secret',
    'task-id': 'cc-1'
  }
  try {
    parseInputs(name => inputs[name] ?? '')
    return ''
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return error.message
  }
}

describe('api-url with a password', () => {
  it('never echoes the password, in any form (generated)', () => {
    fc.assert(
      fc.property(password, fc.nat(shapes.length - 1), (pw, shape) => {
        // Some shapes parse (`https://user:/pw@host` is host "user" and a path): then nothing is echoed.
        const message = problemsFor(shapes[shape]!(pw))
        expect(new Redactor([pw]).redact(message)).toBe(message)
      }),
      RUNS
    )
  })

  it('keeps the scheme and the host, so the message still says what was wrong', () => {
    expect(withoutUserinfo('https://u:p/a?b#c@host.example/x')).toBe('https://***@host.example/x')
    expect(withoutUserinfo('u:p@ss@host')).toBe('***@host')
    expect(withoutUserinfo('https://host.example')).toBe('https://host.example')
    expect(problemsFor('https://u:pa/ss@ninedata.example.com:99999')).toContain(
      '"https://***@ninedata.example.com:99999" is not a valid URL'
    )
  })
})
