import { basename } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  gate,
  item,
  statusData,
  statusHook,
  stopSimulators,
  type AnswerContext
} from '../helpers/simulator.js'

// One item message of 40 MB of '&' (under the 64 MiB answer cap): every '&' is a place where an
// encoded secret could start. The verdict reads it raw, every surface shows a bounded, safe part,
// and the report file keeps it whole. What it costs is measured by `npm run bench:large`, and that
// it is searched once, whatever the surfaces, by the unit tests of SafeText; the run here is given
// minutes, as a hang detector only. The bundled action against the simulator, as a runner runs it.

afterEach(stopSimulators)

describe('one huge item message', () => {
  it('40 MB of "&": failed, every surface bounded, the report file whole', async () => {
    const message = '&'.repeat(40_000_000)
    const run = await gate(
      statusHook((c: AnswerContext) => ({
        data: statusData(c, 'Failed', [item('x', 'X', 'Failed', { errorMessage: message })])
      })),
      // Final at the first answer; the timeout only keeps a run that hangs from lasting forever.
      { 'timeout-seconds': '150' },
      { killAfterMs: 170_000 }
    )
    const { result } = run
    expect(result.exitCode).toBe(1)
    expect(result.outputs['failed-count']).toBe('1')
    // The log line and the annotation: a bounded part, with what was left out counted.
    expect(result.log).toMatch(/^Failed: X \[x\] — &+… \(\d+ more characters\)$/m)
    const annotation = result.annotations.find(a => a.title === 'X')
    expect(annotation?.message).toMatch(/^&+… \(\d+ more characters\)$/)
    // Outputs stay small: the huge item is left out of the JSON outputs, and says so.
    for (const name of ['items', 'failed-items']) {
      expect(Buffer.byteLength(result.outputs[name]!)).toBeLessThanOrEqual(100_000)
    }
    expect(result.log).toContain('The failed-items output holds the first 0 of 1 items')
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024)
    // The report file has the message exactly as received.
    const report = JSON.parse(result.tempFiles[basename(result.outputs['report-file']!)]!) as {
      failedItems: { errorMessage: string }[]
    }
    expect(report.failedItems[0]!.errorMessage).toBe(message)
  }, 180_000)
})
