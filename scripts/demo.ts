import { mkdirSync, writeFileSync } from 'node:fs'
import { constants } from 'node:os'
import { basename, join, relative } from 'node:path'
import { chooseActionNode } from './lib/action-node.js'
import { BUNDLE, ROOT, startAction } from './lib/action-runner.js'
import { DEFAULT_SCENARIO, SCENARIOS } from '../simulator/scenarios.js'
import { readCliArgs } from '../simulator/cli-args.js'
import { startSimulator } from '../simulator/server.js'
import { JOB_TOKEN, runnerEvent, startGitHubStandIn } from '../simulator/github.js'
import {
  DEMO_DATA_TASK_ID,
  DEMO_TASK_ID,
  demoInputs,
  demoTaskId,
  demoTaskInputs,
  demoTimeoutSeconds
} from './lib/demo-inputs.js'
import { summaryPage } from './lib/summary-page.js'
import { demoComparisonInputs } from './lib/demo-inputs.js'
import {
  colourWanted,
  displayWidth,
  layoutWidth,
  LogReader,
  makeStyle,
  padEnd,
  stripControls,
  summaryAsText,
  wrap
} from './lib/terminal.js'

// `npm run demo [-- --scenario NAME] [--debug]`: the bundled action (dist/index.js) against the
// NineData simulator on a free local port, run the way a GitHub runner runs it. No account, no
// network. Prints the step log as a runner shows it, the job summary and the outputs, and writes
// the summary as a web page. Exits with the action's exit code.

function usage(): string {
  const names = Object.values(SCENARIOS)
    .map(s =>
      wrap(s.description, 100 - 28)
        .map((line, i) => `  ${(i === 0 ? s.name : '').padEnd(26)}${line}`)
        .join('\n')
    )
    .join('\n')
  return `Usage: npm run demo -- [--scenario NAME] [--task-id ID] [--debug] [--pr-comment]

Runs the bundled action (dist/index.js) against a local NineData simulator, as a GitHub runner
would: INPUT_* variables (action.yml defaults included), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
files. Prints the step log, the job summary and the outputs; writes the summary to
out/demo-summary-<scenario>.html (and the report file, the correction SQL file and the comment
when there are any, next to it) and prints each path. The exit code is the action's.

Options:
  --scenario NAME   what the simulated NineData does (default: ${DEFAULT_SCENARIO})
  --task-id ID      the comparison task (default: ${DEMO_TASK_ID}, or ${DEMO_DATA_TASK_ID} for a data
                    scenario); a cd- ID is a data comparison task, a cc- ID a schema one
  --debug           also show the action's debug lines (hidden, as on a runner without debug logging)
  --pr-comment      run as a pull_request event with pr-comment: true against a local GitHub API
                    stand-in, and print the comment body the action posted there
  --help            this text

Environment:
  ACTION_NODE       the Node binary that runs the action. Runners run it on Node 24; without
                    ACTION_NODE the demo uses the Node 24 that .ci/run installs (NODE24_DIR,
                    default ~/.cache/ninedata-gate-node24) when it is there, else the Node running
                    the demo. The first lines say which Node ran it.

Scenarios:
${names}
`
}

const cli = readCliArgs(
  { debug: { type: 'boolean' }, 'pr-comment': { type: 'boolean' }, 'task-id': { type: 'string' } },
  usage
)
const scenario = SCENARIOS[cli.scenario]!
const debug = cli.values['debug'] === true
const prComment = cli.values['pr-comment'] === true

