import type { ComparisonKind } from './ninedata/api-types.js'
import { idProblem } from './ninedata/precheck-api.js'
import { parseDefinition, type TaskDefinition } from './task-definition.js'
import { visible } from './text/clean.js'

// Reads and validates the action's inputs. Pure: it takes a getter, so tests need no environment.
// Every problem is reported at once, each naming its input, before any request is sent.

export interface Inputs {
  /** Base URL without trailing slash, e.g. `https://ninedata.example.com`. */
  apiUrl: string
  accessKeyId: string
  accessKeySecret: string
  /** The task given as task-id; '' when the workflow names what to compare (definition). */
  taskId: string
  /** What to compare, when given instead of task-id: the task is found by name, or created. */
  definition?: TaskDefinition | undefined
  /** On `task status invalid` from a start: wait for the task to be free, or fail at once. */
  whenBusy: WhenBusy
  comparison: ComparisonKind
  /** Empty: start a new precheck. */
  precheckTaskId: string
  pollIntervalMs: number
  timeoutMs: number
  requestTimeoutMs: number
  failOnFailure: boolean
  /** After a passing precheck, run the comparison and gate on its differences. */
  runComparison: boolean
  failOnDifference: boolean
  jobSummary: boolean
  /** Write the verdict as a comment on the pull request (see src/pull-request/). */
  prComment: boolean
  /** The token for the comment; only read when prComment is on. */
  githubToken: string
}

export type WhenBusy = 'wait' | 'fail'
/** The inputs without a default: an empty one is refused. */
export const REQUIRED_INPUTS = ['api-url', 'access-key-id', 'access-key-secret'] as const

/** The defaults of action.yml, applied when an input is empty (e.g. when run outside a runner). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'task-id': '',
  comparison: 'auto',
  'precheck-task-id': '',
  'source-datasource': '',
  'target-datasource': '',
  databases: '',
  tables: '',
  'task-name': '',
  'when-busy': 'wait',
  'poll-interval-seconds': '5',
  'timeout-seconds': '900',
  'request-timeout-seconds': '30',
  'fail-on-failure': 'true',
  'run-comparison': 'false',
  'fail-on-difference': 'true',
  'job-summary': 'true',
  'pr-comment': 'false',
  // action.yml's default is `${{ github.token }}`, which only a runner can fill in.
  'github-token': ''
}

/** Every input's name, in action.yml's order of importance: the one list both entries read. */
export const INPUT_NAMES: readonly string[] = [
  ...new Set([...REQUIRED_INPUTS, ...Object.keys(INPUT_DEFAULTS)])
]

/** Allowed range of each duration input, in seconds. Below the floor a run would flood NineData. */
const SECONDS_RANGE = {
  // GitHub ends a job after 6 hours on hosted runners (and a workflow run after 35 days).
  'timeout-seconds': { min: 1, max: 35 * 24 * 3600, examples: '900 or 1800' },
  'poll-interval-seconds': { min: 0.1, max: 3600, examples: '5 or 0.5' },
  'request-timeout-seconds': { min: 1, max: 600, examples: '30 or 60' }
} as const

/** Inputs a workflow fills from secrets: empty mostly for one of two reasons, named in the error. */
const FROM_SECRETS = new Set(['access-key-id', 'access-key-secret'])
const EMPTY_SECRET_CAUSES =
  " A workflow run from a fork's pull request (or Dependabot's) gets no secrets, and a misspelled secret name gives an empty value: check the name in `secrets.` against the repository's or environment's secrets."

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map(p => `- ${p}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

export type InputGetter = (name: string) => string

const TRUE_WORDS = ['true', 'True', 'TRUE']
const FALSE_WORDS = ['false', 'False', 'FALSE']
const KIND_PREFIX: Record<ComparisonKind, string> = { schema: 'cc-', data: 'cd-' }

/** Parses every input; throws InputError listing every problem. */
export function parseInputs(
  get: InputGetter,
  repository: string = process.env['GITHUB_REPOSITORY'] ?? ''
): Inputs {
  const problems: string[] = []
  const read = (name: string): string => {
    const value = (get(name) ?? '').trim()
    return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value
  }
  const required = (name: string): string => {
    const value = read(name)
    if (value === '')
      problems.push(
        `\`${name}\` is required but was empty or not set.${FROM_SECRETS.has(name) ? EMPTY_SECRET_CAUSES : ''}`
      )
    return value
  }
  const apiUrl = parseApiUrl(required('api-url'), problems)
  const accessKeyId = checkId('access-key-id', required('access-key-id'), problems)
  const accessKeySecret = required('access-key-secret')
  const taskId = checkId('task-id', read('task-id'), problems)
  const precheckTaskId = checkId('precheck-task-id', read('precheck-task-id'), problems)
  const definition = readDefinition(read, taskId, precheckTaskId, repository, problems)
  const inputs: Inputs = {
    apiUrl,
    accessKeyId,
    accessKeySecret,
    taskId,
    definition,
    whenBusy: parseWhenBusy(read('when-busy'), problems),
    comparison: parseComparison(read('comparison'), taskId, problems),
    precheckTaskId,
    timeoutMs: seconds('timeout-seconds', read('timeout-seconds'), problems),
    pollIntervalMs: seconds('poll-interval-seconds', read('poll-interval-seconds'), problems),
    requestTimeoutMs: seconds('request-timeout-seconds', read('request-timeout-seconds'), problems),
    failOnFailure: bool('fail-on-failure', read('fail-on-failure'), problems),
    runComparison: bool('run-comparison', read('run-comparison'), problems),
    failOnDifference: bool('fail-on-difference', read('fail-on-difference'), problems),
    jobSummary: bool('job-summary', read('job-summary'), problems),
    prComment: bool('pr-comment', read('pr-comment'), problems),
    githubToken: read('github-token')
  }
  checkSwappedIds(taskId, precheckTaskId, problems)
  if (problems.length > 0) throw new InputError(problems)
  return inputs
}

