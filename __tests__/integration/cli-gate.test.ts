/* eslint-disable no-control-regex -- the tests look for control characters */
import { afterEach, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ACTION_NODE, ACTION_YML, ROOT } from '../helpers/action-runner.js'
import {
  CLI_BUNDLE,
  SECTION_END,
  SECTION_START,
  cliArgs,
  parseJUnit,
  runCli,
  type CliResult
} from '../helpers/cli-runner.js'
import { TEST_TASK_ID, simulator, stopSimulators } from '../helpers/simulator.js'
import { spawnSync } from 'node:child_process'

// The command line as GitLab CI and Jenkins run it: the bundled dist/cli.js on Node 24, no GitHub
// variable, the CI's own ones set, against the simulator. What a user of those CIs sees: the exit
// code, a plain log, and the reports in the report folder, the JUnit file as a test-report tool
// reads it.

afterEach(stopSimulators)

const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version

const fast = { 'task-id': TEST_TASK_ID, 'poll-interval-seconds': '0.2', 'timeout-seconds': '20' }

/** Every line of the log holds no workflow command and no escape but GitLab's section markers. */
function expectPlainLog(result: CliResult): void {
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    expect(line.trimStart().startsWith('::')).toBe(false)
    if (SECTION_START.test(line) || SECTION_END.test(line)) continue
    expect([line, /[\u0000-\u0008\u000b-\u001f\u007f]/.test(line)]).toEqual([line, false])
  }
}

