import { readFileSync } from 'node:fs'
import { INPUT_DEFAULTS, INPUT_NAMES, REQUIRED_INPUTS, type InputGetter } from '../inputs.js'

// The command line's options: every action input as a long flag of the same name, each also read
// from NINEDATA_<NAME>; flags win. The names come from the one list in inputs.ts, so a new input is a
// new flag with no code here. Pure but for reading the secret file: returns what it found and every
// problem, for the same "Invalid inputs" message the action gives.

/** Inputs that only mean something on GitHub: the pull request comment and the job summary. */
export const GITHUB_ONLY_INPUTS: readonly string[] = ['pr-comment', 'github-token', 'job-summary']

export const DEFAULT_REPORT_DIR = 'ninedata-gate-report'

/** Options of the command line only, with what they take. */
const CLI_ONLY = {
  'access-key-secret-file': 'path',
  'report-dir': 'path'
} as const

export interface CliOptions {
  help: boolean
  version: boolean
  reportDir: string
  /** The inputs as the action would read them: flags, then NINEDATA_* variables. */
  get: InputGetter
  /** What is wrong with the command line, each naming the option. */
  problems: string[]
  /** NINEDATA_* variables that name no option: a likely typo, never an error. */
  unknownVariables: string[]
}

/** NINEDATA_ACCESS_KEY_ID for access-key-id. */
export function variableOf(name: string): string {
  return `NINEDATA_${name.toUpperCase().replace(/-/g, '_')}`
}

const cliInputs = (): string[] => INPUT_NAMES.filter(name => !GITHUB_ONLY_INPUTS.includes(name))
const isBoolean = (name: string): boolean => /^(true|false)$/.test(INPUT_DEFAULTS[name] ?? '')

export function readCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>
): CliOptions {
  const flags = new Map<string, string>()
  const problems: string[] = []
  const help = argv.includes('--help') || argv.includes('-h')
  const version = argv.includes('--version') || argv.includes('-V')
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (['--help', '-h', '--version', '-V'].includes(arg)) continue
    const taken = readFlag(arg, argv[i + 1], flags, problems)
    if (taken) i++
  }
  const reportDir = flags.get('report-dir') ?? env[variableOf('report-dir')] ?? DEFAULT_REPORT_DIR
  const secret = readSecret(flags.get('access-key-secret-file'), env, problems)
  const get: InputGetter = name =>
    name === 'access-key-secret'
      ? secret
      : GITHUB_ONLY_INPUTS.includes(name)
        ? ''
        : (flags.get(name) ?? env[variableOf(name)] ?? '')
  return { help, version, reportDir, get, problems, unknownVariables: unknownVariables(env) }
}

/** Reads one argument (and its value); whether the next argument was taken as the value. */
function readFlag(
  arg: string,
  next: string | undefined,
  flags: Map<string, string>,
  problems: string[]
): boolean {
  const match = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg)
  if (!match) {
    // Not shown: a stray argument may be a secret pasted in the wrong place.
    problems.push(
      'an argument is not an option: options are --name value or --name=value (see --help).'
    )
    return false
  }
  const [, name = '', inline] = match
  const refusal = refused(name)
  if (refusal) {
    problems.push(refusal)
    // Whatever follows is the value the user meant, unless it is one of our options: it is never
    // read as an option, nor shown as an unknown one (a secret may start with --).
    return inline === undefined && next !== undefined && !isOption(next)
  }
  if (!isKnown(name)) {
    problems.push(`\`--${name}\` is not an option of ninedata-gate (see --help).`)
    return false
  }
  if (flags.has(name)) problems.push(`\`--${name}\` is given more than once.`)
  if (inline !== undefined) {
    flags.set(name, inline)
    return false
  }
  if (isBoolean(name) && (next === undefined || next.startsWith('--'))) {
    flags.set(name, 'true')
    return false
  }
  if (next === undefined) {
    problems.push(`\`--${name}\` needs a value.`)
    return false
  }
  flags.set(name, next)
  return true
}