const DEFINITION_INPUTS = [
  'source-datasource',
  'target-datasource',
  'databases',
  'tables',
  'task-name'
]

/**
 * Exactly one way to name the task: task-id, or the datasources with what to compare. Both, or
 * neither, is refused naming them; a definition is only for schema comparisons (see gate-as-code).
 */
function readDefinition(
  read: (name: string) => string,
  taskId: string,
  precheckTaskId: string,
  repository: string,
  problems: string[]
): TaskDefinition | undefined {
  const given = DEFINITION_INPUTS.filter(name => read(name) !== '')
  if (given.length === 0) {
    if (taskId === '')
      problems.push(
        '`task-id` is required, or instead `source-datasource`, `target-datasource` and `databases` (the task is then found by name or created).'
      )
    return undefined
  }
  if (taskId !== '') {
    problems.push(
      `\`task-id\` and ${given.map(n => `\`${n}\``).join(', ')} were both given: name the task one way only (task-id, or the datasources with databases).`
    )
    return undefined
  }
  if (precheckTaskId !== '')
    problems.push('`precheck-task-id` follows a precheck of a `task-id`: give task-id with it.')
  if (read('comparison') === 'data') {
    problems.push(
      '`comparison: data` with datasources: NineData documents no way to list data comparison tasks, so every run would create a new task in your console. Create the data comparison task once and give its cd-... ID as `task-id`.'
    )
  }
  return parseDefinition(
    {
      sourceDatasource: read('source-datasource'),
      targetDatasource: read('target-datasource'),
      databases: read('databases'),
      tables: read('tables'),
      taskName: read('task-name'),
      repository
    },
    problems
  )
}

function parseWhenBusy(raw: string, problems: string[]): WhenBusy {
  if (raw === 'wait' || raw === 'fail') return raw
  problems.push(`\`when-busy\` must be wait or fail, got ${visible(raw)}.`)
  return 'wait'
}

function checkId(name: string, value: string, problems: string[]): string {
  const problem = value === '' ? undefined : idProblem(value)
  if (problem) problems.push(`\`${name}\` ${visible(value)} is not a valid ID: ${problem}.`)
  return value
}

function checkSwappedIds(taskId: string, precheckTaskId: string, problems: string[]): void {
  if (/^pcte-/i.test(taskId)) {
    problems.push(
      `\`task-id\` ${visible(taskId)} looks like a precheck ID (pcte-...): task-id takes the comparison task (cc-... or cd-...); a precheck to follow goes in precheck-task-id.`
    )
  }
  if (/^c[cd]-/i.test(precheckTaskId)) {
    problems.push(
      `\`precheck-task-id\` ${visible(precheckTaskId)} looks like a comparison task ID: put it in task-id, and leave precheck-task-id empty to start a new precheck.`
    )
  }
}

function parseComparison(raw: string, taskId: string, problems: string[]): ComparisonKind {
  const fromPrefix = (Object.keys(KIND_PREFIX) as ComparisonKind[]).find(kind =>
    taskId.toLowerCase().startsWith(KIND_PREFIX[kind])
  )
  if (raw === 'schema' || raw === 'data') {
    if (fromPrefix && fromPrefix !== raw) {
      problems.push(
        `\`comparison\` is "${raw}", but \`task-id\` ${visible(taskId)} is a ${fromPrefix} comparison task (${KIND_PREFIX[fromPrefix]}...): set comparison to ${fromPrefix} or auto, or check task-id.`
      )
    }
    return raw
  }
  if (raw !== 'auto') {
    problems.push(`\`comparison\` must be schema, data or auto, got ${visible(raw)}.`)
    return 'schema'
  }
  if (!fromPrefix && taskId !== '' && !/^pcte-/i.test(taskId)) {
    problems.push(
      `\`comparison\` is auto, but \`task-id\` ${visible(taskId)} starts with neither cc- (schema comparison) nor cd- (data comparison): check task-id, or set comparison to schema or data.`
    )
  }
  return fromPrefix ?? 'schema'
}

