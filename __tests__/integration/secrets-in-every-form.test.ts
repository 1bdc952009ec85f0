import { afterEach, describe, expect, it } from '@jest/globals'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { visible } from '../../src/text/clean.js'
import { Redactor } from '../../src/text/redact.js'
import { customScenario, gate, item, stopSimulators } from '../helpers/simulator.js'

// Secrets that the action's own text handling used to give away: behind thousands of spaces, with
// whitespace the log line collapses, with an emoji the action escapes itself, with `%25` in them.
// The bundle runs as a runner runs it; nothing it writes anywhere may hold the secret.

afterEach(stopSimulators)

const SECRETS = {
  whitespace: 'Nd9  key\twith\u00a0spaces-Zq9',
  emoji: 'Nd9-key-😀-Zq9x',
  percent: 'Nd9%25key%2Fpct-Zq9'
}

/** Where the secret goes: behind 20,000 spaces, escaped as visible() would, and as received. */
function echoes(c: AnswerContext) {
  const secret = c.secret
  return {
    data: {
      taskId: c.taskId,
      precheckTaskId: c.precheckTaskId,
      status: 'Failed',
      precheckItems: [
        item('spaces', 'spaces', 'Failed', {
          itemDescription: '',
          errorMessage: `${' '.repeat(20_000)}${secret} trailing`
        }),
        item('escaped', 'escaped', 'Failed', {
          itemDescription: '',
          errorMessage: `status ${visible(secret)}`
        }),
        item('raw', 'raw', 'Failed', {
          itemDescription: '',
          errorMessage: `refused for ${secret}; url ${encodeURIComponent(secret)}`
        }),
        item(`name ${secret}`, `name ${secret}`, 'Failed', {
          itemDescription: '',
          errorMessage: JSON.stringify({ echoed: secret }).replace(
            /[^ -~]/g,
            ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`
          )
        })
      ]
    }
  }
}

describe('the secret never leaves the action, in any form', () => {
  it.each(Object.entries(SECRETS))('a secret with %s', async (_label, secret) => {
    const { result } = await gate(
      customScenario({ statusAnswer: echoes }),
      { 'access-key-secret': secret },
      {},
      { accessKeySecret: secret }
    )
    expect(result.exitCode).toBe(1)
    // What must not show: the secret, as a log line would collapse it, and most of it.
    const finder = new Redactor([
      secret,
      secret.replace(/\s+/g, ' '),
      secret.slice(0, Math.ceil(secret.length * 0.75))
    ])
    const channels: Record<string, string> = {
      // The runner reads `::add-mask::<secret>` itself and never shows it: not a leak.
      stdout: result.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n'),
      stderr: result.stderr,
      summary: result.summary,
      outputs: JSON.stringify(result.outputs),
      files: JSON.stringify(result.tempFiles)
    }
    for (const [name, text] of Object.entries(channels)) {
      expect([name, finder.finds(text)]).toEqual([name, false])
    }
    // The masks are there: the echoes were seen, and hidden.
    expect(result.log).toContain('***')
  })
})
