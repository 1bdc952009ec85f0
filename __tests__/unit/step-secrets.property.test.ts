import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { stepSecrets } from '../../src/inputs.js'
import { SafeText } from '../../src/text/safe-text.js'
import { leakedForms } from '../../simulator/hostile.js'

// The step's secrets, generated: GitHub tokens of every documented prefix (and their `_`), access
// key secrets, texts that carry them in the forms a server writes. What the SafeText built from
// stepSecrets shows on any surface holds no copy; and a secret the action does not know (another
// secret of the workflow) stays exactly as written in the summary's HTML, so the runner's own
// masking, which matches plain text, still finds it.

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const alnum = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...ALNUM.split('')), { minLength: min, maxLength: max })
    .map(cs => cs.join(''))
const githubToken = fc.oneof(
  fc
    .tuple(fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'), alnum(36, 36))
    .map(p => p.join('')),
  fc.tuple(alnum(22, 22), alnum(59, 59)).map(([a, b]) => `github_pat_${a}_${b}`)
)
/** The characters real secrets are made of (base64, URL-safe base64, tokens' separators). */
const secretLike = fc
  .array(fc.constantFrom(...`${ALNUM}_-./+=~`.split('')), { minLength: 12, maxLength: 40 })
  .map(cs => cs.join(''))
  .filter(s => /[A-Za-z0-9]/.test(s))
/** Prose around a copy: anything, the characters that escape included. */
const prose = fc.string({ maxLength: 60 })

/** How a server may echo the secret: plainly, in JSON, URL-encoded, with Markdown around it. */
function carried(secret: string, before: string, after: string): string[] {
  return [
    `${before} ${secret} ${after}`,
    `${before}${JSON.stringify({ token: secret })}${after}`,
    `${before} ${encodeURIComponent(secret)} ${after}`,
    `**${secret}** _${secret}_ [${secret}](x)`
  ]
}

function surfaces(safe: SafeText, text: string): string[] {
  return [
    safe.line(text),
    safe.html(text, 2000),
    safe.code(text, 2000),
    safe.value(text),
    safe.json({ text })
  ]
}

describe('the github-token is a secret of the step when pr-comment is on', () => {
  it('is hidden on every surface, in every form a server writes it', () => {
    fc.assert(
      fc.property(
        githubToken,
        fc.constantFrom('true', 'True', ' true ', 'yes?'),
        prose,
        prose,
        (token, prComment, before, after) => {
          const inputs: Record<string, string> = {
            'access-key-secret': 'Ak-SecretZq9x',
            'pr-comment': prComment,
            'github-token': token
          }
          const safe = new SafeText(stepSecrets(name => inputs[name] ?? ''))
          for (const text of carried(token, before, after))
            for (const shown of surfaces(safe, text)) expect(leakedForms(shown, token)).toEqual([])
        }
      ),
      { numRuns: 300, seed: 22 }
    )
  })

  it('is no secret of the step with pr-comment off: the action never reads it', () => {
    fc.assert(
      fc.property(githubToken, fc.constantFrom('false', 'False', 'FALSE'), (token, off) => {
        const inputs: Record<string, string> = { 'pr-comment': off, 'github-token': token }
        expect(stepSecrets(name => inputs[name] ?? '')).toEqual([])
      }),
      { numRuns: 50, seed: 22 }
    )
  })
})

describe("the summary leaves the runner's masking something to match", () => {
  it('a secret the action does not know stays as written in the HTML', () => {
    fc.assert(
      fc.property(fc.oneof(githubToken, secretLike), prose, prose, (secret, before, after) => {
        // Runs longer than 40 characters get break opportunities (<wbr>): keep the copy shorter.
        fc.pre(secret.length <= 40)
        const safe = new SafeText([])
        expect(safe.html(`${before} ${secret} ${after}`, 4000)).toContain(secret)
      }),
      { numRuns: 300, seed: 22 }
    )
  })
})
