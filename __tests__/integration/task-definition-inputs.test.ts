import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import { gateOn, simulator, stopSimulators } from '../helpers/simulator.js'

// A task named by the workflow (datasources and databases instead of task-id) is refused before any
// request when the definition is not one: naming the inputs, as a runner shows it.

afterEach(stopSimulators)

const DEFINITION = {
  'task-id': '',
  'source-datasource': 'ds-staging01',
  'target-datasource': 'ds-prod01',
  databases: 'shop\nbilling=billing_v2'
}

describe('bad definitions fail before any request, naming the input', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'both task-id and datasources',
      { 'task-id': 'cc-th6j3fs58y' },
      /`task-id` and `source-datasource`, `target-datasource`, `databases` were both given/
    ],
    [
      'neither',
      { 'source-datasource': '', 'target-datasource': '', databases: '' },
      /`task-id` is required, or instead `source-datasource`/
    ],
    [
      'a data comparison',
      { comparison: 'data' },
      /NineData documents no way to list data comparison tasks.*give its cd-\.\.\. ID as `task-id`/
    ],
    [
      'a name too long',
      { 'task-name': 'n'.repeat(65) },
      /`task-name` is 65 characters long: NineData allows at most 64/
    ],
    [
      'a bad datasource, an empty entry and an unlisted table at once',
      { 'source-datasource': 'staging', databases: 'shop,,billing', tables: 'crm.users' },
      /`source-datasource` "staging" is not a NineData datasource ID[\s\S]*entry 2 is empty/
    ]
  ]
  it.each(cases)('%s', async (_, extra, message) => {
    const sim = await simulator('pass')
    const { result } = await gateOn(sim, { ...DEFINITION, ...extra })
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(message)
    expect(sim.requests).toHaveLength(0)
  })
})
