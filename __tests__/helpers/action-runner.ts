import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

// Runs the bundled action (dist/index.js) the way a GitHub runner does: INPUT_* variables with
// action.yml's defaults, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and reads back what a user sees.

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BUNDLE = join(ROOT, 'dist', 'index.js')
/** The Node binary that runs the bundle: Node 24 in CI (ACTION_NODE), else the one running Jest. */
export const ACTION_NODE = process.env['ACTION_NODE'] || process.execPath

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

export const ACTION_YML = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml

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
  annotations: Annotation[]
  /** stdout without workflow commands: the log lines a user reads. */
  log: string
  durationMs: number
}

export interface RunOptions {
  /** Extra environment (e.g. ACTIONS_STEP_DEBUG, https_proxy). */
  env?: Record<string, string | undefined>
  /** Leave out GITHUB_STEP_SUMMARY. */
  noSummaryFile?: boolean
  /** Called once the process has started (e.g. to send it a signal later). */
  onSpawn?: (child: ChildProcess) => void
  /** Kill the child after this long (a safety net; tests assert on their own bounds). */
  killAfterMs?: number
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

export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!)
      outputs[name!] = value.join('\n')
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=')
      outputs[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1)
    }
  }
  return outputs
}

const unescapeData = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string): string =>
  unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!match) continue
    const properties = Object.fromEntries(
      (match[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map(pair => {
          const at = pair.indexOf('=')
          return [pair.slice(0, at), unescapeProperty(pair.slice(at + 1))]
        })
    )
    annotations.push({
      level: match[1] as Annotation['level'],
      title: properties['title'],
      message: unescapeData(match[3]!)
    })
  }
  return annotations
}

export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ninedata-gate-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  // A clean environment, like a runner's: nothing of the developer's proxies or INPUT_* leaks in.
  const base: Record<string, string> = {}
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'])
    if (process.env[key]) base[key] = process.env[key]!
  const env: Record<string, string> = {
    ...base,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    ...(options.noSummaryFile ? {} : { GITHUB_STEP_SUMMARY: summaryFile }),
    ...inputEnv(inputs)
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const started = Date.now()
  const child = spawn(ACTION_NODE, [BUNDLE], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 50_000)
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(done =>
    child.on('close', (code, sig) => done([code, sig]))
  )
  clearTimeout(killer)
  const durationMs = Date.now() - started
  const result: ActionResult = {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
    log: stdout
      .split('\n')
      .filter(line => !line.startsWith('::'))
      .join('\n'),
    durationMs
  }
  rmSync(dir, { recursive: true, force: true })
  return result
}

/** The summary as a reader sees it: tags dropped, entities decoded, bidi isolation marks removed. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\u2068\u2069]/g, '')
    .replace(/[ \t]+/g, ' ')
}

/** The warnings the client logs before each retry. */
export const retryWarnings = (result: ActionResult): string[] =>
  result.annotations
    .filter(a => a.level === 'warning' && /Retrying in/.test(a.message))
    .map(a => a.message)

/** The step's failure message (core.setFailed: the one error annotation without a title). */
export function failureMessage(result: ActionResult): string {
  const errors = result.annotations.filter(a => a.level === 'error' && a.title === undefined)
  if (errors.length !== 1) throw new Error(`expected one step failure, got ${errors.length}`)
  return errors[0]!.message
}
