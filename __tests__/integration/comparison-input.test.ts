import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage, runAction } from '../helpers/action-runner.js'
import {
  DATA_TASK_ID,
  precheckRequests,
  simulator,
  stopSimulators,
  TEST_TASK_ID,
  testInputs
} from '../helpers/simulator.js'

// The `comparison` input: a value that contradicts the task ID's prefix, or that the action cannot
// read, is refused before any request, naming both inputs; left out, it is action.yml's default
// (auto) and a workflow written before the input existed works as it did. The bundled action as a
// runner runs it, against the simulator.

afterEach(stopSimulators)

describe('refused before any request, naming `comparison` and `task-id`', () => {
  const cases: [string, Record<string, string>][] = [
    ['auto with a prefix it does not know', { 'task-id': 'task-42', comparison: 'auto' }],
    ['auto (the default) with a prefix it does not know', { 'task-id': 'xx-12345' }],
    ['schema for a cd- task', { 'task-id': DATA_TASK_ID, comparison: 'schema' }],
    ['data for a cc- task', { 'task-id': TEST_TASK_ID, comparison: 'data' }]
  ]
  it.each(cases)('%s', async (_label, inputs) => {
    const sim = await simulator('pass')
    const result = await runAction({ ...testInputs(sim.url), ...inputs })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    const failure = failureMessage(result)
    expect(failure).toMatch(/`comparison`/)
    expect(failure).toMatch(/`task-id`/)
  })

  it('a comparison that is none of schema, data, auto', async () => {
    const sim = await simulator('pass')
    const result = await runAction({ ...testInputs(sim.url), comparison: 'both' })
    expect(result.exitCode).toBe(1)
    expect(sim.requests).toHaveLength(0)
    expect(failureMessage(result)).toMatch(/`comparison`/)
    expect(failureMessage(result)).toMatch(/both/)
  })
})

describe('an existing workflow that does not set `comparison`', () => {
  it.each([
    ['action.yml default filled in by the runner', {}],
    ['no INPUT_COMPARISON at all', { INPUT_COMPARISON: undefined }]
  ] as [string, Record<string, string | undefined>][])(
    'behaves as before (%s): schema endpoints, the same outputs, a pass',
    async (_label, env) => {
      const sim = await simulator('pass')
      const result = await runAction({ ...testInputs(sim.url), 'task-id': TEST_TASK_ID }, { env })
      expect(result.exitCode).toBe(0)
      expect(precheckRequests(sim).every(r => r.comparison === 'schema')).toBe(true)
      expect(sim.count('start')).toBe(1)
      expect(result.outputs['status']).toBe('Success')
      expect(result.outputs['item-count']).toBe('5')
      expect(result.outputs['failed-count']).toBe('0')
      expect(result.outputs['precheck-task-id']).toMatch(/^pcte-/)
      expect(result.summary).toContain('NineData schema comparison precheck passed')
    }
  )
})
