import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, availableParallelism, release, tmpdir, type } from 'node:os'
import { join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { BUNDLE, ROOT, runnerEnv, startAction } from './lib/action-runner.js'
import { SCENARIOS, type Scenario } from '../simulator/scenarios.js'
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  startSimulator,
  type RecordedRequest,
  type Simulator
} from '../simulator/server.js'
import { pollDelayMs } from '../src/phases/poll-loop.js'
import { DEMO_TASK_ID, demoInputs } from './lib/demo-inputs.js'
import { wrap } from './lib/terminal.js'
import { markdownTable } from './lib/markdown-table.js'
import { startupBytes } from './lib/bundle-size.js'

// `npm run bench [-- --runs N] [--no-write]`: the action's speed and request count against the
// simulator, next to a bare `node -e` request and a hand-written curl/sleep loop
// (scripts/bench/shell-poll.sh). Prints a table and writes docs/benchmark.md. Not part of the tests.
//
//   (a) process start -> first request at the simulator: the bundle vs. `node -e` making one request
//   (b) the precheck's verdict (the moment the simulator's precheck turns terminal) -> step exit,
//       for a 1 s and a 20 s precheck, poll-interval-seconds 5
//   (c) requests per minute of waiting during the 20 s precheck
//   (d) (b) and (c) for the shell loop (curl + sha256sum + `sleep 5`)
//
// Times come from one clock (performance.now() in this process): spawn, each request's arrival at
// the simulator (seen when the simulator records it) and the child's exit.

const args = process.argv.slice(2)
const runsArg = args.indexOf('--runs')
const RUNS = runsArg >= 0 ? Math.max(3, Number(args[runsArg + 1]) || 15) : 15
const SHORT_RUNS = 3
const WRITE = !args.includes('--no-write')
const ACTION_NODE = chooseActionNode()
const NODE = ACTION_NODE.path
const SHELL = join(ROOT, 'scripts', 'bench', 'shell-poll.sh')
const POLL_SECONDS = 5
const SHORT_MS = 1000
const LONG_MS = 20_000

const log = (line: string): void => void process.stderr.write(`${line}\n`)

/** A precheck that turns Success `ms` after it starts, its five items finishing along the way. */
function precheckTaking(ms: number): Scenario {
  const base = SCENARIOS['pass']!
  return {
    name: `bench-${ms}ms`,
    description: `Success after ${ms} ms.`,
    durationMs: ms,
    items: secret =>
      base.items(secret).map((item, i, all) => ({
        ...item,
        doneAfterMs: Math.round((ms * (i + 1)) / all.length)
      }))
  }
}

