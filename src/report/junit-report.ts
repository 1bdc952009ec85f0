import type { DataTable, PrecheckItem, SchemaObject } from '../ninedata/api-types.js'
import { canonicalStatus, itemLabel } from '../status/precheck-status.js'
import { visible } from '../text/clean.js'
import type { SafeText } from '../text/safe-text.js'
import { LIMITS, plural } from '../text/wording.js'
import { objectLabel } from '../verdict/comparison-verdict.js'
import type { Verdict } from '../verdict/verdict-types.js'
import { fileNamePart } from './report-file.js'
import { orderForReport, recordsDiffer, stepFails, type Report } from './report-model.js'

// The JUnit XML report, the one test format every CI reads (GitLab's merge request widget, Jenkins'
// junit step, GitHub test-report actions). One suite for the precheck (a case per check item), one
// for the comparison run (a case per object or table), each led by a case that carries the phase's
// verdict, so a verdict no item explains (an undocumented status, a timeout) is never green. Pure:
// returns the text; every piece of server text goes through SafeText.xml.

/** The file's cap. Whole test cases as many as fit; the rest are counted in one closing case. */
export const JUNIT_BUDGET_BYTES = 4 * 1024 * 1024
/** Room kept for the verdict cases, the closing cases and the suites' own lines. */
const RESERVED_BYTES = 128 * 1024

type Outcome = 'passed' | 'failure' | 'error'

interface TestCase {
  name: string
  outcome: Outcome
  /** One line: the failure's message attribute. */
  message?: string
  /** The failure's text (SQL, NineData's message, counts). */
  text?: string
  /** How much of the text is kept, in characters (default LIMITS.message). */
  textMax?: number
}

interface TestSuite {
  name: string
  classname: string
  verdict: TestCase
  cases: TestCase[]
  /** What the closing case says about the cases left out ("check items", "results"). */
  what: string
}

export function junitFileName(report: Report, safe: SafeText): string {
  return `ninedata-junit-${fileNamePart(report.precheckTaskId, safe, 'report')}.xml`
}

export function junitReportText(
  report: Report,
  safe: SafeText,
  budget: number = JUNIT_BUDGET_BYTES
): string {
  return junitReportParts(report, safe, budget).join('')
}

/** The report in parts, in order: written one after the other, never joined in memory. */
export function junitReportParts(
  report: Report,
  safe: SafeText,
  budget: number = JUNIT_BUDGET_BYTES
): string[] {
  const suites = [precheckSuite(report)]
  if (report.run) suites.push(comparisonSuite(report))
  let room = budget - RESERVED_BYTES
  const rendered = suites.map(suite => {
    const kept: string[] = []
    const counts = { tests: 1, failures: 0, errors: 0 }
    const count = (c: TestCase): void => {
      if (c.outcome === 'failure') counts.failures++
      if (c.outcome === 'error') counts.errors++
    }
    count(suite.verdict)
    let index = 0
    for (; index < suite.cases.length; index++) {
      const testCase = suite.cases[index] as TestCase
      const xml = renderCase(testCase, suite.classname, safe)
      const size = Buffer.byteLength(xml)
      if (size > room) break
      room -= size
      kept.push(xml)
      counts.tests++
      count(testCase)
    }
    const left = suite.cases.slice(index)
    if (left.length > 0) {
      const closing = leftOutCase(left, suite.what)
      kept.push(renderCase(closing, suite.classname, safe))
      counts.tests++
      count(closing)
    }
    const verdict = renderCase(suite.verdict, suite.classname, safe)
    return { suite, counts, body: [verdict, ...kept] }
  })
  return document(report, rendered, safe)
}

