import { afterEach, describe, expect, it } from '@jest/globals'
import { manyObjects } from '../../simulator/compare-objects.js'
import { startAction } from '../helpers/action-runner.js'
import { compareInputs, quickRun, reportOf } from '../helpers/comparison.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// A correction SQL file that lacks some objects never reads as complete: cancelled while the results
// are read, the step leaves no correction-sql-file output, and the file it wrote says INCOMPLETE in
// its name, its header and its last line, naming what is missing. (A timeout and an unreadable
// object: comparison-run.test.ts and comparison-unverified.test.ts.)

afterEach(stopSimulators)

describe('cancelled while the correction SQL is read', () => {
  it('hands over no correction-sql-file; the file it leaves says INCOMPLETE and what is missing', async () => {
    // 300 objects, every third differs; each answer takes 0.2 s, so the read takes seconds.
    const differing = Array.from({ length: 100 }, (_, i) => i * 3)
    const scenario = quickRun('compare-differ', {
      objects: () => manyObjects(300, differing),
      resultLatencyMs: 200
    })
    const sim = await simulator(scenario)
    let signalled = false
    const run = startAction(
      testInputs(sim.url, compareInputs(scenario, { 'timeout-seconds': '60' })),
      {
        killAfterMs: 30_000,
        onLine: line => {
          if (!signalled && /^Reading the correction SQL of 300 objects/.test(line)) {
            signalled = true
            setTimeout(() => run.child.kill('SIGINT'), 1000)
          }
        }
      }
    )
    const result = await run.done
    expect(signalled).toBe(true)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['correction-sql-file']).toBeUndefined()
    expect(result.outputs['difference-count']).toBeUndefined()

    const files = Object.entries(result.tempFiles).filter(([name]) => name.endsWith('.sql'))
    expect(files).toHaveLength(1)
    const [name, text] = files[0]!
    expect(name).toMatch(/^ninedata-correction-\d+\.INCOMPLETE\.sql$/)
    const head = text.split('\n').slice(0, 2).join('\n')
    expect(head).toMatch(
      /^-- INCOMPLETE: NOT the whole correction SQL of comparison run \d+\. Do not apply it as a fix\./
    )
    expect(head).toMatch(
      /of 300 objects are missing \(\d+ were not read before the step was cancelled\): progressId \d+/
    )
    expect(text).toMatch(/\n-- END: INCOMPLETE \(\d+ of 300 objects are missing/)
    const written = text.match(/^-- progressId \d+: /gm) ?? []
    expect(written.length).toBeLessThan(100)

    // The report file says where the file is and that it is not complete.
    const report = reportOf(result) as { comparisonRun?: { correctionSqlFile?: unknown } }
    expect(report.comparisonRun?.correctionSqlFile).toMatchObject({ complete: false })
    expect(result.stdout).toMatch(
      /::warning::The correction SQL file \S+ is not set as correction-sql-file/
    )
  })
})