/** Records when each request reaches the simulator, on this process's clock. */
function arrivals(sim: Simulator): Map<RecordedRequest, number> {
  const seen = new Map<RecordedRequest, number>()
  const push = sim.requests.push.bind(sim.requests)
  sim.requests.push = (...records: RecordedRequest[]): number => {
    for (const record of records) seen.set(record, performance.now())
    return push(...records)
  }
  return seen
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const ms = (x: number): string => `${Math.round(x)} ms`
const sec = (x: number): string => `${(x / 1000).toFixed(2)} s`

function withTempFiles<T>(fn: (files: { output: string; summary: string; temp: string }) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-bench-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), temp: dir }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  try {
    return fn(files)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Spawns a command; resolves with its start and exit moments and exit code. */
function timed(
  command: string,
  argv: string[],
  env: Record<string, string>
): Promise<{ startedAt: number; exitedAt: number; code: number | null; output: string }> {
  const startedAt = performance.now()
  const child = spawn(command, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return new Promise((resolve, reject) => {
    let exitedAt = 0
    child.on('error', reject)
    child.on('exit', () => (exitedAt = performance.now()))
    child.on('close', code => resolve({ startedAt, exitedAt, code, output }))
  })
}

// ---------------------------------------------------------------- (a) time to the first request

async function firstRequest(): Promise<{ bare: number[]; bundle: number[] }> {
  const sim = await startSimulator({ scenario: precheckTaking(0) })
  const seen = arrivals(sim)
  const firstAfter = (index: number): number => {
    const record = sim.requests[index]
    if (!record) throw new Error('no request reached the simulator')
    return seen.get(record)!
  }
  const bare: number[] = []
  const bundle: number[] = []
  const inputs = demoInputs(sim.url, { 'poll-interval-seconds': '0.5', 'timeout-seconds': '30' })
  const bareCode = `require('node:http').get(process.argv[1], r => r.resume())`
  try {
    // One warm-up run of each (file cache), then alternate so drift hits both alike.
    for (let i = -1; i < RUNS; i++) {
      let index = sim.requests.length
      const b = await withTempFiles(files =>
        timed(NODE, ['-e', bareCode, `${sim.url}/openapi/now`], runnerEnv(inputs, files))
      )
      if (i >= 0) bare.push(firstAfter(index) - b.startedAt)
      index = sim.requests.length
      const run = startAction(inputs, { node: NODE })
      const result = await run.done
      if (result.exitCode !== 0) throw new Error(`the action failed:\n${result.stdout}`)
      if (i >= 0) bundle.push(firstAfter(index) - run.startedAt)
    }
  } finally {
    await sim.close()
  }
  return { bare, bundle }
}

// ------------------------------------------------------------ (b)-(d) waiting for a verdict

interface Wait {
  /** Verdict -> the first status request that could see it. */
  detectMs: number
  /** Verdict -> process exit. */
  exitMs: number
  /** Every request of the run (start + status). */
  requests: number
  /** Requests that arrived while the precheck was still running. */
  requestsWhileRunning: number
  /** Mean time between two status requests. */
  periodMs: number
  code: number | null
}

async function waitFor(tool: 'action' | 'shell', precheckMs: number): Promise<Wait> {
  const sim = await startSimulator({ scenario: precheckTaking(precheckMs) })
  const seen = arrivals(sim)
  try {
    let exitedAt: number
    let code: number | null
    if (tool === 'action') {
      const run = startAction(
        demoInputs(sim.url, {
          'poll-interval-seconds': String(POLL_SECONDS),
          'timeout-seconds': '120'
        }),
        { node: NODE }
      )
      const result = await run.done
      exitedAt = result.exitedAt
      code = result.exitCode
    } else {
      const env: Record<string, string> = {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        NINEDATA_API_URL: sim.url,
        NINEDATA_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
        NINEDATA_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET,
        TASK_ID: DEMO_TASK_ID,
        POLL_SECONDS: String(POLL_SECONDS),
        TIMEOUT_SECONDS: '120'
      }
      const result = await timed('bash', [SHELL], env)
      exitedAt = result.exitedAt
      code = result.code
      if (code !== 0) throw new Error(`shell-poll.sh failed (${code}):\n${result.output}`)
    }
    if (code !== 0) throw new Error(`the ${tool} run exited with ${code}`)
    const start = sim.requests.find(r => r.path.endsWith('/precheck/start'))
    if (!start) throw new Error('no start request')
    const verdictAt = seen.get(start)! + precheckMs
    const statusTimes = sim.requests
      .filter(r => r.path.endsWith('/precheck/status'))
      .map(r => seen.get(r)!)
    const detectedAt = statusTimes.find(t => t >= verdictAt)
    if (detectedAt === undefined) throw new Error('no status request after the verdict')
    return {
      detectMs: detectedAt - verdictAt,
      exitMs: exitedAt - verdictAt,
      requests: sim.requests.length,
      requestsWhileRunning: sim.requests.filter(r => seen.get(r)! < verdictAt).length,
      periodMs: (statusTimes.at(-1)! - statusTimes[0]!) / Math.max(1, statusTimes.length - 1),
      code
    }
  } finally {
    await sim.close()
  }
}

/**
 * Requests until a precheck of `totalMs` is seen finished: the start call, the polls before the
 * verdict, the poll that sees it. Polls go out at `times` (ms after the first poll).
 */
function requestsFor(totalMs: number, times: (k: number) => number): number {
  let k = 0
  while (times(k) < totalMs) k++
  return 1 + k + 1
}

/** The action's poll times from its schedule (src/wait.ts): t(k) = sum of pollDelayMs(1..k). */
function actionPollTime(intervalMs: number): (k: number) => number {
  const cache = [0]
  return k => {
    for (let i = cache.length; i <= k; i++) cache[i] = cache[i - 1]! + pollDelayMs(i, intervalMs)
    return cache[k]!
  }
}

// ---------------------------------------------------------------------------------- report

function nodeVersion(): string {
  return ACTION_NODE.version
}

const yes = (ok: boolean): string => (ok ? 'met' : 'missed')

/** A Markdown list, wrapped at 100 columns. */
const bullets = (items: string[]): string =>
  items
    .map(item =>
      wrap(item, 98)
        .map((line, i) => `${i === 0 ? '-' : ' '} ${line}`)
        .join('\n')
    )
    .join('\n')

const began = performance.now()
log(
  `bench: node ${nodeVersion()} (${NODE}, ${ACTION_NODE.source}), ${RUNS} runs for (a), poll interval ${POLL_SECONDS} s`
)
log('bench: (a) time to the first request ...')
const first = await firstRequest()
log(
  `bench: (b)-(d) ${SHORT_MS / 1000} s precheck, action and shell loop, ${SHORT_RUNS} runs each ...`
)
const shortAction: Wait[] = []
const shortShell: Wait[] = []
for (let i = 0; i < SHORT_RUNS; i++) {
  shortAction.push(await waitFor('action', SHORT_MS))
  shortShell.push(await waitFor('shell', SHORT_MS))
}
log(`bench: (b)-(d) ${LONG_MS / 1000} s precheck, action and shell loop ...`)
const longAction = await waitFor('action', LONG_MS)
const longShell = await waitFor('shell', LONG_MS)
const totalS = (performance.now() - began) / 1000

const bareMedian = median(first.bare)
const bundleMedian = median(first.bundle)
const ratio = bundleMedian / bareMedian
const shortActionExit = median(shortAction.map(w => w.exitMs))
const shortShellExit = median(shortShell.map(w => w.exitMs))
const shortActionDetect = median(shortAction.map(w => w.detectMs))
const shortShellDetect = median(shortShell.map(w => w.detectMs))
const perMinute = (w: Wait): string => ((w.requestsWhileRunning / LONG_MS) * 60_000).toFixed(0)
const limitMs = POLL_SECONDS * 1000 + 100
// The shell loop's period is its sleep plus the cost of a poll (date, sha256sum, curl), as measured.
const tenMinutes = 600_000
const actionTen = requestsFor(tenMinutes, actionPollTime(POLL_SECONDS * 1000))
const shellTen = requestsFor(tenMinutes, k => k * longShell.periodMs)

const timeTable = markdownTable([
  ['Measure', 'Action', 'Shell loop', 'node -e'],
  [
    `(a) start -> first request, median of ${RUNS} (min-max)`,
    `${ms(bundleMedian)} (${Math.round(Math.min(...first.bundle))}-${Math.round(Math.max(...first.bundle))})`,
    '-',
    `${ms(bareMedian)} (${Math.round(Math.min(...first.bare))}-${Math.round(Math.max(...first.bare))})`
  ],
  [
    `(b) 1 s precheck: verdict -> seen, median of ${SHORT_RUNS}`,
    sec(shortActionDetect),
    sec(shortShellDetect),
    '-'
  ],
  [
    `(b) 1 s precheck: verdict -> exit, median of ${SHORT_RUNS}`,
    sec(shortActionExit),
    sec(shortShellExit),
    '-'
  ],
  ['(b) 20 s precheck: verdict -> seen', sec(longAction.detectMs), sec(longShell.detectMs), '-'],
  ['(b) 20 s precheck: verdict -> exit', sec(longAction.exitMs), sec(longShell.exitMs), '-'],
  [
    '(c) 20 s precheck: requests (start + status)',
    String(longAction.requests),
    String(longShell.requests),
    '-'
  ],
  [
    '(c) 20 s precheck: requests per minute waiting',
    perMinute(longAction),
    perMinute(longShell),
    '-'
  ],
  ['(c) 10 min precheck: requests (from schedules)', String(actionTen), `${shellTen}`, '-']
])

const aims = [
  {
    aim: 'First request within 1.5x bare node',
    measured: `${ms(bundleMedian)} vs ${ms(bareMedian)}: ${ratio.toFixed(1)}x`,
    ok: ratio <= 1.5
  },
  {
    aim: `Exit within one poll interval + 100 ms of the verdict`,
    measured: `1 s: ${sec(Math.max(...shortAction.map(w => w.exitMs)))}, 20 s: ${sec(longAction.exitMs)} (limit ${sec(limitMs)})`,
    ok: Math.max(...shortAction.map(w => w.exitMs), longAction.exitMs) <= limitMs
  },
  {
    aim: 'Fewer requests than the shell loop for a long wait',
    measured: `20 s: ${longAction.requests} vs ${longShell.requests}; 10 min: ${actionTen} vs ${shellTen}`,
    ok: longAction.requests < longShell.requests
  },
  {
    aim: 'Faster detection than the shell loop, short precheck',
    measured: `1 s: exit ${sec(shortActionExit)} vs ${sec(shortShellExit)} after verdict`,
    ok: shortActionExit < shortShellExit
  }
]
const aimTable = markdownTable([
  ['Aim', 'Measured', 'Result'],
  ...aims.map(a => [a.aim, a.measured, yes(a.ok)])
])

process.stdout.write(`\n${timeTable}\n\n${aimTable}\n\n(bench took ${totalS.toFixed(0)} s)\n`)

if (WRITE) {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown'
  const curl = spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? ''
  const bundleKb = Math.round(startupBytes(BUNDLE) / 1024)
  const git = (...argv: string[]): string =>
    spawnSync('git', argv, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? ''
  const head = git('rev-parse', '--short', 'HEAD')
  const distChanged = git('status', '--porcelain', '--', 'dist') !== ''
  const notes: string[] = []
  if (!aims[0]!.ok) {
    notes.push(
      `First request: most of the action's start is Node loading the ${bundleKb} KB it reads at ` +
        `every start (dist/index.js, its main chunk and what that imports: the action and ` +
        `@actions/core) before the action's first line runs; \`node -e\` loads nothing. The build ` +
        `already leaves out undici, which @actions/http-client imports for a client this action ` +
        `never calls (scripts/build.js).`
    )
  }
  if (!aims[2]!.ok) {
    notes.push(
      `Requests: the action never waits longer than \`poll-interval-seconds\` between two polls ` +
        `(that keeps its exit within one interval of the verdict) and polls faster at first to see ` +
        `short prechecks quickly; the shell loop waits ${POLL_SECONDS} s plus the time a poll takes. ` +
        `So over a long wait both make about the same number of requests per minute, and the ` +
        `action's fast start adds a few: it cannot make fewer without waiting longer than the interval.`
    )
  }
  const pollTime = actionPollTime(POLL_SECONDS * 1000)
  const schedule = `${Array.from({ length: 11 }, (_, k) => pollTime(k) / 1000).join(', ')}, ...`
  // The path of the Node binary is this machine's; what it was and where it came from is what a
  // reader can use.
  const command = `npm run bench${RUNS !== 15 ? ` -- --runs ${RUNS}` : ''}`
  const doc = `# Benchmark

How fast the gate starts, notices a verdict and exits, and how many requests it makes while it
waits, next to a bare \`node -e\` request and the hand-written loop people use today
([scripts/bench/shell-poll.sh](../scripts/bench/shell-poll.sh): \`curl\`, \`sha256sum\` and
\`sleep 5\`). Everything runs against the local NineData simulator, in one run of \`npm run bench\`.
The numbers are from one machine; rerun the command to get yours.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Command: \`${command}\` (took ${totalS.toFixed(0)} s)
- Machine: ${type()} ${release()}, ${availableParallelism()} CPUs (\`nproc\`), ${cpu}
- Node running the bundle and \`node -e\`: ${nodeVersion()}; shell loop: bash, ${curl.split(' ').slice(0, 2).join(' ')}
- Bundle: dist/index.js, ${bundleKb} KB read at start, at commit ${head || 'unknown'}${distChanged ? ' (dist/ changed since)' : ''}
- Action inputs: \`poll-interval-seconds: ${POLL_SECONDS}\`; the shell loop sleeps ${POLL_SECONDS} s between polls.

## Results

${timeTable}

${bullets([
  `(a) From spawning the process to the first request arriving at the simulator. \`node -e\` makes one plain HTTP GET; the action loads its bundle, reads its inputs, signs and sends the start call.`,
  `(b) The verdict is the moment the simulated precheck turns Success (the start call's arrival plus the precheck's duration). "Seen" is the first status request after it; "exit" is when the process ended, with outputs, annotations and summary written. Where a verdict falls between two polls decides these times, so for a given precheck length they are repeatable; the worst case is one poll interval for both tools. The action's polls go out ${schedule} s after its first one (src/wait.ts); the shell loop's every ${sec(longShell.periodMs)}.`,
  `(c) "Per minute waiting" counts the requests that arrived while the 20 s precheck was still running. The 10 minute row is not measured but counted from the two schedules (the start call, the polls before the verdict and the one that sees it): the action's as above, the shell loop's every ${sec(longShell.periodMs)} (its measured period: ${POLL_SECONDS} s of sleep plus the poll itself).`
])}

## Aims

${aimTable}
${notes.length > 0 ? `\nWhy the missed aims are missed:\n\n${bullets(notes)}\n` : ''}`
  const file = join(ROOT, 'docs', 'benchmark.md')
  // This command owns the head of the file (its Results and Aims); the sections after them belong to
  // the other benchmarks and to docs/development.md's loop figures: keep them.
  const previous = readFileSync(file, 'utf8')
  const kept = previous.search(/\n## (?!Results\n|Aims\n)/)
  writeFileSync(file, kept >= 0 ? `${doc.trimEnd()}\n${previous.slice(kept)}` : doc)
  process.stdout.write(`Written to ${relative(process.cwd(), file)}\n`)
}
