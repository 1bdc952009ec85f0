import { afterEach, describe, expect, it } from '@jest/globals'
import { basename, dirname } from 'node:path'
import type { ActionResult } from '../helpers/action-runner.js'
import { runAction } from '../helpers/action-runner.js'
import { parseJUnit } from '../helpers/cli-runner.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// The action's JUnit report (junit-file output), for test-report actions: the same renderer as the
// command line's junit.xml, in RUNNER_TEMP.

afterEach(stopSimulators)

function junitOf(result: ActionResult): string {
  const path = result.outputs['junit-file']
  expect(path).toBeDefined()
  expect(dirname(path!)).toBe(result.runnerTemp)
  return result.tempFiles[basename(path!)]!
}

describe('junit-file', () => {
  it('names a JUnit file with the precheck suite: failed items are failures', async () => {
    const { result } = await gate('failed')
    expect(result.exitCode).toBe(1)
    expect(basename(result.outputs['junit-file']!)).toMatch(/^ninedata-junit-pcte-[0-9a-f]+\.xml$/)
    const junit = parseJUnit(junitOf(result))
    expect(junit).toMatchObject({ total: 6, failed: 3, errors: 0 })
    expect(junit.suites[0]!.cases.filter(c => c.status === 'FAIL').map(c => c.name)).toEqual([
      'Precheck verdict',
      'Source Permission Check [compareSrcPermissionCheck]',
      'Target Object Existence Check [targetDataExistCheck]'
    ])
  })

  it('is set on refused inputs too: the verdict case says why', async () => {
    const result = await runAction({ 'api-url': 'ninedata.example.com' })
    expect(result.exitCode).toBe(1)
    const junit = parseJUnit(junitOf(result))
    expect(junit.suites[0]!.cases).toHaveLength(1)
    expect(junit.suites[0]!.cases[0]).toMatchObject({ name: 'Precheck verdict', status: 'FAIL' })
    expect(junit.suites[0]!.cases[0]!.failure).toMatch(/^Invalid inputs:/)
  })
})
