import { afterEach, describe, expect, it } from '@jest/globals'
import { cliArgs, parseJUnit, runCli } from '../helpers/cli-runner.js'
import { compareInputs, quickRun, requestsOf } from '../helpers/comparison.js'
import { simulator, stopSimulators } from '../helpers/simulator.js'

// The command line with run-comparison, as GitLab CI and Jenkins run it (the bundled dist/cli.js on
// Node 24): the exit code, correction.sql and the JUnit file with a failure per differing object or
// table, and a SIGTERM that stops the run it started. (The precheck alone: cli-gate.test.ts.)

afterEach(stopSimulators)

describe('ninedata-gate with a comparison run', () => {
  it('exits 1 on schema differences: correction.sql, and each differing object a JUnit failure with its SQL', async () => {
    const scenario = quickRun('compare-differ')
    const sim = await simulator(scenario)
    const result = await runCli(cliArgs(sim.url, compareInputs(scenario)))
    expect(result.exitCode).toBe(1)
    expect(result.reports['correction.sql']).toMatch(
      /^-- Correction SQL from NineData: 6 differing objects of comparison run \d+\./
    )
    const junit = parseJUnit(result.reports['junit.xml']!)
    expect(junit.suites).toHaveLength(2)
    const [precheck, run] = junit.suites
    expect(precheck!.cases.every(c => c.status === 'PASS')).toBe(true)
    expect(run!.cases[0]).toMatchObject({ name: 'Comparison run verdict', status: 'FAIL' })
    const differs = run!.cases.filter(c => c.status === 'FAIL').slice(1)
    expect(differs).toHaveLength(6)
    const sql = result.reports['correction.sql']!
    for (const c of differs) {
      expect(c.stack_trace.length).toBeGreaterThan(0)
      expect(sql).toContain(c.stack_trace.trim().split('\n')[0])
    }
    expect(run!.cases.filter(c => c.status === 'PASS').length).toBe(run!.cases.length - 7)
  })

  it('exits 1 on data differences: each differing table a JUnit failure with its row count', async () => {
    const scenario = quickRun('data-compare-differ')
    const sim = await simulator(scenario)
    const result = await runCli(cliArgs(sim.url, compareInputs(scenario)), { ci: 'jenkins' })
    expect(result.exitCode).toBe(1)
    expect(result.reports['correction.sql']).toBeUndefined()
    const run = parseJUnit(result.reports['junit.xml']!).suites[1]!
    const differs = run.cases.filter(
      c => c.status === 'FAIL' && c.name !== 'Comparison run verdict'
    )
    expect(differs.length).toBeGreaterThan(0)
    for (const c of differs)
      expect(c.failure).toMatch(/^\d+ records? differs? between source and target\.$/)
  })

  it('on SIGTERM stops the started run, writes the reports and exits 3', async () => {
    const scenario = quickRun('compare-stuck', { durationMs: Number.POSITIVE_INFINITY })
    const sim = await simulator(scenario)
    let signalled = false
    const result = await runCli(cliArgs(sim.url, compareInputs(scenario)), {
      killAfterMs: 20_000,
      onLine: (line, child) => {
        if (!signalled && /\] Comparison run \d+: running\b/.test(line)) {
          signalled = true
          child.kill('SIGTERM')
        }
      }
    })
    expect(signalled).toBe(true)
    expect(result.exitCode).toBe(3)
    expect(requestsOf(sim, 'stop')).toHaveLength(1)
    expect(result.stdout).toContain(
      'Warning: Received SIGTERM: the wait was cancelled; reporting what was seen so far.'
    )
    expect(result.stdout).toMatch(/^Warning: Asked NineData to stop comparison run \d+/m)
    expect(result.reports['summary.md']).toContain('wait cancelled')
    const run = parseJUnit(result.reports['junit.xml']!).suites[1]!
    expect(run.cases[0]).toMatchObject({ name: 'Comparison run verdict', status: 'FAIL' })
    expect(result.reports['junit.xml']).toMatch(
      /<error message="The wait for comparison run \d+ was cancelled before it finished\./
    )
  })
})
