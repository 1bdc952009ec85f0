import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, release, tmpdir, type } from 'node:os'
import { join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { ROOT, startAction } from './lib/action-runner.js'
import { demoInputs } from './lib/demo-inputs.js'
import { markdownTable } from './lib/markdown-table.js'
import { writeSection } from './lib/benchmark-doc.js'
import { startSimulator } from '../simulator/server.js'
import type { Scenario } from '../simulator/scenarios.js'
import type { PrecheckItem } from '../src/ninedata/api-types.js'
import { publishReport } from '../src/report/publish-report.js'
import type { Report } from '../src/report/report-model.js'
import { SafeLog } from '../src/safe-log.js'
import { githubSurface } from '../src/surface/github-surface.js'
import { SafeText } from '../src/text/safe-text.js'
import { decidePrecheck } from '../src/verdict/precheck-verdict.js'

// `npm run bench:large [-- --runs N] [--mb 40] [--no-write]`: one failed item whose message is 40 MB of
// '&' (every character a place where an encoded secret could start) and of 'x', through the report:
// redaction, the item log group, annotations, summary, outputs and report file. Two measures, each
// the median of N runs (default 3):
// - reporting CPU: publishReport() in this process, user + system CPU (process.cpuUsage()), with
//   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP in a temporary folder and stdout counted,
//   not printed;
// - the bundle: the whole action's CPU (its own process, written on exit by a preload) and wall
//   time, run as a runner runs it against the simulator.
// CPU, not wall time: the figure does not depend on what else the machine runs. Writes the
// "One huge item message" section of docs/benchmark.md. Not part of the tests.

const args = process.argv.slice(2)
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const RUNS = Math.min(15, Math.max(1, Number(flag('--runs')) || 3))
const MB = Math.min(60, Math.max(1, Number(flag('--mb')) || 40))
const WRITE = !args.includes('--no-write')
const ACTION_NODE = chooseActionNode()
const SECTION = '## One huge item message: 40 MB'
const SECRET = 'demo-secret'

const log = (line: string): void => void process.stderr.write(`${line}\n`)
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

function failedItem(message: string): PrecheckItem {
  const raw = { precheckItem: 'x', itemName: 'X', status: 'Failed', errorMessage: message }
  return { ...raw, itemDescription: '', raw }
}

function reportWith(message: string): Report {
  const items = [failedItem(message)]
  const state = { taskId: 'cc-1', precheckTaskId: 'pcte-1', status: 'Failed', precheckItems: items }
  const verdict = decidePrecheck({
    ending: { how: 'finished' },
    last: state,
    failedEarlier: [],
    vanished: [],
    tooManyItems: false,
    timeoutMs: 5000,
    endedAt: 1_000_000
  })
  return {
    verdict,
    comparison: 'schema',
    taskId: 'cc-1',
    precheckTaskId: 'pcte-1',
    state,
    vanished: [],
    requestId: 'req-1',
    durationMs: 1000,
    failOnFailure: true,
    failOnDifference: true
  }
}

/** CPU ms of publishing one report, in this process; stdout is counted, not written. */
async function reportingCpu(message: string): Promise<{ cpu: number; wall: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-bench-large-'))
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary'), '')
  Object.assign(process.env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    RUNNER_TEMP: dir
  })
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = (() => true) as typeof process.stdout.write
  const report = reportWith(message)
  const safe = new SafeText([SECRET])
  const surface = githubSurface()
  const started = process.cpuUsage()
  const wallStarted = performance.now()
  try {
    await publishReport(report, new SafeLog(safe, surface), surface, true)
    return { cpu: cpuMs(started), wall: performance.now() - wallStarted }
  } finally {
    process.stdout.write = write
    process.exitCode = 0
    rmSync(dir, { recursive: true, force: true })
  }
}

function hugeMessageScenario(message: string): Scenario {
  return {
    name: 'bench-large',
    description: 'One failed item with a huge message.',
    durationMs: 300,
    items: () => [
      {
        precheckItem: 'x',
        itemName: 'X',
        itemDescription: '',
        finalStatus: 'Failed',
        errorMessage: message,
        doneAfterMs: 100
      }
    ]
  }
}