describe('ninedata-gate on GitLab CI and Jenkins', () => {
  it('passes with exit 0 on GitLab: a plain log, collapsible items, every report', async () => {
    const sim = await simulator('pass')
    const result = await runCli(cliArgs(sim.url, fast), { ci: 'gitlab' })
    expect([result.exitCode, result.stderr]).toEqual([0, ''])
    expectPlainLog(result)
    const lines = result.stdout.split('\n')
    const start = lines.findIndex(line => SECTION_START.test(line))
    const end = lines.findIndex(line => SECTION_END.test(line))
    expect(start).toBeGreaterThan(0)
    expect(SECTION_START.exec(lines[start]!)?.[3]).toMatch(/^All 5 check items of precheck pcte-/)
    expect(lines.slice(start + 1, end)).toHaveLength(5)
    expect(lines.slice(start + 1, end).every(line => line.startsWith('Success: '))).toBe(true)
    expect(result.stdout).toContain(
      'The precheck passed: NineData reported Success and all 5 check items succeeded.'
    )

    expect(Object.keys(result.reports).sort()).toEqual(['junit.xml', 'report.json', 'summary.md'])
    const report = JSON.parse(result.reports['report.json']!) as { verdict: { kind: string } }
    expect(report.verdict.kind).toBe('passed')
    expect(result.reports['summary.md']).toContain(
      '## ✅ NineData schema comparison precheck passed'
    )
    const junit = parseJUnit(result.reports['junit.xml']!)
    expect(junit.suites).toHaveLength(1)
    expect(junit).toMatchObject({ total: 6, passed: 6, failed: 0, errors: 0 })
    expect(junit.suites[0]!.cases.map(c => c.status)).toEqual(Array(6).fill('PASS'))
  })

  it("fails with exit 1 on Jenkins: failed items are JUnit failures with NineData's message", async () => {
    const sim = await simulator('failed')
    const result = await runCli(cliArgs(sim.url, fast), { ci: 'jenkins' })
    expect(result.exitCode).toBe(1)
    expectPlainLog(result)
    // No GitLab markers outside GitLab: a titled block of indented lines.
    expect(result.stdout).not.toContain('section_start')
    expect(result.stdout).toMatch(/^All 5 check items of precheck pcte-[0-9a-f]+:$/m)
    expect(result.stderr).toMatch(/^Error: The precheck failed: 2 check items of 5 failed/m)

    const junit = parseJUnit(result.reports['junit.xml']!)
    const cases = junit.suites[0]!.cases
    expect(cases[0]).toMatchObject({ name: 'Precheck verdict', status: 'FAIL' })
    const failed = cases.filter(c => c.status === 'FAIL' && c.name !== 'Precheck verdict')
    expect(failed.map(c => c.name)).toEqual([
      'Source Permission Check [compareSrcPermissionCheck]',
      'Target Object Existence Check [targetDataExistCheck]'
    ])
    expect(failed[0]!.failure).toBe(
      "The account dms_reader lacks SELECT on information_schema.ROUTINES. Suggested fix: GRANT SELECT ON *.* TO 'dms_reader'@'%'; then run the precheck again."
    )
    expect(cases.filter(c => c.status === 'PASS')).toHaveLength(3)
  })

  it('with fail-on-failure false exits 0, the failed items still JUnit failures', async () => {
    const sim = await simulator('failed')
    const result = await runCli(cliArgs(sim.url, { ...fast, 'fail-on-failure': 'false' }))
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /^Warning: .*The step passes because fail-on-failure is false\.$/m
    )
    const cases = parseJUnit(result.reports['junit.xml']!).suites[0]!.cases
    expect(cases[0]).toMatchObject({ name: 'Precheck verdict', status: 'PASS' })
    expect(cases.filter(c => c.status === 'FAIL')).toHaveLength(2)
  })

  it('exits 3 when there is no verdict: a timeout, a rejected key, an unknown task', async () => {
    const stuck = await simulator('timeout')
    const timeout = await runCli(cliArgs(stuck.url, { ...fast, 'timeout-seconds': '1' }))
    expect(timeout.exitCode).toBe(3)
    const cases = parseJUnit(timeout.reports['junit.xml']!).suites[0]!.cases
    expect(cases[0]).toMatchObject({ name: 'Precheck verdict', status: 'FAIL' })
    expect(timeout.reports['junit.xml']).toMatch(/<error message="[^"]*timeout-seconds/)

    const pass = await simulator('pass')
    const rejected = await runCli(cliArgs(pass.url, fast), { secret: 'not-the-demo-secret' })
    expect(rejected.exitCode).toBe(3)
    expect(rejected.stderr).toMatch(/rejected the credentials/)
    expect(rejected.stdout + rejected.stderr).not.toContain('not-the-demo-secret')

    const unknown = await simulator('task-not-found')
    const notFound = await runCli(cliArgs(unknown.url, fast))
    expect(notFound.exitCode).toBe(3)
    expect(notFound.stderr).toMatch(/NineData said "/)
  })

  it('exits 2 on bad usage and inputs, every problem at once, before any request', async () => {
    const sim = await simulator('pass')
    const result = await runCli(
      [
        '--api-url',
        `${sim.url}/openapi/v1`,
        '--timeout-seconds',
        '5s',
        '--no-such-option',
        'x',
        '--run-comparison=maybe'
      ],
      { ci: 'jenkins' }
    )
    expect(result.exitCode).toBe(2)
    expect(sim.requests).toHaveLength(0)
    const said = result.stderr
    expect(said).toMatch(/^Error: Invalid inputs:/m)
    for (const problem of [
      '`--no-such-option` is not an option of ninedata-gate',
      'an argument is not an option',
      '`access-key-id` is required',
      '`task-id` is required',
      '`api-url` must be the base URL without the API path',
      '`timeout-seconds` must be a number of seconds',
      '`run-comparison` must be true or false, got "maybe"'
    ])
      expect(said).toContain(problem)
    // Even a refused run leaves its summary and JUnit file for the pipeline's report.
    expect(result.reports['summary.md']).toContain('Invalid inputs')
    expect(parseJUnit(result.reports['junit.xml']!).errors).toBe(1)
  })

  it('refuses the secret as a flag, says why, and never shows it', async () => {
    const sim = await simulator('pass')
    const secret = 'Flag-Secret-Value-123'
    const result = await runCli(cliArgs(sim.url, { ...fast, 'access-key-secret': secret }), {
      secret: null
    })
    expect(result.exitCode).toBe(2)
    expect(sim.requests).toHaveLength(0)
    expect(result.stderr).toContain(
      '`--access-key-secret` is refused: a secret on the command line shows in process lists, shell history and CI logs of the command.'
    )
    expect(result.stderr).toContain('NINEDATA_ACCESS_KEY_SECRET')
    // The value after the refused flag is not read as an argument of its own either.
    expect(result.stderr).not.toContain('an argument is not an option')
    const everything = [result.stdout, result.stderr, ...Object.values(result.reports)].join('\n')
    expect(everything).not.toContain(secret)
  })

  it('reads the secret from --access-key-secret-file, and flags win over NINEDATA_* variables', async () => {
    const sim = await simulator('pass')
    const dir = mkdtempSync(join(tmpdir(), 'ninedata-secret-'))
    const file = join(dir, 'secret')
    writeFileSync(file, 'demo-secret\n')
    try {
      const result = await runCli(cliArgs(sim.url, { ...fast, 'access-key-secret-file': file }), {
        secret: null,
        // A variable the flag overrides, and one a flag does not: both read the same way.
        env: { NINEDATA_TIMEOUT_SECONDS: 'not-a-number', NINEDATA_COMPARISON: 'schema' }
      })
      expect([result.exitCode, result.stderr]).toEqual([0, ''])
      const report = JSON.parse(result.reports['report.json']!) as { comparison: string }
      expect(report.comparison).toBe('schema')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads every input from its NINEDATA_* variable, and names a stray one without failing', async () => {
    const sim = await simulator('pass')
    const result = await runCli([], {
      ci: 'jenkins',
      reportDir: 'out/gate',
      env: {
        NINEDATA_API_URL: sim.url,
        NINEDATA_ACCESS_KEY_ID: 'demo-key',
        NINEDATA_TASK_ID: TEST_TASK_ID,
        NINEDATA_POLL_INTERVAL_SECONDS: '0.2',
        NINEDATA_TIMOUT_SECONDS: '5'
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      'Warning: NINEDATA_TIMOUT_SECONDS is set but names no option of ninedata-gate: it is ignored.'
    )
    expect(Object.keys(result.reports).sort()).toEqual(['junit.xml', 'report.json', 'summary.md'])
  })
})

describe('the single file', () => {
  it('--help lists every option of the action but the GitHub-only ones, with its default', async () => {
    const result = await runCli(['--help'])
    expect(result.exitCode).toBe(0)
    const githubOnly = ['pr-comment', 'github-token', 'job-summary']
    const inputs = Object.entries(ACTION_YML.inputs)
    const onlyNamed = inputs.filter(([name]) => githubOnly.includes(name))
    for (const [name] of onlyNamed) {
      expect(result.stdout).not.toMatch(new RegExp(`^  --${name} `, 'm'))
      expect(result.stdout).toContain(`--${name}`)
    }
    const listed = inputs.filter(
      ([name]) => !githubOnly.includes(name) && name !== 'access-key-secret'
    )
    for (const [name, spec] of listed) {
      const shown = spec.required
        ? 'required'
        : `default: ${spec.default === '' ? '(empty)' : String(spec.default)}`
      expect(result.stdout).toMatch(
        new RegExp(
          `^  --${name} .*\\n      NINEDATA_${name.toUpperCase().replace(/-/g, '_')}; ${shown.replace(/[()]/g, '\\$&')}$`,
          'm'
        )
      )
    }
    expect(result.stdout).toContain('--access-key-secret-file <path>')
    expect(result.stdout).toMatch(/Exit codes: 0 passed; 1 .*2 bad usage/)
    expect(result.reports).toEqual({})
  })

  it('runs on its own, copied into an empty folder, with nothing but Node 24', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ninedata-cli-alone-'))
    try {
      copyFileSync(CLI_BUNDLE, join(dir, 'ninedata-gate.js'))
      const run = spawnSync(ACTION_NODE, ['ninedata-gate.js', '--version'], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '' },
        encoding: 'utf8'
      })
      expect([run.status, run.stdout.trim(), run.stderr]).toEqual([0, VERSION, ''])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
