import { ApiError } from './api-errors.js'

// Strict reading of NineData's `data`: what the docs promise, or a `protocol` failure that says what
// was wrong. Reading never changes a character of server text.

export function protocolError(what: string): ApiError {
  return new ApiError('protocol', `NineData's answer does not have the documented shape: ${what}`)
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function describeType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

/** A text field; '' when absent or null; numbers and booleans as their text; else a shape error. */
export function text(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key]
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw protocolError(`${where}.${key} is ${describeType(value)}, not a string`)
}

/** An ID field: a JSON string or absent ('' then). A number could have lost digits on its way. */
export function idText(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key]
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  throw protocolError(`${where}.${key} is ${describeType(value)}, not a string ID`)
}

/**
 * A whole number sent as a JSON number (a safe integer) or a string of digits, as its digits; undefined
 * when absent or null. Anything else (fractions, 1e400, true, "12abc") is a shape error.
 */
export function integerText(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value)
  if (typeof value === 'string' && /^\d{1,30}$/.test(value)) return value
  throw protocolError(`${where} is ${visibleKind(value)}, not a whole number`)
}

/** A count: integerText, as a number (counts stay far below 2^53 or they are not counts). */
export function count(value: unknown, where: string): number | undefined {
  const digits = integerText(value, where)
  if (digits === undefined) return undefined
  const n = Number(digits)
  if (!Number.isSafeInteger(n)) throw protocolError(`${where} is too large to be a count`)
  return n
}

function visibleKind(value: unknown): string {
  if (typeof value === 'string') return `the text of ${value.length} characters`
  if (typeof value === 'number') return `the number ${String(value)}`
  return describeType(value)
}
