import type { SafeText } from '../text/safe-text.js'
import { LIMITS } from '../text/wording.js'
import { objectLabel, type Differences } from '../verdict/comparison-verdict.js'
import type { Report } from './report-model.js'
import { fileNamePart } from './report-file.js'

// The correction SQL file: the SQL of every differing object, in NineData's order, each after a
// comment naming it. Pure: returns the name and text; the publisher writes them.

export function correctionSqlFileName(report: Report, safe: SafeText): string {
  return `ninedata-correction-${fileNamePart(report.run?.seen.execId ?? '', safe, 'run')}.sql`
}

export function correctionSqlText(differences: Differences, safe: SafeText): string {
  const parts = [
    `-- Correction SQL from NineData: ${differences.differing.length} differing objects.\n`,
    '-- Review before running: it makes the target match the source.\n'
  ]
  for (const entry of differences.differing) {
    if ('tableName' in entry) continue
    // The name goes into a one-line comment: a newline in it must not start a statement.
    const name = safe.line(objectLabel(entry), LIMITS.name)
    parts.push(`\n-- progressId ${safe.line(entry.progressId, LIMITS.id)}: ${name}\n`)
    const sql = safe.value(entry.correctSql ?? '')
    parts.push(sql.endsWith('\n') ? sql : `${sql}\n`)
  }
  return parts.join('')
}
