import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { realTime } from '../../src/time.js'

// The real clock behind the Time seam: the other tests run on a FakeClock, so this is where its
// sleep is checked: it waits, ends early on a cancel, and never rejects. Jest's fake timers stand
// in for the system's, so what is checked is which timer the sleep waits on, not how fast a
// loaded machine runs it.

describe('realTime', () => {
  it('reads the system clock', () => {
    const before = Date.now()
    const now = realTime.now()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })

  describe('sleep', () => {
    beforeEach(() => {
      jest.useFakeTimers()
    })
    afterEach(() => {
      jest.useRealTimers()
    })

    /** Whether `promise` has settled, after letting pending callbacks run. */
    async function settled(promise: Promise<void>): Promise<boolean> {
      let done = false
      void promise.then(() => (done = true))
      await Promise.resolve()
      await Promise.resolve()
      return done
    }

    it('waits as long as asked, and no longer', async () => {
      const sleep = realTime.sleep(50)
      jest.advanceTimersByTime(49)
      expect(await settled(sleep)).toBe(false)
      jest.advanceTimersByTime(1)
      expect(await settled(sleep)).toBe(true)
      expect(jest.getTimerCount()).toBe(0)
    })

    it('ends when the signal aborts, and at once when it already has', async () => {
      const controller = new AbortController()
      const sleep = realTime.sleep(60_000, controller.signal)
      jest.advanceTimersByTime(20)
      expect(await settled(sleep)).toBe(false)
      controller.abort()
      // Without the timer moving: the abort ends it, and its timer is cleared.
      expect(await settled(sleep)).toBe(true)
      expect(jest.getTimerCount()).toBe(0)
      const again = realTime.sleep(60_000, controller.signal)
      expect(await settled(again)).toBe(true)
      expect(jest.getTimerCount()).toBe(0)
    })

    it('treats a negative wait as none', async () => {
      const sleep = realTime.sleep(-1000)
      jest.advanceTimersByTime(0)
      expect(await settled(sleep)).toBe(true)
    })
  })
})
