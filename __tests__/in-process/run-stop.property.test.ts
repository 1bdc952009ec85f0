import { afterAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { runGate } from '../../src/gate-run.js'
import { parseInputs } from '../../src/inputs.js'
import { compareInputs, quickRun, requestsOf } from '../helpers/comparison.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { simulator, stopSimulators, testInputs } from '../helpers/simulator.js'

// Whatever run status NineData reports, the gate leaves no run of its own going when it gives up:
// generated statuses (documented words in any case and padding, look-alikes, undocumented words,
// empty), the run and timeout-seconds on a FakeClock shared with the simulator. A stop is sent
// exactly when the last status is not a documented final one (success, failed, stopped).

afterAll(stopSimulators)

/** The documented final words, as this test reads NineData's documentation (case and spaces aside). */
const FINAL = /^[ \t]*(success|failed|stopped)[ \t]*$/i

const status = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('success', 'failed', 'stopped', 'running', 'starting'),
      fc.constantFrom(
        (w: string) => w,
        (w: string) => w.toUpperCase(),
        (w: string) => ` ${w}\t`
      )
    )
    .map(([word, spell]) => spell(word)),
  fc.constantFrom('paused', 'succes', 'success\u200b', 'ſuccess', 'finished', 'ok', ''),
  fc.string({ maxLength: 20 })
)

async function gateOnStatus(runStatus: string) {
  const clock = new FakeClock()
  const scenario = quickRun(
    'compare-same',
    { durationMs: Number.POSITIVE_INFINITY },
    { execStatusAnswer: c => ({ data: { ...(c.natural as object), status: runStatus } }) }
  )
  const sim = await simulator(scenario, { now: clock.now })
  const given = testInputs(sim.url, compareInputs(scenario, { 'timeout-seconds': '20' }))
  const inputs = parseInputs(name => given[name] ?? '')
  const warnings: string[] = []
  const log = {
    info: () => undefined,
    debug: () => undefined,
    warning: (m: string) => warnings.push(m)
  }
  const signal = new AbortController().signal
  const gate = await runGate(inputs, { log, time: clock, signal, startedAt: clock.now() })
  return { gate, sim, warnings }
}

describe('a run the gate gives up on is stopped (generated run statuses)', () => {
  it('a stop is sent exactly when the last status is not a documented final one', async () => {
    await fc.assert(
      fc.asyncProperty(status, async runStatus => {
        const { gate, sim, warnings } = await gateOnStatus(runStatus)
        const stops = requestsOf(sim, 'stop')
        const final = FINAL.test(runStatus)
        expect(gate.comparison?.execId).toMatch(/^\d+$/)
        expect(stops).toHaveLength(final ? 0 : 1)
        expect(gate.comparison?.stop?.sent ?? false).toBe(!final)
        if (!final) {
          expect(
            warnings.filter(w => w.startsWith('Asked NineData to stop comparison run'))
          ).toHaveLength(1)
        }
        await stopSimulators()
      }),
      { numRuns: 40, seed: 22 }
    )
  })
})
