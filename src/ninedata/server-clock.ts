// Clock drift: NineData rejects timestamps more than 10 minutes off its clock, so the action
// signs with the server's time when it learns that the runner's clock is off.

/** No server time before this can be NineData's clock: the action did not exist yet. */
const EARLIEST_SERVER_TIME_MS = Date.UTC(2020, 0, 1)
/** When this version was written: a runner whose clock is earlier is wrong, not NineData. */
const WRITTEN_MS = Date.UTC(2026, 0, 1)
/** How far ahead of the runner (or of WRITTEN_MS, if the runner is earlier) NineData may be. */
export const MAX_AHEAD_MS = 5 * 365 * 24 * 3600 * 1000
/** NineData rejects timestamps further than this from its clock. */
export const MAX_SIGNATURE_SKEW_MS = 10 * 60 * 1000

/**
 * Why `serverMs` cannot be NineData's clock, or undefined when it can. Times before 2020 (a device
 * without a clock says 1970) or more than 5 years ahead of the runner are someone else's clock or
 * garbage; applied as an offset, they would make every signature wrong or the timestamp unwritable.
 */
export function implausibleServerTime(serverMs: number, localMs: number): string | undefined {
  if (!Number.isFinite(serverMs)) return 'it is not a time'
  if (serverMs < EARLIEST_SERVER_TIME_MS) return 'it is before 2020'
  if (serverMs > Math.max(localMs, WRITTEN_MS) + MAX_AHEAD_MS) {
    return "it is more than 5 years ahead of the runner's clock"
  }
  return undefined
}

/** A server time for messages: ISO when it is one, else the number. Never throws. */
export function describeServerTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms)
}

/** Offsets smaller than this are noise (Date headers have 1 s resolution) and are not applied. */
const SIGNIFICANT_SKEW_MS = 30_000

/** Reads a server time from `/openapi/now`'s `data`: ISO string, epoch seconds or epoch ms. */
export function parseServerTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Below 1e11 it can only be seconds (1e11 ms is 1973; 1e11 s is the year 5138).
    return value < 1e11 ? value * 1000 : value
  }
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (/^\d+(\.\d+)?$/.test(trimmed)) return parseServerTime(Number(trimmed))
    const ms = Date.parse(trimmed)
    return Number.isNaN(ms) ? undefined : ms
  }
  if (value !== null && typeof value === 'object') {
    // Be lenient about a wrapper object: { time | now | timestamp | serverTime: ... }.
    const record = value as Record<string, unknown>
    for (const key of ['time', 'now', 'timestamp', 'serverTime', 'currentTime']) {
      const found = parseServerTime(record[key])
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Parses an HTTP `Date` header (IMF-fixdate); undefined when absent or unreadable. */
export function parseDateHeader(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * The runner's idea of NineData's time. `observe` takes a server time together with the local
 * times the request was sent and answered; it returns the new offset when it changed materially.
 */
export class ServerClock {
  private offset = 0

  constructor(private readonly localNow: () => number = Date.now) {}

  get offsetMs(): number {
    return this.offset
  }

  now(): Date {
    return new Date(this.localNow() + this.offset)
  }

  observe(
    serverMs: number,
    sentAt: number,
    receivedAt: number,
    resolutionMs = 1000
  ): number | undefined {
    if (implausibleServerTime(serverMs, receivedAt) !== undefined) return undefined
    // A whole-second Date was stamped somewhere within its second: assume the middle.
    const measured = serverMs + resolutionMs / 2 - (sentAt + receivedAt) / 2
    const wanted = Math.abs(measured) < SIGNIFICANT_SKEW_MS ? 0 : measured
    if (Math.abs(wanted - this.offset) < SIGNIFICANT_SKEW_MS) return undefined
    this.offset = Math.round(wanted)
    return this.offset
  }
}
