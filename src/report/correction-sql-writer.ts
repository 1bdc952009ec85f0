import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SchemaObject } from '../ninedata/api-types.js'
import type {
  CorrectionSqlFile,
  CorrectionSqlSink,
  MissingObjects
} from '../phases/correction-sql-sink.js'
import type { SafeText } from '../text/safe-text.js'
import {
  correctionSqlFileName,
  finalHeader,
  footer,
  headerWhileWriting,
  sqlEntryParts
} from './correction-sql-file.js'

// The correction SQL file, written as the objects are read so a run of 200 MB of SQL never sits in
// memory: created as `<name>.partial.sql` with an INCOMPLETE header, each differing object's SQL
// appended in NineData's order, and at the end the header rewritten in place and the file renamed:
// `<name>.sql` when every object was read, `<name>.INCOMPLETE.sql` otherwise. A file-system failure
// never turns the verdict: the file is then reported as not written.

/** Opens sinks under RUNNER_TEMP; text goes through `safe` on its way into the file. */
export function correctionSqlFiles(
  safe: SafeText,
  folder = runnerTemp()
): (execId: string) => CorrectionSqlSink {
  return execId => new CorrectionSqlWriter(safe, folder, execId)
}

function runnerTemp(): string {
  return process.env['RUNNER_TEMP'] || tmpdir()
}

class CorrectionSqlWriter implements CorrectionSqlSink {
  private fd: number | undefined
  private objects = 0
  private failed: string | undefined

  constructor(
    private readonly safe: SafeText,
    private readonly folder: string,
    private readonly execId: string
  ) {}

  private path(state: 'complete' | 'partial' | 'incomplete'): string {
    return join(this.folder, correctionSqlFileName(this.execId, this.safe, state))
  }

  add(object: SchemaObject, sql: string): void {
    if (this.failed !== undefined) return
    try {
      if (this.fd === undefined) {
        mkdirSync(this.folder, { recursive: true })
        this.fd = openSync(this.path('partial'), 'w')
        writeSync(this.fd, headerWhileWriting(this.execId))
      }
      for (const part of sqlEntryParts(object, sql, this.safe)) writeSync(this.fd, part)
      this.objects++
    } catch (error) {
      this.failed = (error as Error).message
    }
  }

  finish(missing: MissingObjects | undefined): CorrectionSqlFile | undefined {
    if (this.fd === undefined && this.failed === undefined) return undefined
    const complete = missing === undefined && this.failed === undefined
    const facts = {
      path: this.path(complete ? 'complete' : 'incomplete'),
      complete,
      objects: this.objects,
      missing: missing ? `${missing.count} of ${missing.of} objects (${missing.why})` : ''
    }
    if (this.failed !== undefined) {
      this.close()
      return { ...facts, path: this.path('partial'), failed: this.failed }
    }
    try {
      const fd = this.fd as number
      writeSync(fd, footer(this.objects, missing))
      writeSync(fd, finalHeader(this.execId, this.objects, missing), 0)
      closeSync(fd)
      this.fd = undefined
      renameSync(this.path('partial'), facts.path)
      return facts
    } catch (error) {
      this.close()
      return {
        ...facts,
        complete: false,
        path: this.path('partial'),
        failed: (error as Error).message
      }
    }
  }

  private close(): void {
    try {
      if (this.fd !== undefined) closeSync(this.fd)
    } catch {
      // Already closed or gone: nothing more to free.
    }
    this.fd = undefined
  }
}
