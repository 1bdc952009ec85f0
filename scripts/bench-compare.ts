import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, release, tmpdir, type } from 'node:os'
import { join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { ROOT, startAction } from './lib/action-runner.js'
import { writeSection } from './lib/benchmark-doc.js'
import { demoInputs, demoScenarioInputs } from './lib/demo-inputs.js'
import { markdownTable } from './lib/markdown-table.js'
import { manyObjects } from '../simulator/compare-objects.js'
import { dataItems, standardItems } from '../simulator/items.js'
import type { Scenario } from '../simulator/scenarios.js'
import { startSimulator } from '../simulator/server.js'
import type { DataTable, RequestKind } from '../simulator/types.js'

// `npm run bench:compare [-- --runs N] [--latency MS] [--no-write]`: the bundle, run as a runner runs
// it with run-comparison on, against comparison runs over 1,000 objects (schema: 10 differ) and
// 1,000 tables (data: 10 differ), to see what reading a large run's results costs: the calls by
// kind, the wall time and the time spent reading results. The schema run is measured twice: against
// the simulator as it is (about 1 ms a call) and with --latency (default 50 ms) added to every
// answer, as a NineData across a network would. Median of N runs (default 3). Writes the
// "Comparison run" section of docs/benchmark.md. Not part of the tests.

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const RUNS = Math.min(15, Math.max(1, Number(flag('--runs')) || 3))
const LATENCY_MS = Math.min(1000, Math.max(1, Number(flag('--latency')) || 50))
const WRITE = !args.includes('--no-write')
const ACTION_NODE = chooseActionNode()
const COUNT = 1000
/** Every 100th object or table differs. */
const DIFFERING = Array.from({ length: COUNT / 100 }, (_, i) => i * 100 + 42)
const POLL_SECONDS = '1'
const KILL_AFTER_MS = 300_000
const SECTION = '## Comparison run: 1,000 objects'
const KINDS: RequestKind[] = [
  'start',
  'status',
  'execute',
  'execStatus',
  'results',
  'correctionSql',
  'tableSummary',
  'diffDetails'
]

const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** The run: `starting` for 0.2 s, finished 1 s after execute. */
const RUN_TIMES = { startingMs: 200, durationMs: 1000 }

function tables(): DataTable[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    schemaName: 'shop',
    tableName: `t_${i}`,
    differenceRows: DIFFERING.includes(i) ? 3 : 0,
    onlySourceRows: DIFFERING.includes(i) ? 1 : 0,
    onlyTargetRows: 0
  }))
}

interface Case {
  name: string
  scenario: Scenario
}

function cases(): Case[] {
  const latency = {
    on: 'any' as const,
    from: 1,
    times: 1e9,
    kind: { type: 'delay' as const, ms: LATENCY_MS }
  }
  const schema: Scenario = {
    name: 'bench-compare-schema',
    description: `Schema run over ${COUNT} objects, ${DIFFERING.length} differ.`,
    items: () => standardItems(0.25),
    run: { ...RUN_TIMES, objects: () => manyObjects(COUNT, DIFFERING) }
  }
  const data: Scenario = {
    name: 'bench-compare-data',
    description: `Data run over ${COUNT} tables, ${DIFFERING.length} differ.`,
    comparison: 'data',
    items: () => dataItems(0.25),
    run: { ...RUN_TIMES, tables }
  }
  return [
    { name: `Schema, ${COUNT.toLocaleString('en-US')} objects`, scenario: schema },
    {
      name: `Schema, ${COUNT.toLocaleString('en-US')} objects, +${LATENCY_MS} ms a call`,
      scenario: { ...schema, faults: [latency] }
    },
    { name: `Data, ${COUNT.toLocaleString('en-US')} tables`, scenario: data }
  ]
}

interface Run {
  wallMs: number
  /** First results page asked -> last per-object call answered. */
  resultsMs: number
  calls: Record<string, number>
  maxRssKb: number
  summaryBytes: number
  exitCode: number | null
  differenceCount: string
}

