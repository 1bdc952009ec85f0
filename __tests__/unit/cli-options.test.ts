import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { exitCodeOf } from '../../src/cli/exit-code.js'
import { GITHUB_ONLY_INPUTS, readCliOptions, variableOf } from '../../src/cli/cli-options.js'
import { INPUT_DEFAULTS, INPUT_NAMES, REQUIRED_INPUTS } from '../../src/inputs.js'
import type { VerdictKind } from '../../src/verdict/verdict-types.js'
import { ACTION_YML } from '../helpers/action-runner.js'
import { item, report, state } from '../helpers/builders.js'

// The command line's options come from the action's one list of inputs; its exit code from the
// one verdict.

describe('the options of ninedata-gate', () => {
  it('are the inputs of action.yml, with its defaults and required inputs', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(ACTION_YML.inputs).sort())
    const inputs = Object.entries(ACTION_YML.inputs)
    const required = inputs.filter(([, spec]) => spec.required).map(([name]) => name)
    expect([...REQUIRED_INPUTS].sort()).toEqual(required.sort())
    // github-token's default is a runner expression no command line can fill in.
    const defaulted = inputs.filter(([name, spec]) => !spec.required && name !== 'github-token')
    expect(defaulted.map(([name]) => [name, INPUT_DEFAULTS[name]])).toEqual(
      defaulted.map(([name, spec]) => [name, spec.default])
    )
  })

  it('every input but the GitHub-only ones is a flag, and the same from its variable', () => {
    for (const name of INPUT_NAMES) {
      if (name === 'access-key-secret' || GITHUB_ONLY_INPUTS.includes(name)) continue
      const flag = readCliOptions([`--${name}`, 'from-flag'], {})
      expect([name, flag.problems, flag.get(name)]).toEqual([name, [], 'from-flag'])
      const env = readCliOptions([], { [variableOf(name)]: 'from-env' })
      expect([name, env.get(name)]).toEqual([name, 'from-env'])
      const both = readCliOptions([`--${name}=from-flag`], { [variableOf(name)]: 'from-env' })
      expect([name, both.get(name)]).toEqual([name, 'from-flag'])
    }
  })

  it('a boolean alone is true; --name=value keeps what follows the first =', () => {
    const options = readCliOptions(['--run-comparison', '--api-url=https://a.example/?x=1'], {})
    expect(options.problems).toEqual([])
    expect(options.get('run-comparison')).toBe('true')
    expect(options.get('api-url')).toBe('https://a.example/?x=1')
  })

  it('refuses the secret on the command line in any spelling, and never reads its value', () => {
    const refusedOnly = readCliOptions(['--access-key-secret', 'x'], {}).problems
    expect(refusedOnly).toEqual([expect.stringContaining('`--access-key-secret` is refused')])
    const secrets = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.string().map(s => `--${s}`),
      fc.string().map(s => `-${s}`)
    )
    fc.assert(
      fc.property(secrets, secret => {
        // The same problems whatever the value: it is neither read, nor shown, nor taken as an option.
        for (const argv of [['--access-key-secret', secret], [`--access-key-secret=${secret}`]]) {
          const options = readCliOptions(argv, {})
          expect(options.get('access-key-secret')).toBe('')
          expect(options.problems).toEqual(refusedOnly)
        }
      }),
      { seed: 20261203, numRuns: 300 }
    )
  })

  it('after the refused secret, still reads an option of its own', () => {
    const options = readCliOptions(['--access-key-secret', '--run-comparison'], {})
    expect(options.get('run-comparison')).toBe('true')
  })

  it('GitHub-only inputs are refused as flags and not read from variables', () => {
    for (const name of GITHUB_ONLY_INPUTS) {
      const options = readCliOptions([`--${name}`, 'true'], { [variableOf(name)]: 'true' })
      expect(options.problems).toEqual([expect.stringContaining('GitHub Action only')])
      expect(options.get(name)).toBe('')
    }
  })
})

describe('the exit code', () => {
  const kinds: VerdictKind[] = ['passed', 'failed', 'timeout', 'cancelled', 'error']
  it('is 0 for a pass, 1 for a finding, 3 for no verdict, 2 for refused inputs', () => {
    const last = state('Failed', [item('Failed', 'Permission Check', 'no')])
    const failed = report('finished', last)
    const passed = report('finished', state('Success', [item('Success', 'A')]))
    const softened = { ...failed, failOnFailure: false }
    expect(exitCodeOf(passed, { reported: true })).toBe(0)
    expect(exitCodeOf(failed, { reported: true })).toBe(1)
    expect(exitCodeOf(softened, { reported: true })).toBe(0)
    expect(exitCodeOf(passed, { reported: false })).toBe(3)
    expect(exitCodeOf(failed, { reported: true, inputsRefused: true })).toBe(2)
    for (const kind of kinds) {
      const r = {
        ...failed,
        verdict: { ...failed.verdict, kind, passed: kind === 'passed', softenedBy: undefined }
      }
      const expected = kind === 'passed' ? 0 : kind === 'failed' ? 1 : 3
      expect([kind, exitCodeOf(r, { reported: true })]).toEqual([kind, expected])
    }
  })
})
