import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

// The runner stand-in: runs the bundled action (dist/index.js) the way a GitHub runner does and reads
// back what a user would see. The runner's side of the contract is small: INPUT_* variables (with
// action.yml's defaults filled in), fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a RUNNER_TEMP
// folder and a clean environment; afterwards the outputs file, the workflow commands on stdout and
// the summary. Tests, the demo, the benchmark and local-action all run the action through here, so
// they cannot drift apart.

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BUNDLE = join(ROOT, 'dist', 'index.js')
/** The Node binary that runs the bundle: $ACTION_NODE (Node 24 in CI), else this process's node. */
export const ACTION_NODE = process.env['ACTION_NODE'] || process.execPath

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

export const ACTION_YML = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml

/** One `::name key=value,...::data` line, unescaped. */
export interface WorkflowCommand {
  name: string
  properties: Record<string, string>
  data: string
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string | undefined
  message: string
}

export interface ActionResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Outputs as the runner would read them from GITHUB_OUTPUT (last value of each name wins). */
  outputs: Record<string, string>
  summary: string
  /** Every workflow command on stdout, in order. */
  commands: WorkflowCommand[]
  annotations: Annotation[]
  /** stdout without workflow commands: the log lines a user reads. */
  log: string
  /** The RUNNER_TEMP folder the runner stand-in made (removed once the run is read). */
  runnerTemp: string
  /** Files the action left in RUNNER_TEMP (name -> content), read before the folder is removed. */
  tempFiles: Record<string, string>
  /** performance.now() just before the process was spawned, and when it exited. */
  startedAt: number
  exitedAt: number
  durationMs: number
}

export interface RunOptions {
  /** Extra environment (e.g. RUNNER_DEBUG, https_proxy); `undefined` removes a variable. */
  env?: Record<string, string | undefined>
  /** Leave out GITHUB_STEP_SUMMARY. */
  noSummaryFile?: boolean
  /** Node binary; default ACTION_NODE. */
  node?: string
  /** The bundle to run; default dist/index.js (the benchmark runs a variant too). */
  bundle?: string
  /** Called once the process has started (e.g. to send it a signal later). */
  onSpawn?: (child: ChildProcess) => void
  /** Every complete stdout line, as it arrives. */
  onLine?: (line: string) => void
  onStderr?: (text: string) => void
  /** Own process group: a terminal's Ctrl-C then reaches the action only through the caller. */
  detached?: boolean
  /** Kill the child after this long (a safety net; callers assert on their own bounds). */
  killAfterMs?: number
}

export interface ActionRun {
  child: ChildProcess
  /** performance.now() just before the process was spawned. */
  startedAt: number
  done: Promise<ActionResult>
}

/** Input name -> value; action.yml's defaults fill in what is not given, as the runner does. */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(ACTION_YML.inputs)) {
    if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(spec.default)
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

export interface RunnerFiles {
  output: string
  summary?: string | undefined
  temp: string
}

/** A runner-like environment: nothing of the developer's proxies or INPUT_* leaks in. */
export function runnerEnv(
  inputs: Record<string, string>,
  files: RunnerFiles,
  extra: Record<string, string | undefined> = {}
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) {
    const value = process.env[key]
    if (value) env[key] = value
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: files.temp,
    GITHUB_OUTPUT: files.output,
    ...(files.summary === undefined ? {} : { GITHUB_STEP_SUMMARY: files.summary }),
    ...inputEnv(inputs)
  })
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** GITHUB_OUTPUT's `name=value` lines and `name<<DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      outputs[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return outputs
}

// Workflow command escapes: data escapes % as %25, CR as %0D and LF as %0A; a property value also
// escapes : as %3A and , as %2C. One pass, so an escaped "%0A" (%250A) comes back as "%0A".
const ESCAPES: Record<string, string> = {
  '%25': '%',
  '%0D': '\r',
  '%0A': '\n',
  '%3A': ':',
  '%2C': ','
}
export const unescapeData = (s: string): string =>
  s.replace(/%(?:25|0D|0A)/g, code => ESCAPES[code] ?? code)
export const unescapeProperty = (s: string): string =>
  s.replace(/%(?:25|0D|0A|3A|2C)/g, code => ESCAPES[code] ?? code)

