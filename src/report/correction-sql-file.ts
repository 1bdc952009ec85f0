import type { SchemaObject } from '../ninedata/api-types.js'
import type { MissingObjects } from '../phases/correction-sql-sink.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS, plural } from '../text/wording.js'
import { objectLabel, type Differences } from '../verdict/comparison-verdict.js'
import { fileNamePart } from './report-file.js'

// The correction SQL file's text: a header of fixed size (written first as INCOMPLETE, rewritten in
// place once the reading ends), the SQL of every differing object in NineData's order, each after a
// comment naming it, and a last line that says again whether the file is complete. Pure: the
// writer (correction-sql-writer.ts) puts the pieces in the file as objects are read.

/** The header's size in bytes, whatever it says: it is rewritten in place at the end. */
export const HEADER_BYTES = 640

export function correctionSqlFileName(
  execId: string,
  safe: SafeText,
  state: 'complete' | 'partial' | 'incomplete'
): string {
  const run = fileNamePart(execId, safe, 'run')
  const suffix = state === 'complete' ? '' : state === 'partial' ? '.partial' : '.INCOMPLETE'
  return `ninedata-correction-${run}${suffix}.sql`
}

const REVIEW = '-- Review before running: it makes the target match the source.'

/** The header while the file is written: a file left like this (the step was killed) is incomplete. */
export function headerWhileWriting(execId: string): string {
  return padHeader([
    `-- INCOMPLETE: correction SQL of comparison run ${idText(execId)} from NineData, still being written.`,
    '-- Do not apply it: if this line is still here, the step ended before the file was finished.'
  ])
}

/** The final header: complete, or INCOMPLETE naming what is missing. Only digits and counts from the server. */
export function finalHeader(
  execId: string,
  objects: number,
  missing: MissingObjects | undefined
): string {
  const run = `comparison run ${idText(execId)}`
  if (!missing) {
    return padHeader([
      `-- Correction SQL from NineData: ${plural(objects, 'differing object')} of ${run}.`,
      '-- COMPLETE: the SQL of every object of the run that differs.',
      REVIEW
    ])
  }
  return padHeader([
    `-- INCOMPLETE: NOT the whole correction SQL of ${run}. Do not apply it as a fix.`,
    `-- It holds the SQL of ${plural(objects, 'differing object')}; ${missingLine(missing)}`,
    REVIEW
  ])
}

/** The last line: a reader of the end of the file sees the same. */
export function footer(objects: number, missing: MissingObjects | undefined): string {
  return missing
    ? `\n-- END: INCOMPLETE (${missingLine(missing)})\n`
    : `\n-- END: COMPLETE, ${plural(objects, 'differing object')}.\n`
}

/** What is missing, with the first progressIds (digits only). */
export function missingLine(missing: MissingObjects): string {
  const shown = missing.progressIds.slice(0, 10).map(idText)
  const more = missing.count - shown.length
  const ids = shown.length
    ? `: progressId ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
    : ''
  return `${missing.count} of ${missing.of} objects are missing (${missing.why})${ids}.`
}

/** One object's SQL after a one-line comment naming it. */
export function sqlEntry(object: SchemaObject, sql: string, safe: SafeText): string {
  return sqlEntryParts(object, sql, safe).join('')
}

/** The entry in parts, written one after the other: a 20 KB SQL is not copied into a joined text. */
export function sqlEntryParts(object: SchemaObject, sql: string, safe: SafeText): string[] {
  // The name goes into a one-line comment: a newline in it must not start a statement.
  const name = safe.line(objectLabel(object), LIMITS.name)
  const text = safe.value(sql)
  const head = `\n-- progressId ${safe.line(object.progressId, LIMITS.id)}: ${name}\n`
  return text.endsWith('\n') ? [head, text] : [head, text, '\n']
}

/**
 * The whole file as the writer leaves it, for the given objects: what a test compares the written
 * file with. Objects without SQL (tables, consistent or unread objects) are not in it.
 */
export function correctionSqlText(
  differences: { differing: Differences['differing'] } & Partial<Differences>,
  safe: SafeText,
  execId = '',
  missing?: MissingObjects
): string {
  const objects = differences.differing.filter(
    (e): e is SchemaObject => e.kind === 'object' && Boolean(e.correctSql)
  )
  const entries = objects.map(o => sqlEntry(o, o.correctSql ?? '', safe))
  return `${finalHeader(execId, objects.length, missing)}${entries.join('')}${footer(objects.length, missing)}`
}

function idText(id: string): string {
  return /^\d{1,40}$/.test(id) ? id : '(unnamed)'
}

/** The lines, cut to fit, padded with spaces to exactly HEADER_BYTES. */
function padHeader(lines: string[]): string {
  let text = `${lines.join('\n')}\n`
  while (Buffer.byteLength(text) > HEADER_BYTES - 4) text = `${text.slice(0, -40)}\n`
  return `${text}--${' '.repeat(HEADER_BYTES - Buffer.byteLength(text) - 3)}\n`
}