async function measure(scenario: Scenario): Promise<Run> {
  const sim = await startSimulator({ scenario })
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-bench-compare-'))
  const rssFile = join(dir, 'maxrss')
  const preload = join(dir, 'maxrss.cjs')
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)))\n`
  )
  try {
    const run = startAction(
      demoInputs(sim.url, {
        ...demoScenarioInputs(scenario),
        'poll-interval-seconds': POLL_SECONDS,
        'timeout-seconds': '600'
      }),
      {
        node: ACTION_NODE.path,
        env: { NODE_OPTIONS: `--require ${preload}` },
        killAfterMs: KILL_AFTER_MS
      }
    )
    const result = await run.done
    if (result.signal) log(`bench:compare: ${scenario.name}: killed by ${result.signal}`)
    const reading = sim.requests.filter(r =>
      ['results', 'correctionSql', 'tableSummary', 'diffDetails'].includes(r.kind ?? '')
    )
    const calls = Object.fromEntries(KINDS.map(kind => [kind, sim.count(kind)]))
    return {
      wallMs: result.durationMs,
      resultsMs: reading.length ? reading.at(-1)!.atMs - reading[0]!.atMs : NaN,
      calls,
      maxRssKb: Number(readFileSync(rssFile, 'utf8')),
      summaryBytes: Buffer.byteLength(result.summary),
      exitCode: result.exitCode,
      differenceCount: result.outputs['difference-count'] ?? ''
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
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
/** The median, and the spread when there is one. */
const withRange = (xs: number[], show: (x: number) => string): string => {
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)]
  return xs.length > 1 && show(lo) !== show(hi)
    ? `${show(median(xs))} (${show(lo).replace(/ \S+$/, '')}-${show(hi)})`
    : show(median(xs))
}
/** Counts are listed, not medianed: a run that differs must show. */
const distinct = (xs: (string | number)[]): string => [...new Set(xs.map(String))].join(', ')

const began = performance.now()
log(`bench:compare: node ${ACTION_NODE.version} (${ACTION_NODE.source}), ${RUNS} runs each`)
const results: { name: string; runs: Run[] }[] = []
for (const c of cases()) {
  const runs: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    const run = await measure(c.scenario)
    log(
      `bench:compare: ${c.name}, run ${i + 1}: ${sec(run.wallMs)} wall, results ${sec(run.resultsMs)}, ` +
        `${Object.entries(run.calls)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}, exit ${run.exitCode}`
    )
    runs.push(run)
  }
  results.push({ name: c.name, runs })
}
const totalS = (performance.now() - began) / 1000

const usedKinds = KINDS.filter(kind => results.some(r => r.runs.some(run => run.calls[kind]! > 0)))
const callTable = markdownTable([
  ['Run', ...usedKinds, 'Total'],
  ...results.map(({ name, runs }) => [
    name,
    ...usedKinds.map(kind => distinct(runs.map(r => r.calls[kind]!))),
    distinct(runs.map(r => Object.values(r.calls).reduce((a, b) => a + b, 0)))
  ])
])
const timeTable = markdownTable([
  ['Run', 'Wall time', 'Reading results', 'Peak RSS', 'Summary', 'Exit code', 'difference-count'],
  ...results.map(({ name, runs }) => [
    name,
    withRange(
      runs.map(r => r.wallMs),
      sec
    ),
    withRange(
      runs.map(r => r.resultsMs),
      sec
    ),
    withRange(
      runs.map(r => r.maxRssKb),
      kb => `${Math.round(kb / 1024)} MiB`
    ),
    `${Math.round(median(runs.map(r => r.summaryBytes)) / 1024)} KiB`,
    distinct(runs.map(r => String(r.exitCode))),
    distinct(runs.map(r => r.differenceCount))
  ])
])
process.stdout.write(
  `\n${callTable}\n\n${timeTable}\n\n(bench:compare took ${totalS.toFixed(0)} s)\n`
)

if (WRITE) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown'
  const options = [
    RUNS !== 3 ? `--runs ${RUNS}` : '',
    LATENCY_MS !== 50 ? `--latency ${LATENCY_MS}` : ''
  ]
    .filter(Boolean)
    .join(' ')
  const command = `npm run bench:compare${options ? ` -- ${options}` : ''}`
  const section = `${SECTION}

What reading a large comparison run's results costs: the bundle with \`run-comparison: true\`
against runs over ${COUNT.toLocaleString('en-US')} objects (schema) and ${COUNT.toLocaleString('en-US')} tables (data), ${DIFFERING.length} of them differing. Each run
is \`starting\` for 0.2 s and finishes 1 s after the execute call; the precheck before it passes in
about 0.3 s. Run as a runner runs it, \`poll-interval-seconds: ${POLL_SECONDS}\`, against the simulator
on 127.0.0.1 (about 1 ms a call); the second row adds ${LATENCY_MS} ms to every answer, as a
NineData across a network would.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Command: \`${command}\` (took ${totalS.toFixed(0)} s)
- Machine: ${type()} ${release()}, ${availableParallelism()} CPUs (\`nproc\`), ${cpu}
- Node running the bundle: ${ACTION_NODE.version}

Calls by kind (the same in every run):

${callTable}

Median of ${RUNS} runs (min-max where they differ):

${timeTable}

- Schema: one \`describeSchemaCompareTask\` call per page of 100, then one \`result/correctionSql\`
  call per object, 4 at a time; the docs name no field that says an object is consistent.
  Data: one \`result/tableSummary\` call per page of 100, then, as the run reports differing rows,
  one \`result/diffDetails\` call per table (4 at a time) to name the tables that differ.
- Wall time: spawn to exit, including the precheck and the run's 1 s. Reading results: from the
  first results page asked to the last per-object or per-table call. With latency L per call,
  reading costs about (pages + objects / 4) x L: 1,000 objects at 50 ms, about 13 s.
- Exit code 1 is the expected verdict (differences, \`fail-on-difference: true\`).
`
  const file = join(ROOT, 'docs', 'benchmark.md')
  writeSection(file, SECTION, section)
  process.stdout.write(`Written to ${relative(process.cwd(), file)}\n`)
}
