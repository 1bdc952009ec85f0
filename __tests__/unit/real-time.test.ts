import { describe, expect, it } from '@jest/globals'
import { realTime } from '../../src/time.js'

// The real clock behind the Time seam: the other tests run on a FakeClock, so this is where its
// sleep is checked: it waits, ends early on a cancel, and never rejects.

describe('realTime', () => {
  it('reads the system clock', () => {
    const before = Date.now()
    const now = realTime.now()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })

  it('sleeps about as long as asked', async () => {
    const started = performance.now()
    await realTime.sleep(50)
    // Timers may fire a millisecond early; generous above, as other tests share the cores.
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('ends a sleep when the signal aborts, and at once when it already has', async () => {
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(), 20)
    await expect(realTime.sleep(60_000, controller.signal)).resolves.toBeUndefined()
    expect(performance.now() - started).toBeLessThan(5000)
    const again = performance.now()
    await expect(realTime.sleep(60_000, controller.signal)).resolves.toBeUndefined()
    expect(performance.now() - again).toBeLessThan(1000)
  })

  it('treats a negative wait as none', async () => {
    const started = performance.now()
    await realTime.sleep(-1000)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
