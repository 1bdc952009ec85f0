// Clock drift: NineData rejects timestamps more than 10 minutes off its clock, so the action
// signs with the server's time when it learns that the runner's clock is off.

/** Offsets smaller than this are noise (Date headers have 1 s resolution) and are not applied. */
export const SIGNIFICANT_SKEW_MS = 30_000

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
    // A whole-second Date was stamped somewhere within its second: assume the middle.
    const measured = serverMs + resolutionMs / 2 - (sentAt + receivedAt) / 2
    const wanted = Math.abs(measured) < SIGNIFICANT_SKEW_MS ? 0 : measured
    if (Math.abs(wanted - this.offset) < SIGNIFICANT_SKEW_MS) return undefined
    this.offset = Math.round(wanted)
    return this.offset
  }
}
