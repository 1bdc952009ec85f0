// Words and numbers for messages. Pure.

/** "1 item", "2 items". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}

/** "20m 3s", "1h 0m 5s", "42s", "0.3s": a duration for messages. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < 10_000 && abs % 1000 !== 0) return `${(abs / 1000).toFixed(1).replace(/\.0$/, '')}s`
  const total = Math.round(abs / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h}h ${m}m ${s}s`
  if (m > 0) return `${m}m ${s}s`
  return `${s}s`
}

/** Seconds as the user wrote them in an input: 900 -> "900 s", 0.5 -> "0.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`
}

/** How much server text is shown where, in characters (UTF-16 units). One table for every surface. */
export const LIMITS = {
  /** An item's name, in a cell, a log line or an annotation title. */
  name: 300,
  /** IDs and status values. */
  id: 128,
  description: 600,
  /** An item's message from NineData. */
  message: 2000,
  /** A message of the action that embeds server text (reasons, errors). */
  reason: 4000,
  /** Lines in the all-items log group. */
  logItems: 2000,
  /** One object's correction SQL in the job summary. */
  sql: 20_000,
  /** Rows of the table of objects or tables that differ. */
  differenceRows: 500,
  /** A one-value output (IDs, statuses, request IDs). */
  outputValue: 1000,
  /** Failed items named in a one-line reason. */
  namesInReason: 5
} as const