const isKnown = (name: string): boolean => cliInputs().includes(name) || name in CLI_ONLY

/** Whether an argument is one of the command's options (`--name` or `--name=value`). */
function isOption(arg: string): boolean {
  const name = /^--([a-z][a-z0-9-]*)(?:=|$)/.exec(arg)?.[1]
  return name !== undefined && (isKnown(name) || name === 'access-key-secret')
}

function refused(name: string): string | undefined {
  if (name === 'access-key-secret') {
    return (
      '`--access-key-secret` is refused: a secret on the command line shows in process lists, shell ' +
      'history and CI logs of the command. Put it in the NINEDATA_ACCESS_KEY_SECRET variable (a masked ' +
      'CI variable or credential), or in a file named by --access-key-secret-file.'
    )
  }
  if (GITHUB_ONLY_INPUTS.includes(name)) {
    return `\`--${name}\` is an input of the GitHub Action only; the command line has no pull request comment or job summary (it writes summary.md in --report-dir).`
  }
  return undefined
}

/** The secret from --access-key-secret-file or NINEDATA_ACCESS_KEY_SECRET, never both. */
function readSecret(
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  problems: string[]
): string {
  const fromEnv = env[variableOf('access-key-secret')] ?? ''
  const path = file ?? env[variableOf('access-key-secret-file')]
  if (path === undefined || path === '') return fromEnv
  if (fromEnv !== '') {
    problems.push(
      'the secret is given twice: NINEDATA_ACCESS_KEY_SECRET is set and --access-key-secret-file names a file; keep one.'
    )
  }
  try {
    // A file written by `echo` or an editor ends with a newline that is not part of the secret.
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    problems.push(`\`--access-key-secret-file\` names a file that cannot be read (${code}).`)
    return ''
  }
}

function unknownVariables(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = new Set(
    [...INPUT_NAMES, ...Object.keys(CLI_ONLY)].map(variableOf).concat('NINEDATA_GATE_DEBUG')
  )
  return Object.keys(env).filter(key => key.startsWith('NINEDATA_') && !known.has(key))
}

/** --help: every option with its variable and default. */
export function helpText(version: string): string {
  const required = new Set<string>(REQUIRED_INPUTS)
  const rows = [
    ...cliInputs()
      .filter(name => name !== 'access-key-secret')
      .map(name => {
        const fallback = INPUT_DEFAULTS[name]
        const shown = required.has(name)
          ? 'required'
          : `default: ${fallback === '' ? '(empty)' : fallback}`
        const value = isBoolean(name) ? '[true|false]' : '<value>'
        return `  --${name} ${value}\n      ${variableOf(name)}; ${shown}`
      }),
    `  --access-key-secret-file <path>\n      or NINEDATA_ACCESS_KEY_SECRET (the secret itself); one of them required`,
    `  --report-dir <path>\n      ${variableOf('report-dir')}; default: ${DEFAULT_REPORT_DIR}`
  ]
  return [
    `ninedata-gate ${version}: gate a migration on NineData's precheck (and comparison run) of a comparison task.`,
    '',
    'Usage: node dist/cli.js --api-url URL --access-key-id ID --task-id cc-... [options]',
    '       (the secret in NINEDATA_ACCESS_KEY_SECRET or a file: never on the command line)',
    '',
    'Options (each also from the variable shown; a flag wins over its variable):',
    ...rows,
    '  --help, --version',
    '',
    `Not here (GitHub Action only): ${GITHUB_ONLY_INPUTS.map(n => `--${n}`).join(', ')}.`,
    'A boolean option alone means true (--run-comparison); otherwise --name value or --name=value.',
    '',
    'Reports in --report-dir: summary.md, report.json, junit.xml, and correction.sql when objects differ.',
    'Exit codes: 0 passed; 1 the gate failed (failed check items or differences); 2 bad usage or inputs;',
    '3 no verdict (timeout, cancelled, NineData unreachable or rejected the key, an answer that could not be verified).',
    'More: docs/other-ci.md'
  ].join('\n')
}
