import { afterEach, describe, expect, it } from '@jest/globals'
import type { AnswerContext } from '../../simulator/scenarios.js'
import { failureMessage } from '../helpers/action-runner.js'
import { customScenario, gate, stopSimulators } from '../helpers/simulator.js'

// An answer with a key written twice reads, to JSON.parse, as its last copy; to a person, as its
// first. Either way it is not the documented shape: the bundle never passes on it.

afterEach(stopSimulators)

const item = (name: string, status: string) =>
  `{"precheckItem":"${name}","itemName":"${name}","itemDescription":"","status":"${status}","errorMessage":""}`

function statusBody(c: AnswerContext, data: string): { body: string } {
  return {
    body: `{"success":true,"requestId":"${c.requestId}","data":{"taskId":"${c.taskId}","precheckTaskId":"${c.precheckTaskId}",${data}}}`
  }
}

describe('duplicate keys in NineData answers', () => {
  it('an item "Failed" and then "Success" fails the step and names the key and its place', async () => {
    const scenario = customScenario({
      statusAnswer: c =>
        statusBody(
          c,
          `"status":"Success","precheckItems":[${item('a', 'Success')},${item('b', 'Failed').replace('}', ',"st\\u0061tus":"Success"}')}]`
        )
    })
    const { result } = await gate(scenario)
    expect(result.exitCode).toBe(1)
    const failure = failureMessage(result)
    expect(failure).toContain('"status" twice in one object (at data.precheckItems[1].status)')
    expect(failure).toContain('not treated as a pass')
    expect(result.summary).not.toContain('precheck passed')
  })

  it('the overall status written twice fails the step', async () => {
    const scenario = customScenario({
      statusAnswer: c =>
        statusBody(
          c,
          `"status":"Failed","precheckItems":[${item('a', 'Success')}],"status":"Success"`
        )
    })
    const { result } = await gate(scenario)
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toContain('(at data.status)')
  })

  it('"success" written twice in the envelope of the start call fails the step', async () => {
    const scenario = customScenario({
      startAnswer: c => ({
        body: `{"success":false,"message":"task status invalid","requestId":"${c.requestId}","data":{"taskId":"${c.taskId}","precheckTaskId":"${c.precheckTaskId}"},"success":true}`
      })
    })
    const { result, sim } = await gate(scenario)
    expect(result.exitCode).toBe(1)
    expect(failureMessage(result)).toMatch(/"success" twice in one object \(at success\)/)
    expect(sim.count('status')).toBe(0)
  })
})