const node = chooseActionNode()
const style = makeStyle(colourWanted())
const width = layoutWidth()
// Run inside a GitHub job, a printed line that starts with `::` or `##[` (after spaces) would be a
// workflow command: server text quoted by the demo (the correction SQL) is marked so it cannot be.
const inert = (line: string): string => (/^\s*(::|##\[)/.test(line) ? `› ${line}` : line)
const print = (line = ''): void => void process.stdout.write(`${inert(line)}\n`)
const section = (title: string): void => {
  print()
  print(style.bold(`── ${title} ${'─'.repeat(Math.max(3, width - displayWidth(title) - 4))}`))
}

const taskId =
  typeof cli.values['task-id'] === 'string' ? cli.values['task-id'] : demoTaskId(scenario)
// The simulator knows the task asked for: any other answers "task not found", as NineData would.
const sim = await startSimulator({ scenario: cli.scenario, tasks: [taskId] })
const timeoutSeconds = demoTimeoutSeconds(scenario)
const inputs = demoInputs(sim.url, {
  ...demoTaskInputs(scenario),
  ...(typeof cli.values['task-id'] === 'string' ? { 'task-id': taskId } : {}),
  'timeout-seconds': String(timeoutSeconds),
  ...demoComparisonInputs(scenario)
})
// With --pr-comment: a pull_request run whose GitHub API is a local stand-in.
const github = prComment ? await startGitHubStandIn() : undefined
const event = github ? runnerEvent(github) : undefined
if (github) Object.assign(inputs, { 'pr-comment': 'true', 'github-token': JOB_TOKEN })

print(style.bold(`NineData precheck gate demo: scenario "${scenario.name}"`))
print(style.dim(scenario.description))
print(`Simulator:  ${sim.url} (access key "${inputs['access-key-id']}", local only)`)
print(`Action:     ${relative(process.cwd(), BUNDLE)} on node ${node.version} (${node.source})`)
if (github) print(`GitHub:     ${github.url} (a local stand-in of GitHub's REST API)`)
const shownInputs = Object.entries(inputs)
  .filter(([name]) => !['access-key-secret', 'access-key-id', 'github-token'].includes(name))
  .map(([name, value]) => `${name}=${value}`)
  .join(' ')
for (const [i, line] of wrap(shownInputs, width - 12).entries())
  print(`${i === 0 ? 'Inputs:' : ''}`.padEnd(12) + line)
print(
  style.dim(
    '            (access-key-secret is set; the other inputs keep their action.yml defaults)'
  )
)

section('Step log')
const reader = new LogReader(style, debug, width)
const run = startAction(inputs, {
  node: node.path,
  env: { ...event?.env, ...(debug ? { RUNNER_DEBUG: '1' } : {}) },
  detached: true,
  onLine: line => {
    for (const out of reader.line(line)) print(out)
  },
  onStderr: text => print(style.dim(stripControls(text.trimEnd()).replace(/^/gm, 'stderr: ')))
})
// Ctrl-C cancels like a runner: SIGINT to the action, SIGTERM 7.5 s later, SIGKILL 2.5 s after
// that. A second Ctrl-C kills it at once. (The action runs in its own process group, so it hears
// about Ctrl-C from here only.)
const timers: NodeJS.Timeout[] = []
let interrupts = 0
process.on('SIGINT', () => {
  interrupts++
  if (interrupts > 1) return void run.child.kill('SIGKILL')
  run.child.kill('SIGINT')
  timers.push(setTimeout(() => run.child.kill('SIGTERM'), 7500).unref())
  timers.push(setTimeout(() => run.child.kill('SIGKILL'), 10_000).unref())
})
for (const signal of ['SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => run.child.kill(signal))
const killer = setTimeout(() => run.child.kill('SIGKILL'), (timeoutSeconds + 60) * 1000)
const result = await run.done
clearTimeout(killer)
for (const timer of timers) clearTimeout(timer)
await sim.close()

section('Job summary')
if (result.summary.trim())
  for (const line of summaryAsText(result.summary, width, style)) print(line)
else print(style.dim('(no job summary was written)'))

section('Outputs')
const names = Object.keys(result.outputs)
if (names.length === 0) print(style.dim('(no outputs were set)'))
const nameWidth = Math.max(0, ...names.map(n => n.length))
for (const [name, value] of Object.entries(result.outputs)) {
  const room = width - nameWidth - 4
  let shown = stripControls(value.replace(/\n/g, ' ⏎ '))
  if (displayWidth(shown) > room) {
    const note = ` … (${value.length} characters)`
    shown = `${shown.slice(0, Math.max(10, room - note.length))}${style.dim(note)}`
  }
  print(`  ${style.bold(padEnd(name, nameWidth))}  ${shown || style.dim('(empty)')}`)
}

// The correction SQL file of a schema run with differences: what a later step would upload.
const sqlPath = result.outputs['correction-sql-file']
const sqlText = sqlPath ? result.tempFiles[basename(sqlPath)] : undefined
if (sqlText !== undefined) {
  section('Correction SQL file (correction-sql-file)')
  const lines = sqlText.trimEnd().split('\n')
  const shown = 40
  for (const line of lines.slice(0, shown)) print(`  ${stripControls(line)}`)
  if (lines.length > shown) print(style.dim(`  … ${lines.length - shown} more lines`))
}

// Every file the demo writes, listed at the end: the runner's temporary folder is gone by then.
const outDir = join(ROOT, 'out')
mkdirSync(outDir, { recursive: true })
const written: [string, string][] = []
const save = (what: string, name: string, text: string): void => {
  const file = join(outDir, name)
  writeFileSync(file, text)
  written.push([what, file])
}
save(
  'Summary page',
  `demo-summary-${scenario.name}.html`,
  summaryPage(result.summary || '<p>(no job summary was written)</p>', {
    title: `NineData precheck gate demo: ${scenario.name}`,
    header: `demo (${scenario.name})`
  })
)
const reportPath = result.outputs['report-file']
const reportText = reportPath ? result.tempFiles[basename(reportPath)] : undefined
if (reportText !== undefined) save('Report file', `demo-report-${scenario.name}.json`, reportText)
if (sqlText !== undefined) save('Correction SQL', `demo-correction-${scenario.name}.sql`, sqlText)

if (github) {
  section('Pull request comment (as posted to the GitHub API stand-in)')
  const comments = github.comments('octo-org', 'app', 7)
  if (comments.length === 0) print(style.dim('(no comment was written)'))
  for (const comment of comments) {
    print(
      style.dim(
        `comment ${comment.id} by ${comment.user.login}, ${comment.body.length} characters:`
      )
    )
    for (const line of comment.body.split('\n')) print(stripControls(line))
    save(
      'Comment page',
      `demo-pr-comment-${scenario.name}.html`,
      // The summary's page, with a comment's header: "<author> commented".
      summaryPage(comment.body, {
        title: `NineData precheck gate demo: pull request comment (${scenario.name})`,
        header: comment.user.login
      }).replace('<span class="muted">summary</span>', '<span class="muted">commented</span>')
    )
  }
  print(
    style.dim(
      `GitHub API calls: ${github.requests.map(r => `${r.method} ${r.path} -> ${r.status}`).join(', ')}`
    )
  )
  await github.close()
  event?.remove()
}

const exitCode =
  result.exitCode ?? 128 + (result.signal ? (constants.signals[result.signal] ?? 0) : 1)
section('Result')
for (const [what, file] of written)
  print(
    `${`${what}:`.padEnd(16)}${relative(process.cwd(), file)}${file.endsWith('.html') ? ' (open it in a browser)' : ''}`
  )
const verdict =
  exitCode === 0
    ? style.green('exit code 0: the step passes')
    : style.red(`exit code ${exitCode}: the step fails`)
print(`The action ran ${(result.durationMs / 1000).toFixed(1)} s; ${verdict}.`)
const kinds = [
  'start',
  'status',
  'execute',
  'execStatus',
  'results',
  'correctionSql',
  'tableSummary',
  'diffDetails',
  'stop'
] as const
const counted = kinds
  .filter(kind => kind === 'start' || kind === 'status' || sim.count(kind) > 0)
  .map(kind => `${kind} ${sim.count(kind)}`)
print(style.dim(`${sim.requests.length} requests reached the simulator (${counted.join(', ')}).`))
process.exitCode = exitCode
