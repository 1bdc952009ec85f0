import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, release, tmpdir, type } from 'node:os'
import { basename, join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { ROOT, startAction } from './lib/action-runner.js'
import type { Scenario, SimItem } from '../simulator/scenarios.js'
import {
  precheckAnswer,
  startSimulator,
  type RecordedRequest,
  type Simulator
} from '../simulator/server.js'
import { demoInputs } from './lib/demo-inputs.js'
import { markdownTable } from './lib/markdown-table.js'
import { writeSection } from './lib/benchmark-doc.js'

// `npm run bench:items [-- --runs N] [--sizes 1000,10000] [--no-write]`: the bundle, run as a runner
// runs it, against prechecks of 1k, 10k and 100k items (a third Failed with a ~300-character
// message, the rest Success), to see that cost stays bounded as an answer grows to tens of MB.
// Per size, the median of N runs (default 3) of: the final status answer's size, wall time (spawn to
// exit), final answer -> exit, the action's peak RSS, summary, log and report-file sizes, exit code.
// Writes the "Large prechecks" section of docs/benchmark.md. Not part of the tests.
//
// Times come from this process's clock (performance.now()): spawn, each request's arrival at the
// simulator, the moment its answer was handed to the socket, and the child's exit. The simulator
// runs in this process, so building a large answer is part of the wall time, as NineData's would be.

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const RUNS = Math.min(15, Math.max(1, Number(flag('--runs')) || 3))
const SIZES = (flag('--sizes') ?? '1000,10000,100000')
  .split(',')
  .map(Number)
  .filter(n => Number.isInteger(n) && n > 0 && n <= 200_000)
const WRITE = !args.includes('--no-write')
const ACTION_NODE = chooseActionNode()
/** The precheck turns terminal this long after it starts; its items finish along the way. */
const PRECHECK_MS = 2000
const POLL_SECONDS = '1'
/** A safety net far above any expected run; a run that hits it is reported, not hidden. */
const KILL_AFTER_MS = 180_000
const SECTION = '## Large prechecks: 1k / 10k / 100k items'

const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** A failed item's message: a few hundred characters, different per item like real messages. */
const failure = (i: number): string =>
  `Table shop_prod.t_${i}: column \`amount_${i % 97}\` differs (source decimal(12,2) NOT NULL ` +
  `DEFAULT 0, target decimal(10,2) NULL); index idx_t_${i}_created is missing in the target. ` +
  `Suggested fix: ALTER TABLE t_${i} MODIFY amount_${i % 97} decimal(12,2) NOT NULL DEFAULT 0; ` +
  `then run the comparison again.`

function largePrecheck(n: number): Scenario {
  const items = (): SimItem[] =>
    Array.from({ length: n }, (_, i) => {
      const failed = i % 3 === 0
      return {
        precheckItem: `objectCheck${i}`,
        itemName: `Object check #${i} for table t_${i}`,
        itemDescription: `Check that table t_${i} and its indexes compare cleanly between source and target.`,
        finalStatus: failed ? 'Failed' : 'Success',
        ...(failed ? { errorMessage: failure(i) } : {}),
        doneAfterMs: Math.round((PRECHECK_MS * (i + 1)) / n)
      }
    })
  return {
    name: `bench-items-${n}`,
    description: `${n} items, a third Failed, terminal after ${PRECHECK_MS} ms.`,
    durationMs: PRECHECK_MS,
    items
  }
}

/** Bytes of the final status answer, built as the simulator builds it (its requestId is 28 chars). */
function finalAnswerBytes(scenario: Scenario): number {
  const run = { taskId: 'cc-x', startedAt: 0, items: scenario.items('') }
  const data = precheckAnswer(scenario, run, 'pcte-000000000000', PRECHECK_MS + 1)
  return Buffer.byteLength(
    JSON.stringify({ success: true, requestId: `sim-${'0'.repeat(24)}`, data })
  )
}

/** Arrival of each request, and when its answer was handed over (the turn after it was recorded). */
function timings(sim: Simulator): Map<RecordedRequest, { at: number; answered?: number }> {
  const seen = new Map<RecordedRequest, { at: number; answered?: number }>()
  const push = sim.requests.push.bind(sim.requests)
  sim.requests.push = (...records: RecordedRequest[]): number => {
    for (const record of records) {
      const t: { at: number; answered?: number } = { at: performance.now() }
      seen.set(record, t)
      // A status answer is built and passed to res.end() synchronously after the record is pushed.
      setImmediate(() => (t.answered = performance.now()))
    }
    return push(...records)
  }
  return seen
}

interface Run {
  answerBytes: number
  wallMs: number
  /** The final status answer handed to the socket -> process exit. */
  finalToExitMs: number
  /** The final answer -> the log line with the verdict (reading, parsing, judging the answer). */
  finalToVerdictMs: number
  statusRequests: number
  maxRssKb: number
  summaryBytes: number
  logBytes: number
  reportBytes: number
  exitCode: number | null
  failedCount: string
  itemCount: string
}

async function measure(n: number, scenario: Scenario, answerBytes: number): Promise<Run> {
  const sim = await startSimulator({ scenario })
  const seen = timings(sim)
  // Peak RSS of the action's own process: a preload that writes it on exit (Linux: KiB).
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-bench-items-'))
  const rssFile = join(dir, 'maxrss')
  const preload = join(dir, 'maxrss.cjs')
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`
  )
  try {
    // The last progress line ("[4.8s] Precheck pcte-...: Failed, ...") is logged once the final
    // answer is read and judged; what follows it is reporting.
    let verdictLineAt = NaN
    const run = startAction(
      demoInputs(sim.url, { 'poll-interval-seconds': POLL_SECONDS, 'timeout-seconds': '120' }),
      {
        node: ACTION_NODE.path,
        env: { NODE_OPTIONS: `--require ${preload}` },
        killAfterMs: KILL_AFTER_MS,
        onLine: line => {
          if (/^\[[\d.]+s\] Precheck /.test(line)) verdictLineAt = performance.now()
        }
      }
    )
    const result = await run.done
    const status = sim.requests.filter(r => r.kind === 'status')
    const last = status.at(-1)
    const answered = last ? seen.get(last)?.answered : undefined
    const reportPath = result.outputs['report-file'] ?? ''
    const report = reportPath ? result.tempFiles[basename(reportPath)] : undefined
    let maxRssKb = NaN
    try {
      maxRssKb = Number(readFileSync(rssFile, 'utf8'))
    } catch {
      log(`bench:items: ${n} items: no peak RSS (the process ended without 'exit')`)
    }
    if (result.signal) log(`bench:items: ${n} items: killed by ${result.signal}`)
    return {
      answerBytes,
      wallMs: result.durationMs,
      finalToExitMs: answered === undefined ? NaN : result.exitedAt - answered,
      finalToVerdictMs: answered === undefined ? NaN : verdictLineAt - answered,
      statusRequests: status.length,
      maxRssKb,
      summaryBytes: Buffer.byteLength(result.summary),
      logBytes: Buffer.byteLength(result.stdout),
      reportBytes: report === undefined ? 0 : Buffer.byteLength(report),
      exitCode: result.exitCode,
      failedCount: result.outputs['failed-count'] ?? '',
      itemCount: result.outputs['item-count'] ?? ''
    }
  } finally {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const mb = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

const began = performance.now()
log(
  `bench:items: node ${ACTION_NODE.version} (${ACTION_NODE.path}, ${ACTION_NODE.source}), sizes ${SIZES.join(', ')}, ${RUNS} runs each`
)
const results: { n: number; runs: Run[] }[] = []
for (const n of SIZES) {
  const scenario = largePrecheck(n)
  const answerBytes = finalAnswerBytes(scenario)
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    const run = await measure(n, scenario, answerBytes)
    log(
      `bench:items: ${n} items, run ${i + 1}: ${sec(run.wallMs)} wall, ${sec(run.finalToExitMs)} final answer -> exit, ` +
        `${Math.round(run.maxRssKb / 1024)} MiB peak RSS, exit ${run.exitCode}, ${run.statusRequests} status requests`
    )
    runs.push(run)
  }
  results.push({ n, runs })
}
const totalS = (performance.now() - began) / 1000

const m = (runs: Run[], pick: (r: Run) => number): number => median(runs.map(pick))
// Exit codes and counts are listed, not medianed: any run that differs must show.
const distinct = (runs: Run[], pick: (r: Run) => string): string =>
  [...new Set(runs.map(pick))].join(', ')
/** The median, and the spread when there is one: a slow outlier must show. */
const withRange = (runs: Run[], pick: (r: Run) => number, show: (x: number) => string): string => {
  const xs = runs.map(pick)
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)]
  return runs.length > 1 && show(lo) !== show(hi)
    ? `${show(median(xs))} (${show(lo).replace(/ \S+$/, '')}-${show(hi)})`
    : show(median(xs))
}
const timeTable = markdownTable([
  [
    'Items',
    'Final answer',
    'Wall time',
    'Final answer -> exit',
    '(of which reporting)',
    'Peak RSS',
    'Status requests',
    'Exit code',
    'failed-count'
  ],
  ...results.map(({ n, runs }) => [
    n.toLocaleString('en-US'),
    mb(runs[0]!.answerBytes),
    withRange(runs, r => r.wallMs, sec),
    withRange(runs, r => r.finalToExitMs, sec),
    sec(m(runs, r => r.finalToExitMs - r.finalToVerdictMs)),
    withRange(
      runs,
      r => r.maxRssKb,
      kb => `${Math.round(kb / 1024)} MiB`
    ),
    String(m(runs, r => r.statusRequests)),
    distinct(runs, r => String(r.exitCode)),
    distinct(runs, r => r.failedCount)
  ])
])
const sizeTable = markdownTable([
  ['Items', 'Summary', 'Log (stdout)', 'report-file'],
  ...results.map(({ n, runs }) => [
    n.toLocaleString('en-US'),
    mb(m(runs, r => r.summaryBytes)),
    mb(m(runs, r => r.logBytes)),
    mb(m(runs, r => r.reportBytes))
  ])
])
const resultTable = `${timeTable}\n\n${sizeTable}`
process.stdout.write(`\n${resultTable}\n\n(bench:items took ${totalS.toFixed(0)} s)\n`)

if (WRITE) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown'
  const sizes = SIZES.join(',') === '1000,10000,100000' ? '' : ` --sizes ${SIZES.join(',')}`
  const command = `npm run bench:items${RUNS !== 3 || sizes ? ` --${RUNS !== 3 ? ` --runs ${RUNS}` : ''}${sizes}` : ''}`
  const section = `${SECTION}

The bundle against prechecks of many items, to see that its cost stays bounded as the status answer
grows to tens of MB: a third of the items Failed with a message of about 300 characters, the rest
Success; the precheck turns Failed ${PRECHECK_MS / 1000} s after it starts, its items finishing along
the way. Run as a runner runs it (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP),
\`poll-interval-seconds: ${POLL_SECONDS}\`, against the simulator on 127.0.0.1.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Command: \`${command}\` (took ${totalS.toFixed(0)} s)
- Machine: ${type()} ${release()}, ${availableParallelism()} CPUs (\`nproc\`), ${cpu}
- Node running the bundle: ${ACTION_NODE.version}

Median of ${RUNS} runs per size (min-max where they differ):

${resultTable}

- Final answer: the last status answer (the one with the verdict), in bytes of JSON.
- Wall time: spawn to exit, including the ${PRECHECK_MS / 1000} s the precheck runs and the simulator
  building each answer (it runs in the benchmark's process, as NineData's time would count).
- Final answer -> exit: from the simulator handing the final answer to the socket to the process
  exit. "Of which reporting" is the part after the action logged its verdict line (\`[4.8s]
  Precheck ...: Failed, ...\`): the item log group, annotations, outputs, summary and report-file;
  the rest is reading, parsing and judging the answer.
- Status requests: after a poll the action waits at least twice as long as that poll took
  (src/wait.ts), so a large precheck is polled less often. It also makes the wall time of the
  largest size vary from run to run: an early poll that took long delays the poll that sees the
  verdict by twice that.
- Peak RSS: the action's process (\`process.resourceUsage().maxRSS\`, written on exit by a preload).
- Exit code 1 is the expected verdict (failed items, \`fail-on-failure: true\`). The summary and
  the log group are capped (900 KiB, 2,000 items); report-file holds every item.
`
  const file = join(ROOT, 'docs', 'benchmark.md')
  // `npm run bench` keeps this section and the ones after it when it rewrites the rest.
  writeSection(file, SECTION, section)
  process.stdout.write(`Written to ${relative(process.cwd(), file)}\n`)
}
