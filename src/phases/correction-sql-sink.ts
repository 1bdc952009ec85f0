import type { SchemaObject } from '../ninedata/api-types.js'

// Where the result reader puts the correction SQL as it reads it, and what it tells the file at the
// end. Types only: the file itself is written at the report's boundary (report/correction-sql-writer.ts).

/** The correction SQL file as the reading left it. */
export interface CorrectionSqlFile {
  /** Where it was written (RUNNER_TEMP). */
  path: string
  /** False when some object's SQL is not in it (unread, unreadable, cut short): never handed over. */
  complete: boolean
  /** How many differing objects it holds. */
  objects: number
  /** What is missing, as the file's header says it; '' when complete. */
  missing: string
  /** Set when the file could not be written. */
  failed?: string | undefined
}

/** Objects of the run whose SQL is not in the file. */
export interface MissingObjects {
  count: number
  of: number
  /** The first few of them, for the file's header. */
  progressIds: string[]
  why: string
}

export interface CorrectionSqlSink {
  /** The SQL of the next differing object, in NineData's order. */
  add(object: SchemaObject, sql: string): void
  /** Ends the file; undefined `missing`: every object was read. Undefined: no file was written. */
  finish(missing: MissingObjects | undefined): CorrectionSqlFile | undefined
}

/** Opens the sink for one run (the file is created with its first differing object). */
export type OpenCorrectionSql = (execId: string) => CorrectionSqlSink
