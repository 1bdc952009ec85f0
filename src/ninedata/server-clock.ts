import { formatDuration } from '../text/wording.js'

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

/** NineData's own clock endpoint, asked once when a rejected signature may be the clock's fault. */
export const NOW_PATH = '/openapi/now'

/** What the clock has to say about what it learned: the client writes it to the log. */
export interface ClockNote {
  level: 'info' | 'warning' | 'debug'
  message: string
}

/** An answer as the clock reads it: its Date header and when it was signed, sent and received. */
export interface AnswerTimes {
  dateHeader: string | string[] | undefined
  path: string
  /** Local epoch ms (corrected) the request was signed with. */
  signedAt: number
  sentAt: number
  receivedAt: number
  /** Whether NineData accepted the request (its signature, so its timestamp). */
  accepted: boolean
}

const FROM_DATE_HEADER = 'from the Date header of its answer'

/**
 * The runner's idea of NineData's time, learned from answers' Date headers and `/openapi/now`.
 * Pure apart from the local clock it reads: what it learns it returns as a note for the log.
 */
export class ServerClock {
  private offset = 0
  /** Whether a note already said why a server time was ignored (said once, then debug). */
  private ignoredTimeSaid = false

  constructor(private readonly localNow: () => number = Date.now) {}

  get offsetMs(): number {
    return this.offset
  }

  now(): Date {
    return new Date(this.localNow() + this.offset)
  }

  /**
   * Takes a server time together with the local times the request was sent and answered; returns
   * the new offset when it changed materially.
   */
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

  /**
   * NineData's time when an answer came, for a Retry-After date (which is on NineData's clock):
   * the answer's own Date header when it can be NineData's, else the corrected clock; measured
   * from the runner's clock, a skewed runner would wait 20 minutes or not at all.
   */
  answeredAt(dateHeader: string | string[] | undefined, receivedAt: number): number {
    const date = parseDateHeader(dateHeader)
    return date !== undefined && !implausibleServerTime(date, receivedAt)
      ? date
      : receivedAt + this.offset
  }

  /** Learns from an answer's Date header, when it can be NineData's clock. */
  learnFromAnswer(answer: AnswerTimes): ClockNote | undefined {
    const date = parseDateHeader(answer.dateHeader)
    if (date === undefined) return undefined
    const implausible = implausibleServerTime(date, this.localNow())
    if (implausible) return this.ignored(date, FROM_DATE_HEADER, cannotBe(implausible))
    // An accepted signature proves NineData's clock is within 10 minutes of the timestamp signed
    // with: a Date further off on such an answer is another clock (a proxy's or gateway's).
    if (
      answer.accepted &&
      answer.path !== NOW_PATH &&
      Math.abs(date - answer.signedAt) > MAX_SIGNATURE_SKEW_MS + 60_000
    ) {
      return this.ignored(
        date,
        FROM_DATE_HEADER,
        `NineData accepted a request signed with ${describeServerTime(answer.signedAt)}, so its clock is within 10 minutes of that, and this Date is another clock's`
      )
    }
    return this.learn(date, answer.sentAt, answer.receivedAt, 1000, FROM_DATE_HEADER)
  }

  /** Learns from `/openapi/now`'s `data`, asked at `sentAt` and answered at `receivedAt`. */
  learnFromNow(data: unknown, sentAt: number, receivedAt: number): ClockNote | undefined {
    const serverMs = parseServerTime(data)
    return serverMs === undefined
      ? undefined
      : this.learn(serverMs, sentAt, receivedAt, 0, NOW_PATH)
  }

  private learn(
    serverMs: number,
    sentAt: number,
    receivedAt: number,
    resolutionMs: number,
    source: string
  ): ClockNote | undefined {
    const implausible = implausibleServerTime(serverMs, receivedAt)
    if (implausible) return this.ignored(serverMs, source, cannotBe(implausible))
    const offset = this.observe(serverMs, sentAt, receivedAt, resolutionMs)
    if (offset === undefined) return undefined
    if (offset === 0) {
      return {
        level: 'info',
        message: `The runner's clock agrees with NineData's again (${source}); signing with the runner's time.`
      }
    }
    return {
      level: 'warning',
      message:
        `The runner's clock is ${formatDuration(offset)} ${offset > 0 ? 'behind' : 'ahead of'} NineData's (${source}); ` +
        `requests are now signed with NineData's time. NineData rejects timestamps more than 10 minutes off: fix the runner's clock (NTP).`
    }
  }

  /** Says once (info, then debug) that a server time was ignored, and why. */
  private ignored(serverMs: number, source: string, why: string): ClockNote {
    const message = `Ignored the server time ${describeServerTime(serverMs)} (${source}): ${why}. Requests stay signed with ${this.offset === 0 ? "the runner's clock" : 'the clock offset learned before'}.`
    const level = this.ignoredTimeSaid ? 'debug' : 'info'
    this.ignoredTimeSaid = true
    return { level, message }
  }
}

function cannotBe(implausible: string): string {
  return `${implausible}, so it cannot be NineData's clock`
}
