import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, release, tmpdir, type } from 'node:os'
import { join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { ROOT, startAction } from './lib/action-runner.js'
import { writeSection } from './lib/benchmark-doc.js'
import { demoInputs, demoScenarioInputs } from './lib/demo-inputs.js'
import { markdownTable } from './lib/markdown-table.js'
import { startupBytes } from './lib/bundle-size.js'
import { bulkyObjects, manyObjects } from '../simulator/compare-objects.js'
import { dataItems, standardItems } from '../simulator/items.js'
import type { Scenario } from '../simulator/scenarios.js'
import { startSimulator } from '../simulator/server.js'
import type { DataTable, RunScript } from '../simulator/types.js'

// `npm run bench:compare [-- --runs N] [--only TEXT] [--no-write]`: what reading a large comparison
// run's results costs, the adaptive reader (dist/index.js) beside the fixed 4 calls at a time it
// replaced (the same source built with the window fixed, scripts/bench/fixed-window-action.ts). Runs
// over 1,000 and 10,000 objects answered in about 1 ms and with 50 ms added to every result call,
// a NineData that answers 429 whenever more than 6 result calls are in flight, a data run, and
// 10,000 differing objects of 20 KB of SQL each. For each: result calls, refused calls, wall time,
// peak in flight (as the simulator saw it), peak RSS. Writes the "Comparison run" section of
// docs/benchmark.md. Not part of the tests. BENCH_NODE_OPTIONS adds Node options to the bundle's
// process (e.g. `--max-semi-space-size=16`, to see what a smaller young generation costs).

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const RUNS = Math.min(9, Math.max(1, Number(flag('--runs')) || 1))
const ONLY = flag('--only')
const WRITE = !args.includes('--no-write') && ONLY === undefined
const ACTION_NODE = chooseActionNode()
const LATENCY_MS = 50
const POLL_SECONDS = '1'
const KILL_AFTER_MS = 900_000
const SECTION = '## Comparison run: reading results'
const EXTRA_NODE_OPTIONS = process.env['BENCH_NODE_OPTIONS'] ?? ''
const RESULT_KINDS = new Set(['results', 'correctionSql', 'tableSummary', 'diffDetails'])

const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** The run: `starting` for 0.2 s, finished 1 s after execute. */
const RUN_TIMES = { startingMs: 200, durationMs: 1000 }
/** Every 100th object or table differs. */
const differing = (count: number): number[] =>
  Array.from({ length: count / 100 }, (_, i) => i * 100 + 42)

function schema(name: string, run: RunScript): Scenario {
  return {
    name,
    description: name,
    items: () => standardItems(0.25),
    run: { ...RUN_TIMES, ...run }
  }
}

function tables(count: number): DataTable[] {
  const hit = new Set(differing(count))
  return Array.from({ length: count }, (_, i) => ({
    schemaName: 'shop',
    tableName: `t_${i}`,
    differenceRows: hit.has(i) ? 3 : 0,
    onlySourceRows: hit.has(i) ? 1 : 0,
    onlyTargetRows: 0
  }))
}

interface Case {
  name: string
  scenario: Scenario
}

function cases(): Case[] {
  const objects = (n: number) => () => manyObjects(n, differing(n))
  const slow = { resultLatencyMs: LATENCY_MS }
  const data: Scenario = {
    name: 'bench-compare-data',
    description: 'data',
    comparison: 'data',
    items: () => dataItems(0.25),
    run: { ...RUN_TIMES, tables: () => tables(1000) }
  }
  return [
    { name: 'Schema, 1,000 objects', scenario: schema('s1k', { objects: objects(1000) }) },
    {
      name: `Schema, 1,000 objects, +${LATENCY_MS} ms a call`,
      scenario: schema('s1k-slow', { objects: objects(1000), ...slow })
    },
    { name: 'Schema, 10,000 objects', scenario: schema('s10k', { objects: objects(10_000) }) },
    {
      name: `Schema, 10,000 objects, +${LATENCY_MS} ms a call`,
      scenario: schema('s10k-slow', { objects: objects(10_000), ...slow })
    },
    {
      name: `Schema, 1,000 objects, +${LATENCY_MS} ms, 429 above 6 in flight`,
      scenario: schema('s1k-throttled', { objects: objects(1000), ...slow, throttleAbove: 6 })
    },
    { name: 'Data, 1,000 tables', scenario: data },
    {
      name: 'Schema, 10,000 differing objects of 20 KB SQL',
      scenario: schema('s10k-bulky', { objects: () => bulkyObjects(10_000, 20_000) })
    }
  ]
}

interface Reader {
  name: string
  bundle: string | undefined
}

interface Run {
  wallMs: number
  readingMs: number
  calls: number
  refused: number
  peakInFlight: number
  maxRssKb: number
  sqlFileBytes: number
  reportFileBytes: number
  exitCode: number | null
  differenceCount: string
}

async function measure(scenario: Scenario, reader: Reader): Promise<Run> {
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
        'timeout-seconds': '900'
      }),
      {
        node: ACTION_NODE.path,
        bundle: reader.bundle,
        env: { NODE_OPTIONS: `--require ${preload} ${EXTRA_NODE_OPTIONS}` },
        killAfterMs: KILL_AFTER_MS
      }
    )
    const result = await run.done
    if (result.signal) log(`bench:compare: ${scenario.name}: killed by ${result.signal}`)
    const reading = sim.requests.filter(r => RESULT_KINDS.has(r.kind ?? ''))
    const size = (output: string): number => {
      const path = result.outputs[output]
      return path ? Buffer.byteLength(result.tempFiles[path.split('/').at(-1)!] ?? '') : 0
    }
    return {
      wallMs: result.durationMs,
      readingMs: reading.length ? reading.at(-1)!.atMs - reading[0]!.atMs : NaN,
      calls: reading.length,
      refused: reading.filter(r => r.answer === '429').length,
      peakInFlight: Math.max(0, ...reading.map(r => r.inFlight ?? 0)),
      maxRssKb: Number(readFileSync(rssFile, 'utf8')),
      sqlFileBytes: size('correction-sql-file'),
      reportFileBytes: size('report-file'),
      exitCode: result.exitCode,
      differenceCount: result.outputs['difference-count'] ?? ''
    }
  } finally {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Today's fixed 4, built from the same source to a temporary bundle. */
function buildFixedReader(dir: string): string {
  log('bench:compare: building the fixed-4 reader ...')
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build.js'), '--action', dir, 'scripts/bench/fixed-window-action.ts'],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  )
  return join(dir, 'index.js')
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const mib = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.round(bytes / 1024)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(bytes > 10 * 1024 * 1024 ? 0 : 1)} MiB`
const distinct = (xs: (string | number)[]): string => [...new Set(xs.map(String))].join(', ')

const began = performance.now()
const buildDir = mkdtempSync(join(tmpdir(), 'ninedata-bench-fixed-'))
const readers: Reader[] = [
  { name: 'fixed 4', bundle: buildFixedReader(buildDir) },
  { name: 'adaptive', bundle: undefined }
]
const bundleKb = Math.round(startupBytes(join(ROOT, 'dist', 'index.js')) / 1024)
log(`bench:compare: node ${ACTION_NODE.version} (${ACTION_NODE.source}), ${RUNS} run(s) each`)
const rows: string[][] = []
for (const c of cases().filter(c => ONLY === undefined || c.name.includes(ONLY))) {
  for (const reader of readers) {
    const runs: Run[] = []
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(c.scenario, reader)
      log(
        `bench:compare: ${c.name}, ${reader.name}, run ${i + 1}: ${sec(run.wallMs)} wall, reading ${sec(run.readingMs)}, ` +
          `${run.calls} calls, ${run.refused} refused, peak ${run.peakInFlight} in flight, ${Math.round(run.maxRssKb / 1024)} MiB, exit ${run.exitCode}`
      )
      runs.push(run)
    }
    const m = (pick: (r: Run) => number): number => median(runs.map(pick))
    rows.push([
      c.name,
      reader.name,
      distinct(runs.map(r => r.calls)),
      distinct(runs.map(r => r.refused)),
      sec(m(r => r.wallMs)),
      sec(m(r => r.readingMs)),
      distinct(runs.map(r => r.peakInFlight)),
      `${Math.round(m(r => r.maxRssKb) / 1024)} MiB`,
      distinct(runs.map(r => String(r.exitCode))),
      distinct(runs.map(r => r.differenceCount)),
      m(r => r.sqlFileBytes) ? mib(m(r => r.sqlFileBytes)) : '-',
      mib(m(r => r.reportFileBytes))
    ])
  }
}
rmSync(buildDir, { recursive: true, force: true })
const totalS = (performance.now() - began) / 1000
const table = markdownTable([
  [
    'Run',
    'Reader',
    'Result calls',
    'Refused (429)',
    'Wall time',
    'Reading results',
    'Peak in flight',
    'Peak RSS',
    'Exit',
    'difference-count',
    'SQL file',
    'report-file'
  ],
  ...rows
])
process.stdout.write(`\n${table}\n\n(bench:compare took ${totalS.toFixed(0)} s)\n`)

if (WRITE) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown'
  const command = `npm run bench:compare${RUNS !== 1 ? ` -- --runs ${RUNS}` : ''}`
  const section = `${SECTION}

What reading a large comparison run's results costs, with the adaptive reader the action ships
(\`dist/index.js\`) beside the fixed 4 calls at a time it replaced (the same source built with the
window fixed at 4, \`scripts/bench/fixed-window-action.ts\`; not an input). The bundle runs as a
runner runs it with \`run-comparison: true\` and \`poll-interval-seconds: ${POLL_SECONDS}\` against the simulator on
127.0.0.1: the precheck passes in about 0.3 s, the run is \`starting\` for 0.2 s and finishes 1 s
after execute; every 100th object or table differs. "+${LATENCY_MS} ms" adds ${LATENCY_MS} ms to every result call's
answer, as a NineData across a network would; "429 above 6 in flight" answers HTTP 429 (no
Retry-After) to any result call that arrives while 6 are already being answered.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Command: \`${command}\` (took ${totalS.toFixed(0)} s)
- Machine: ${type()} ${release()}, ${availableParallelism()} CPUs (\`nproc\`), ${cpu}
- Node running the bundle: ${ACTION_NODE.version}; bundle: dist/index.js, ${bundleKb} KB read at start; Node options: ${EXTRA_NODE_OPTIONS || 'none'}

${RUNS > 1 ? `Median of ${RUNS} runs; counts listed when runs differ.` : 'One run of each.'}

${table}

- Result calls: \`describeSchemaCompareTask\` pages (100 objects each), one \`result/correctionSql\`
  per object; data: \`result/tableSummary\` pages and one \`result/diffDetails\` per table. A refused
  call is tried again by the client, so calls = pages + objects + refused.
- Wall time: spawn to exit, including the precheck and the run's 1 s. Reading results: from the
  first results page asked to the last result call. Peak in flight: the most result calls the
  simulator was answering at once (each arrival counts itself).
- Peak RSS: the action's process (\`process.resourceUsage().maxRSS\`, written on exit by a preload).
- SQL file and report-file: the sizes of the files the outputs name ("-": no correction-sql-file
  output, as for a data run).
- Exit code 1 is the expected verdict (differences, \`fail-on-difference: true\`).
`
  const file = join(ROOT, 'docs', 'benchmark.md')
  writeSection(file, SECTION, section)
  process.stdout.write(`Written to ${relative(process.cwd(), file)}\n`)
}
