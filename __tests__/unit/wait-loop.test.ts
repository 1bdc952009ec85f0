import { describe, expect, it } from '@jest/globals'
import { ApiError, StopError } from '../../src/ninedata/api-errors.js'
import type { PrecheckState } from '../../src/ninedata/api-types.js'
import { pollDelayMs, pollUntilSettled } from '../../src/phases/poll-loop.js'
import { ItemHistory, isSettled } from '../../src/status/precheck-status.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { item, state } from '../helpers/builders.js'

// The waiting loop on a fake clock: no timers, no network.

function script(answers: (PrecheckState | Error)[], clock: FakeClock, pollMs = 10) {
  const polledAt: number[] = []
  let n = 0
  const poll = async (): Promise<PrecheckState> => {
    polledAt.push(clock.now())
    clock.advance(pollMs)
    const answer = answers[Math.min(n++, answers.length - 1)]!
    if (answer instanceof Error) throw answer
    return answer
  }
  return { poll, polledAt }
}

/** The loop on the fake clock, keeping the item history as the precheck phase does. */
function waitOn(
  poll: () => Promise<PrecheckState>,
  clock: FakeClock,
  intervalMs: number,
  deadline: number
) {
  const history = new ItemHistory()
  return pollUntilSettled({
    poll,
    isSettled,
    intervalMs,
    deadline,
    sleep: clock.sleep,
    time: clock,
    onState: state => history.note(state),
    doing: 'polling'
  }).then(result => ({
    ...result,
    outcome: result.ending.how,
    earlierFailures: history.failedEarlier(result.last)
  }))
}

describe('pollUntilSettled', () => {
  it('follows the ramp, then the interval, until the answer is final', async () => {
    const clock = new FakeClock(0)
    const running = state('Running', [item('Running')])
    const { poll, polledAt } = script(
      [
        running,
        running,
        running,
        running,
        running,
        running,
        running,
        running,
        state('Success', [item('Success')])
      ],
      clock,
      0
    )
    const result = await waitOn(poll, clock, 5000, 100_000)
    expect(result.outcome).toBe('finished')
    expect(polledAt).toEqual([0, 500, 1000, 1500, 2500, 3500, 5500, 8500, 13500])
  })

  it('waits at least twice as long as the last poll took', async () => {
    const clock = new FakeClock(0)
    const running = state('Running', [])
    const { poll, polledAt } = script([running, running, state('Failed', [])], clock, 4000)
    await waitOn(poll, clock, 1000, 100_000)
    expect(polledAt).toEqual([0, 12000, 24000])
  })

  it('times out at the deadline with the last state, and keeps earlier failures', async () => {
    const clock = new FakeClock(0)
    const { poll } = script(
      [state('Running', [item('Failed', 'A')]), state('Running', [item('Running', 'A')])],
      clock
    )
    const result = await waitOn(poll, clock, 1000, 10_000)
    expect(result.outcome).toBe('timeout')
    expect(result.last?.status).toBe('Running')
    expect(result.earlierFailures.map(i => i.itemName)).toEqual(['A'])
    expect(clock.now()).toBeLessThanOrEqual(10_000 + 10)
  })

  it('stops at once on an undocumented status', async () => {
    const clock = new FakeClock(0)
    const { poll, polledAt } = script([state('Running', [item('Weird')])], clock)
    const result = await waitOn(poll, clock, 1000, 10_000)
    expect(result.outcome).toBe('finished')
    expect(polledAt).toHaveLength(1)
  })

  it('reports cancellation and outages from the client, and other errors as errors', async () => {
    const clock = new FakeClock(0)
    const outage = { sinceMs: 0, lastError: new ApiError('transient', 'HTTP 503') }
    const stopped = await waitOn(
      script([new StopError('timeout', outage)], clock).poll,
      clock,
      1000,
      10_000
    )
    expect(stopped.ending).toEqual({ how: 'timeout', outage })
    const cancelled = await waitOn(
      script([new StopError('cancelled')], clock).poll,
      clock,
      1000,
      10_000
    )
    expect(cancelled.outcome).toBe('cancelled')
    const failed = await waitOn(
      script([new ApiError('business', 'task not found')], clock).poll,
      clock,
      1000,
      10_000
    )
    expect(failed.outcome).toBe('error')
    expect(failed.ending).toMatchObject({ message: 'polling: NineData said "task not found".' })
  })

  it('turns a bug in a callback into an ending, not a crash', async () => {
    const clock = new FakeClock(0)
    const result = await pollUntilSettled({
      poll: async () => state('Running', []),
      isSettled: () => false,
      intervalMs: 1000,
      deadline: 10_000,
      sleep: clock.sleep,
      time: clock,
      onState: () => {
        throw new TypeError('boom')
      },
      doing: 'polling'
    })
    expect(result.ending).toEqual({ how: 'error', message: 'The action crashed: boom' })
  })
})

describe('pollDelayMs', () => {
  it('never waits longer than the interval', () => {
    expect(pollDelayMs(1, 200)).toBe(200)
    expect(pollDelayMs(20, 5000)).toBe(5000)
  })
})