function seconds(name: keyof typeof SECONDS_RANGE, raw: string, problems: string[]): number {
  const { min, max, examples } = SECONDS_RANGE[name]
  // Plain decimal only: "1e3", "0x10", "Infinity" and "5s" are refused rather than guessed at.
  if (!/^(\d{1,12}(\.\d{0,9})?|\.\d{1,9})$/.test(raw)) {
    problems.push(
      `\`${name}\` must be a number of seconds (e.g. ${examples}), got ${visible(raw)}.`
    )
    return NaN
  }
  const value = Number(raw)
  if (value < min) problems.push(`\`${name}\` must be at least ${min} seconds, got "${raw}".`)
  else if (value > max) problems.push(`\`${name}\` must be at most ${max} seconds, got "${raw}".`)
  return Math.round(value * 1000)
}

function bool(name: string, raw: string, problems: string[]): boolean {
  if (TRUE_WORDS.includes(raw)) return true
  if (FALSE_WORDS.includes(raw)) return false
  problems.push(`\`${name}\` must be true or false, got ${visible(raw)}.`)
  return true
}

/**
 * The URL as typed, with any user name or password hidden, for messages. The text may not parse as a
 * URL at all, and a password may hold `/`, `?`, `#` or `@`: everything between the scheme (with its
 * slashes) and the last `@` is hidden, which hides a little too much in the rare path with an `@`.
 */
export function withoutUserinfo(raw: string): string {
  const at = raw.lastIndexOf('@')
  if (at < 0) return raw
  const prefix = /^(?:[a-z][a-z0-9+.-]*:[/\\]+|https?:)?[/\\]*/i.exec(raw)?.[0] ?? ''
  return at < prefix.length ? raw : `${prefix}***${raw.slice(at)}`
}

function parseApiUrl(raw: string, problems: string[]): string {
  if (raw === '') return ''
  const shown = visible(withoutUserinfo(raw))
  if (/^https?:\/?(?!\/)/i.test(raw)) {
    problems.push(
      `\`api-url\` ${shown} needs two slashes after the scheme, e.g. https://ninedata.example.com.`
    )
    return ''
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    problems.push(
      `\`api-url\` ${shown} has no scheme: add https:// (or http://) in front, e.g. https://${withoutUserinfo(raw).replace(/^\/+/, '')}.`
    )
    return ''
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    problems.push(
      `\`api-url\` ${shown} is not a valid URL; expected e.g. https://ninedata.example.com.`
    )
    return ''
  }
  const path = url.pathname.replace(/\/+$/, '')
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`\`api-url\` must start with https:// or http://, got ${visible(url.protocol)}.`)
  } else if (url.username || url.password) {
    problems.push(
      '`api-url` must not contain a user name or password; use access-key-id and access-key-secret.'
    )
  } else if (url.search || url.hash) {
    problems.push('`api-url` must be a base URL without a query string or fragment.')
  } else if (/\/openapi(\/|$)/i.test(path)) {
    problems.push(
      `\`api-url\` must be the base URL without the API path: drop "${path.slice(path.toLowerCase().indexOf('/openapi'))}" (use ${url.origin}${path.slice(0, path.toLowerCase().indexOf('/openapi'))}); the action adds /openapi/v1/... itself.`
    )
  }
  return `${url.origin}${path}`
}

/** Whether the job summary should be written, read leniently for the error path. */
export function wantsJobSummary(get: InputGetter): boolean {
  return !FALSE_WORDS.includes((get('job-summary') ?? '').trim())
}

/**
 * The step's secrets as given (each also trimmed), read before anything is parsed so even a refused
 * input or a crash cannot print them: the access key secret, and the github-token unless pr-comment
 * is plainly off (a pr-comment the parser refuses still counts as on).
 */
export function stepSecrets(get: InputGetter): string[] {
  const raw = [get('access-key-secret') ?? '']
  if (!FALSE_WORDS.includes((get('pr-comment') ?? '').trim())) raw.push(get('github-token') ?? '')
  return [...new Set(raw.flatMap(s => [s, s.trim()]).filter(s => s !== ''))]
}
