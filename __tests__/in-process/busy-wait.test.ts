import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../helpers/fake-clock.js'
import { finishedAtOnce, followOnClock } from '../helpers/follow-on-clock.js'
import { simulator, stopSimulators } from '../helpers/simulator.js'

// The busy wait on a clock that moves only when the gate sleeps: it asks NineData on the usual poll
// schedule (quick at first, then every poll-interval-seconds), so a task that stays busy costs a
// bounded number of calls, and its timeout says what it was waiting for.

afterEach(stopSimulators)

describe('waiting for a busy task', () => {
  it('polls the task on the poll schedule until timeout-seconds, then says it was still waiting', async () => {
    const clock = new FakeClock()
    const sim = await simulator(finishedAtOnce('pass', { busyForDetailPolls: Infinity }), {
      now: clock.now
    })
    const run = await followOnClock(sim.url, clock, { timeoutMs: 20_000, pollIntervalMs: 5000 })
    // Detail queries at 0.5, 1, 1.5, 2.5, 3.5, 5.5, 8.5, 13.5 and 18.5 s; the next would be past 20 s.
    expect(sim.count('taskDetail')).toBe(9)
    expect(sim.count('start')).toBe(1)
    expect(run.fakeElapsedMs).toBe(20_000)
    expect(run.verdict.kind).toBe('timeout')
    expect(run.verdict.reason).toMatch(
      /^No precheck was started within timeout-seconds \(20 s\): it was still waiting for comparison task cc-\w+ to be free .*"prechecking"/
    )
    expect(run.log.info.filter(line => line.includes('is busy'))).toHaveLength(1)
  })

  it('starts its own precheck as soon as the task is seen free, and passes', async () => {
    const clock = new FakeClock()
    const sim = await simulator(finishedAtOnce('pass', { busyForDetailPolls: 4 }), {
      now: clock.now
    })
    const run = await followOnClock(sim.url, clock, { pollIntervalMs: 5000 })
    expect(run.verdict.passed).toBe(true)
    expect(sim.count('taskDetail')).toBe(4)
    expect(sim.count('start')).toBe(2)
    // Free at the fourth query, 2.5 s in: the precheck starts then, not a poll interval later.
    expect(run.log.info.find(line => line.includes('after'))).toMatch(/after 2\.5s of waiting/)
  })
})
