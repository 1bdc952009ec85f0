import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ROOT } from './lib/action-runner.js'
import { DEFAULT_SCENARIO } from '../simulator/scenarios.js'
import { readCliArgs } from '../simulator/cli-args.js'
import { startSimulator, type Simulator } from '../simulator/server.js'

// `npm run local-action [-- --scenario NAME] [--env FILE] [--no-simulator]`: runs the action from
// source (src/main.ts, no build) with GitHub's @github/local-action, against the NineData simulator
// that this script starts on the port of INPUT_API-URL (8080 in .env.example). The inputs come
// from .env if it exists, else .env.example.
//
// @github/local-action is not a devDependency (it adds about 290 MB and 15 s to `npm ci`): it is
// run with `npx -y @github/local-action@7`, downloaded on first use, unless node_modules has it.

function usage(): string {
  return `Usage: npm run local-action -- [--scenario NAME] [--env FILE] [--no-simulator]

Runs src/main.ts with @github/local-action (\`local-action run . src/main.ts FILE\`).
  --env FILE       inputs and runner settings (default: .env if it exists, else .env.example)
  --scenario NAME  scenario of the simulator started on INPUT_API-URL's port (default: ${DEFAULT_SCENARIO});
                   see \`npm run demo -- --help\` for the list
  --no-simulator   do not start a simulator (INPUT_API-URL points at a running one, or a real NineData)
`
}

const cli = readCliArgs({ env: { type: 'string' }, 'no-simulator': { type: 'boolean' } }, usage)
const scenario = cli.scenario
const envFile =
  (cli.values['env'] as string | undefined) ??
  (existsSync(join(ROOT, '.env')) ? '.env' : '.env.example')
if (!existsSync(resolve(ROOT, envFile))) {
  process.stderr.write(`No environment file ${envFile}.\n\n${usage()}`)
  process.exit(2)
}

/** KEY=VALUE lines, as dotenv reads the simple cases (comments, optional quotes). */
function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (!match || line.trimStart().startsWith('#')) continue
    env[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2')
  }
  return env
}

const settings = readEnvFile(resolve(ROOT, envFile))
const apiUrl = settings['INPUT_API-URL'] ?? ''
const summaryFile = settings['GITHUB_STEP_SUMMARY']
if (!summaryFile) {
  process.stderr.write(
    `${envFile} does not set GITHUB_STEP_SUMMARY; local-action needs it (core.summary.write() throws without it).\n`
  )
  process.exit(2)
}
// A fresh summary file per run, as a runner gives each step.
const summaryPath = resolve(ROOT, summaryFile)
mkdirSync(dirname(summaryPath), { recursive: true })
writeFileSync(summaryPath, '')

let sim: Simulator | undefined
if (cli.values['no-simulator'] !== true) {
  let url: URL
  try {
    url = new URL(apiUrl)
  } catch {
    process.stderr.write(`INPUT_API-URL in ${envFile} is not a URL: "${apiUrl}".\n`)
    process.exit(2)
  }
  if (!['127.0.0.1', 'localhost'].includes(url.hostname) || url.protocol !== 'http:') {
    process.stderr.write(
      `INPUT_API-URL in ${envFile} is ${apiUrl}, not http://127.0.0.1:PORT: no simulator started.\n`
    )
  } else {
    const port = Number(url.port || 80)
    try {
      sim = await startSimulator({ scenario, port })
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      process.stderr.write(
        busy
          ? `Port ${port} is in use. Stop what listens there, or pass --no-simulator to use it.\n`
          : `Could not start the simulator: ${String(error)}\n`
      )
      process.exit(1)
    }
    process.stdout.write(`NineData simulator on ${sim.url} (scenario ${scenario})\n`)
  }
}

const local = join(ROOT, 'node_modules', '.bin', 'local-action')
const [command, prefix] = existsSync(local)
  ? [local, []]
  : ['npx', ['-y', '@github/local-action@7']]
const localArgs = [...prefix, 'run', '.', 'src/main.ts', envFile]
process.stdout.write(`$ ${[relative(ROOT, command) || command, ...localArgs].join(' ')}\n`)
const child = spawn(command, localArgs, {
  cwd: ROOT,
  stdio: 'inherit',
  shell: process.platform === 'win32'
})
// Ctrl-C reaches local-action directly (same process group); stay to stop the simulator.
process.on('SIGINT', () => undefined)
const code = await new Promise<number>(done =>
  child.on('close', (exitCode, signal) => done(exitCode ?? (signal ? 130 : 1)))
)
await sim?.close()
const summary = existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : ''
process.stdout.write(
  summary.trim()
    ? `\nJob summary written to ${relative(process.cwd(), summaryPath)} (${summary.length} characters).\n`
    : `\nNo job summary was written to ${relative(process.cwd(), summaryPath)}.\n`
)
process.exitCode = code