function document(
  report: Report,
  rendered: {
    suite: TestSuite
    counts: Record<'tests' | 'failures' | 'errors', number>
    body: string[]
  }[],
  safe: SafeText
): string[] {
  const time = (report.durationMs / 1000).toFixed(3)
  const total = { tests: 0, failures: 0, errors: 0 }
  for (const { counts } of rendered) {
    total.tests += counts.tests
    total.failures += counts.failures
    total.errors += counts.errors
  }
  const attrs = (c: typeof total): string =>
    `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0"`
  const suites = rendered.flatMap(({ suite, counts, body }) => [
    `  <testsuite name="${attr(safe, suite.name)}" ${attrs(counts)} time="${time}">\n`,
    ...body,
    '  </testsuite>\n'
  ])
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="NineData precheck gate" ${attrs(total)} time="${time}">\n`,
    ...suites,
    '</testsuites>\n'
  ]
}

const attr = (safe: SafeText, text: string, max: number = LIMITS.name): string =>
  safe.xml(text, max, true)

function renderCase(testCase: TestCase, classname: string, safe: SafeText): string {
  const head = `    <testcase classname="${attr(safe, classname)}" name="${attr(safe, testCase.name)}"`
  if (testCase.outcome === 'passed') {
    const out = testCase.text
      ? `<system-out>${safe.xml(testCase.text, LIMITS.reason)}</system-out>`
      : ''
    return out ? `${head}>${out}</testcase>\n` : `${head}/>\n`
  }
  const message = attr(safe, testCase.message ?? '', LIMITS.description)
  const text = safe.xml(testCase.text ?? '', testCase.textMax ?? LIMITS.message)
  const tag = testCase.outcome
  return `${head}>\n      <${tag} message="${message}" type="${tag === 'failure' ? 'Failed' : 'NotVerified'}">${text}</${tag}>\n    </testcase>\n`
}

/** The phase's verdict as a case: red whenever the step fails on it, whatever its items say. */
function verdictCase(name: string, verdict: Verdict, fails: boolean, hint?: string): TestCase {
  const reason = hint ? `${verdict.reason} ${hint}` : verdict.reason
  if (verdict.passed || !fails) return { name, outcome: 'passed', text: reason }
  const outcome: Outcome = verdict.kind === 'failed' ? 'failure' : 'error'
  return { name, outcome, message: reason, text: reason, textMax: LIMITS.reason }
}

function leftOutCase(left: readonly TestCase[], what: string): TestCase {
  const outcome: Outcome = left.some(c => c.outcome === 'failure')
    ? 'failure'
    : left.some(c => c.outcome === 'error')
      ? 'error'
      : 'passed'
  const failing = left.filter(c => c.outcome !== 'passed').length
  const text = `${plural(left.length, `more ${what.replace(/s$/, '')}`, `more ${what}`)} (${failing} of them not passed) left out to keep this file under ${JUNIT_BUDGET_BYTES / 1024 / 1024} MiB: the report file has every one.`
  return { name: `${left.length} more ${what}`, outcome, message: text, text }
}

function precheckSuite(report: Report): TestSuite {
  const onPrecheck = report.verdict.phase === 'precheck'
  const verdict = onPrecheck
    ? verdictCase('Precheck verdict', report.verdict, stepFails(report), report.hint)
    : { name: 'Precheck verdict', outcome: 'passed' as const, text: 'The precheck passed.' }
  const items = report.state ? orderForReport(report.state.precheckItems) : []
  const failedNow = new Set(items.filter(i => canonicalStatus(i.status) === 'Failed'))
  const earlier = report.verdict.failedItems.filter(i => !failedNow.has(i))
  return {
    name: `NineData precheck ${report.precheckTaskId || '(not started)'} of task ${report.taskId}`,
    classname: `ninedata.precheck.${report.taskId || 'task'}`,
    verdict,
    cases: [
      ...items.map(itemCase),
      ...earlier.map(i =>
        seenCase(
          i,
          'failure',
          'seen Failed at an earlier poll: it counts as failed, whatever NineData reports now'
        )
      ),
      ...report.vanished.map(i =>
        seenCase(i, 'error', 'listed at an earlier poll, no longer listed in the last answer')
      )
    ],
    what: 'check items'
  }
}

function caseName(item: PrecheckItem): string {
  return item.precheckItem ? `${itemLabel(item)} [${item.precheckItem}]` : itemLabel(item)
}

function itemCase(item: PrecheckItem): TestCase {
  const status = canonicalStatus(item.status)
  const said = item.errorMessage.trim()
  if (status === 'Success') return { name: caseName(item), outcome: 'passed' }
  if (status === 'Failed') {
    const message = said || 'NineData gave no reason for this failure.'
    return { name: caseName(item), outcome: 'failure', message, text: message }
  }
  const message = `No final status: NineData reported ${item.status ? visible(item.status) : 'no status'}.${said ? ` ${said}` : ''}`
  return { name: caseName(item), outcome: 'error', message, text: message }
}

function seenCase(item: PrecheckItem, outcome: Outcome, why: string): TestCase {
  const said = item.errorMessage.trim()
  const message = `${itemLabel(item)} was ${why}.${said ? ` ${said}` : ''}`
  return { name: `${caseName(item)} (earlier answer)`, outcome, message, text: message }
}

function comparisonSuite(report: Report): TestSuite {
  const run = report.run
  if (!run) throw new Error('comparisonSuite needs a run')
  const results = run.seen.results
  const entries: (SchemaObject | DataTable)[] =
    results?.kind === 'schema' ? results.objects : (results?.tables ?? [])
  const execId = run.seen.execId || '(not started)'
  return {
    name: `NineData ${run.seen.kind} comparison run ${execId} of task ${report.taskId}`,
    classname: `ninedata.comparison.${report.taskId || 'task'}`,
    verdict: verdictCase('Comparison run verdict', run.verdict, stepFails(report), report.hint),
    cases: entries.map(resultCase),
    what: 'results'
  }
}

function resultCase(entry: SchemaObject | DataTable): TestCase {
  const name = `${objectLabel(entry)} [progressId ${entry.progressId}]`
  if (entry.unreadable !== undefined) {
    const message = `The result could not be read, so it is not verified: ${entry.unreadable}`
    return { name, outcome: 'error', message, text: message }
  }
  if ('tableName' in entry) {
    if ((entry.differences ?? 0) === 0) return { name, outcome: 'passed' }
    const message = `${recordsDiffer(entry.differences ?? 0)} between source and target.`
    return { name, outcome: 'failure', message, text: message }
  }
  if (entry.correctSql === undefined) {
    const message = 'The correction SQL could not be read, so this object is not verified.'
    return { name, outcome: 'error', message, text: message }
  }
  if (entry.correctSql === '') return { name, outcome: 'passed' }
  return {
    name,
    outcome: 'failure',
    message: 'Source and target differ; the text is the SQL that makes the target match.',
    text: entry.correctSql,
    textMax: LIMITS.sql
  }
}