/** The bundle's own CPU (from a preload, on exit) and its wall time. */
async function bundleRun(
  message: string
): Promise<{ cpu: number; wall: number; exit: number | null }> {
  const sim = await startSimulator({ scenario: hugeMessageScenario(message) })
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-bench-large-'))
  const cpuFile = join(dir, 'cpu')
  const preload = join(dir, 'cpu.cjs')
  writeFileSync(
    preload,
    `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeFileSync(${JSON.stringify(cpuFile)}, String((u.user + u.system) / 1000)) })\n`
  )
  try {
    const run = startAction(demoInputs(sim.url, { 'timeout-seconds': '120' }), {
      node: ACTION_NODE.path,
      env: { NODE_OPTIONS: `--require ${preload}` },
      killAfterMs: 300_000
    })
    const result = await run.done
    return {
      cpu: Number(readFileSync(cpuFile, 'utf8')),
      wall: result.durationMs,
      exit: result.exitCode
    }
  } finally {
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
const spread = (xs: number[]): string =>
  xs.length > 1
    ? `${sec(median(xs))} (${sec(Math.min(...xs))}-${sec(Math.max(...xs))})`
    : sec(xs[0]!)

const began = performance.now()
const load = loadavg().map(x => x.toFixed(2))
log(
  `bench:large: ${MB} MB, ${RUNS} runs, node ${ACTION_NODE.version} for the bundle, load ${load.join(' ')}`
)
const rows: string[][] = []
for (const char of ['&', 'x']) {
  const message = char.repeat(MB * 1_000_000)
  const inProcess: { cpu: number; wall: number }[] = []
  const bundle: { cpu: number; wall: number; exit: number | null }[] = []
  for (let i = 0; i < RUNS; i++) {
    inProcess.push(await reportingCpu(message))
    bundle.push(await bundleRun(message))
    log(
      `bench:large: '${char}' run ${i + 1}: reporting ${sec(inProcess.at(-1)!.cpu)} CPU; ` +
        `bundle ${sec(bundle.at(-1)!.cpu)} CPU, ${sec(bundle.at(-1)!.wall)} wall, exit ${bundle.at(-1)!.exit}`
    )
  }
  rows.push([
    `${MB} MB of \`${char}\``,
    spread(inProcess.map(r => r.cpu)),
    spread(bundle.map(r => r.cpu)),
    spread(bundle.map(r => r.wall)),
    [...new Set(bundle.map(r => String(r.exit)))].join(', ')
  ])
}
const totalS = (performance.now() - began) / 1000
const table = markdownTable([
  ['Item message', 'Reporting CPU', 'Whole action CPU', 'Whole action wall', 'Exit code'],
  ...rows
])
process.stdout.write(
  `\n${table}\n\n(bench:large took ${totalS.toFixed(0)} s, load ${load.join(' ')})\n`
)

if (WRITE) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown'
  const command = `npm run bench:large${RUNS !== 3 || MB !== 40 ? ` --${RUNS !== 3 ? ` --runs ${RUNS}` : ''}${MB !== 40 ? ` --mb ${MB}` : ''}` : ''}`
  const section = `${SECTION}

One failed item whose message is ${MB} MB of \`&\` (each one a place where an encoded secret could
start) or of \`x\`, under the 64 MiB answer cap, with one secret to find. It goes through every
surface of the report: redaction, the item log group, annotations, the job summary, the outputs
and the report file.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Command: \`${command}\` (took ${totalS.toFixed(0)} s; load average at the start ${load.join(', ')})
- Machine: ${type()} ${release()}, ${availableParallelism()} CPUs (\`nproc\`), ${cpu}
- Node: ${process.version} in process, ${ACTION_NODE.version} for the bundle

Median of ${RUNS} runs (min-max):

${table}

- Reporting CPU: \`publishReport()\` in the benchmark's process, user + system CPU time
  (\`process.cpuUsage()\`): other programs change it less than wall time, though a busy machine
  still inflates it (shared caches and cores). The aim is at most 1.5 s on a machine alone.
- Whole action: the bundle run as a runner runs it against the simulator (\`timeout-seconds: 120\`):
  its own CPU time, written on exit by a preload, and spawn-to-exit wall time, which includes the
  simulator building and sending the 40 MB answer and the polls before the precheck ends.
`
  const file = join(ROOT, 'docs', 'benchmark.md')
  writeSection(file, SECTION, section)
  process.stdout.write(`Written to ${relative(process.cwd(), file)}\n`)
}