/** One stdout line as a workflow command, or undefined when it is a plain log line. */
export function parseCommand(line: string): WorkflowCommand | undefined {
  // The runner skips leading whitespace before `::`, so an indented line is a command too.
  const match = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/.exec(line.trimStart().replace(/\r$/, ''))
  if (!match) return undefined
  const [, name = '', props = '', data = ''] = match
  const properties: Record<string, string> = {}
  for (const pair of props.split(',')) {
    const at = pair.indexOf('=')
    if (at > 0) properties[pair.slice(0, at).trim()] = unescapeProperty(pair.slice(at + 1))
  }
  return { name, properties, data: unescapeData(data) }
}

/**
 * The commands a runner would act on. After `::stop-commands::TOKEN` nothing is a command until the
 * line `::TOKEN::`, as on a runner (so text that stops commands would hide later annotations here too).
 */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  let stopToken: string | undefined
  for (const line of stdout.split('\n')) {
    const command = parseCommand(line)
    if (!command) continue
    if (stopToken !== undefined) {
      if (command.name === stopToken && command.data === '') stopToken = undefined
      continue
    }
    if (command.name === 'stop-commands' && command.data) stopToken = command.data
    commands.push(command)
  }
  return commands
}

const LEVELS = new Set(['error', 'warning', 'notice'])

export function toAnnotation(command: WorkflowCommand): Annotation | undefined {
  if (!LEVELS.has(command.name)) return undefined
  return {
    level: command.name as Annotation['level'],
    title: command.properties['title'],
    message: command.data
  }
}

export function parseAnnotations(stdout: string): Annotation[] {
  return parseCommands(stdout).flatMap(command => toAnnotation(command) ?? [])
}

/** Reads every regular file directly in `dir`. */
function readFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile()) files[entry.name] = readFileSync(join(dir, entry.name), 'utf8')
  return files
}

/**
 * A child's stdout and stderr as they arrive, each complete stdout line also given to `onLine`;
 * `flush()` once it has closed hands on a last line without its newline.
 */
export function collectOutput(
  child: ChildProcess,
  onLine?: (line: string) => void,
  onStderr?: (text: string) => void
): { stdout: string; stderr: string; flush: () => void } {
  const output = { stdout: '', stderr: '', flush: () => undefined as void }
  let pending = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk
    if (!onLine) return
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) onLine(line)
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk
    onStderr?.(chunk)
  })
  output.flush = () => {
    if (pending && onLine) onLine(pending)
    pending = ''
  }
  return output
}

/** Starts the action; `done` settles once it has exited and its files are read. */
export function startAction(inputs: Record<string, string>, options: RunOptions = {}): ActionRun {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-gate-'))
  const files = {
    output: join(dir, 'output'),
    summary: options.noSummaryFile ? undefined : join(dir, 'summary'),
    // Its own folder, so what the action leaves there is told apart from the runner's files.
    temp: join(dir, 'temp')
  }
  writeFileSync(files.output, '')
  if (files.summary) writeFileSync(files.summary, '')
  mkdirSync(files.temp)
  const env = runnerEnv(inputs, files, options.env)
  const startedAt = performance.now()
  const child = spawn(options.node ?? ACTION_NODE, [options.bundle ?? BUNDLE], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false
  })
  options.onSpawn?.(child)
  const output = collectOutput(child, options.onLine, options.onStderr)
  const killer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs)
  let exitedAt = 0
  child.on('exit', () => (exitedAt = performance.now()))
  const done = new Promise<ActionResult>((resolve, reject) => {
    child.on('error', error => {
      clearTimeout(killer)
      rmSync(dir, { recursive: true, force: true })
      reject(error)
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(killer)
      output.flush()
      const { stdout, stderr } = output
      try {
        const commands = parseCommands(stdout)
        resolve({
          exitCode,
          signal,
          stdout,
          stderr,
          outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
          summary: files.summary ? readFileSync(files.summary, 'utf8') : '',
          commands,
          annotations: commands.flatMap(command => toAnnotation(command) ?? []),
          log: stdout
            .split('\n')
            .filter(line => !line.startsWith('::'))
            .join('\n'),
          runnerTemp: files.temp,
          tempFiles: readFolder(files.temp),
          startedAt,
          exitedAt,
          durationMs: exitedAt - startedAt
        })
      } catch (error) {
        reject(error as Error)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
  return { child, startedAt, done }
}

/** Runs the action to the end (killed after 50 s unless told otherwise). */
export function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionResult> {
  return startAction(inputs, { killAfterMs: 50_000, ...options }).done
}

/** The summary as a reader sees it (and copies it): tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<wbr>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
}
