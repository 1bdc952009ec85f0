import { afterEach, describe, expect, it } from '@jest/globals'
import { failureMessage } from '../helpers/action-runner.js'
import {
  customScenario,
  deepStatusAnswer,
  gate,
  STACK_TRACE,
  statusHook,
  stopSimulators,
  type NestingPlace
} from '../helpers/simulator.js'

// Answers too deep or too large to read: a clear error naming what is wrong, final (not retried),
// never a crash or a stack trace. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('an answer nested thousands of levels deep', () => {
  const cases: [string, NestingPlace, 'array' | 'object', number][] = [
    ['data: 10,000 nested objects', 'data', 'object', 10_000],
    ['data: 100,000 nested arrays', 'data', 'array', 100_000],
    ['an item errorMessage: 10,000 nested objects', 'item-field', 'object', 10_000]
  ]
  it.each(cases)('%s: a clear shape error, no stack trace', async (_label, place, shape, depth) => {
    const { result, sim } = await gate(
      statusHook(context => deepStatusAnswer(context, depth, place, shape))
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    const everything = `${result.stdout}\n${result.stderr}\n${result.summary}`
    expect(everything).not.toMatch(STACK_TRACE)
    expect(failureMessage(result)).toMatch(/documented shape|not the (documented|expected) shape/i)
  })

  it('the requestId: 10,000 nested arrays never crash the action', async () => {
    const { result } = await gate(
      statusHook(context => deepStatusAnswer(context, 10_000, 'requestId', 'array'))
    )
    expect(result.exitCode).toBe(1)
    expect(`${result.stdout}\n${result.stderr}\n${result.summary}`).not.toMatch(STACK_TRACE)
    expect(failureMessage(result)).not.toMatch(/crash/i)
  })
})

describe('an answer over the size cap', () => {
  const bytes = 70 * 1024 * 1024
  it('a 70 MiB status answer with a content-length: "too large", final, not retried', async () => {
    const { result, sim } = await gate(
      statusHook(() => ({ huge: { bytes } })),
      {
        'timeout-seconds': '40'
      }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('status')).toBe(1)
    expect(failureMessage(result)).toMatch(/too large|too big|over the size|exceeds/i)
  })

  it('a 70 MiB start answer sent chunked (no content-length): "too large", not retried', async () => {
    const { result, sim } = await gate(
      customScenario({ startAnswer: () => ({ huge: { bytes, chunked: true } }) }),
      { 'timeout-seconds': '40' }
    )
    expect(result.exitCode).toBe(1)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('status')).toBe(0)
    expect(failureMessage(result)).toMatch(/too large|too big|over the size|exceeds/i)
  })
})
