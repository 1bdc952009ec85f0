import { basename, dirname } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DATA_TASK_ID,
  gate,
  item,
  statusData,
  statusHook,
  stopSimulators
} from '../helpers/simulator.js'

// The report-file output: a JSON file in RUNNER_TEMP with every item as NineData sent it and the
// verdict, written on every way out, never capped like the outputs. The bundled action against the
// simulator, as a runner runs it.

afterEach(stopSimulators)

describe('report-file', () => {
  it('lies under RUNNER_TEMP, is named after the precheck, and holds the items as NineData sent them', async () => {
    const run = await gate(
      statusHook(context => ({
        data: statusData(context, 'Success', [
          item('srcDataSourceCheck', 'Source Connection Check', 'Success', {
            vendorExtra: { region: 'cn-hz', weight: 3 }
          }),
          item('primaryKeyCheck', 'Primary Key Check', 'SUCCESS')
        ])
      }))
    )
    const path = run.result.outputs['report-file']!
    expect(run.result.exitCode).toBe(0)
    expect(basename(path)).toBe(`ninedata-precheck-${run.result.outputs['precheck-task-id']}.json`)
    expect(dirname(path)).toBe(run.result.runnerTemp)
    expect(run.report?.items).toEqual([
      {
        precheckItem: 'srcDataSourceCheck',
        itemName: 'Source Connection Check',
        itemDescription: 'Checks source connection check',
        status: 'Success',
        vendorExtra: { region: 'cn-hz', weight: 3 }
      },
      {
        precheckItem: 'primaryKeyCheck',
        itemName: 'Primary Key Check',
        itemDescription: 'Checks primary key check',
        status: 'SUCCESS'
      }
    ])
  })

  it('is uncapped when the items output is capped (3,000 items)', async () => {
    const run = await gate('huge', { 'timeout-seconds': '40' })
    expect(run.result.exitCode).toBe(1)
    expect((JSON.parse(run.result.outputs['items']!) as unknown[]).length).toBeLessThan(3000)
    expect(run.report?.items).toHaveLength(3000)
  })

  it('is written at a timeout of a data precheck, with the last status seen', async () => {
    const run = await gate('timeout', { 'task-id': DATA_TASK_ID, 'timeout-seconds': '3' })
    expect(run.result.exitCode).toBe(1)
    expect(run.reportExists).toBe(true)
    expect(run.report?.status).toBe('Running')
    expect(run.report?.comparison).toBe('data')
    expect(run.report?.verdict?.passed).toBe(false)
  })
})
