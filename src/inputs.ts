// Reads and validates the action's inputs. Pure: it takes a getter so tests need no environment.

export interface Inputs {
  /** Base URL without trailing slash, e.g. `https://ninedata.example.com`. */
  apiUrl: string
  accessKeyId: string
  accessKeySecret: string
  taskId: string
  /** Empty: start a new precheck. */
  precheckTaskId: string
  pollIntervalMs: number
  timeoutMs: number
  requestTimeoutMs: number
  failOnFailure: boolean
  jobSummary: boolean
}

/** The defaults of action.yml, applied when an input is empty (e.g. when run outside a runner). */
export const INPUT_DEFAULTS = {
  'precheck-task-id': '',
  'poll-interval-seconds': '5',
  'timeout-seconds': '900',
  'request-timeout-seconds': '30',
  'fail-on-failure': 'true',
  'job-summary': 'true'
} as const

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
// Control characters or whitespace inside an ID are always a copy-paste accident.
const ID_PATTERN = /^[^\s\p{Cc}]+$/u

/** Parses every input and reports all problems at once, each naming its input. */
export function parseInputs(get: InputGetter): Inputs {
  const problems: string[] = []
  const read = (name: string): string => {
    const value = (get(name) ?? '').trim()
    return value === '' ? (INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] ?? '') : value
  }
  const required = (name: string): string => {
    const value = read(name)
    if (value === '') problems.push(`\`${name}\` is required but was empty or not set.`)
    return value
  }
  const id = (name: string, value: string): string => {
    if (value !== '' && !ID_PATTERN.test(value)) {
      problems.push(`\`${name}\` must not contain spaces or control characters.`)
    }
    return value
  }
  const seconds = (name: string, max: number): number => {
    const raw = read(name)
    // Plain decimal only: "1e3", "0x10", "Infinity" and "5s" are refused rather than guessed at.
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) {
      problems.push(
        `\`${name}\` must be a positive number of seconds (e.g. 5 or 0.25), got "${raw}".`
      )
      return NaN
    }
    const value = Number(raw)
    if (!(value > 0)) {
      problems.push(`\`${name}\` must be greater than 0, got "${raw}".`)
    } else if (value > max) {
      problems.push(`\`${name}\` must be at most ${max} seconds, got "${raw}".`)
    }
    return Math.round(value * 1000)
  }
  const bool = (name: string): boolean => {
    const raw = read(name)
    if (TRUE_WORDS.includes(raw)) return true
    if (FALSE_WORDS.includes(raw)) return false
    problems.push(`\`${name}\` must be true or false, got "${raw}".`)
    return true
  }

  const apiUrl = parseApiUrl(required('api-url'), problems)
  const accessKeyId = id('access-key-id', required('access-key-id'))
  const accessKeySecret = required('access-key-secret')
  const taskId = id('task-id', required('task-id'))
  const precheckTaskId = id('precheck-task-id', read('precheck-task-id'))
  // GitHub ends a job after 6 hours at most on hosted runners; 35 days is the self-hosted ceiling.
  const timeoutMs = seconds('timeout-seconds', 35 * 24 * 3600)
  const pollIntervalMs = seconds('poll-interval-seconds', 3600)
  const requestTimeoutMs = seconds('request-timeout-seconds', 600)
  const failOnFailure = bool('fail-on-failure')
  const jobSummary = bool('job-summary')

  if (problems.length > 0) throw new InputError(problems)
  return {
    apiUrl,
    accessKeyId,
    accessKeySecret,
    taskId,
    precheckTaskId,
    pollIntervalMs,
    timeoutMs,
    requestTimeoutMs,
    failOnFailure,
    jobSummary
  }
}

function parseApiUrl(raw: string, problems: string[]): string {
  if (raw === '') return ''
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    problems.push(
      `\`api-url\` must be an http or https URL such as https://ninedata.example.com, got "${raw}".`
    )
    return ''
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`\`api-url\` must start with http:// or https://, got "${url.protocol}".`)
  } else if (url.username || url.password) {
    problems.push(
      '`api-url` must not contain a user name or password; use access-key-id and access-key-secret.'
    )
  } else if (url.search || url.hash) {
    problems.push('`api-url` must be a base URL without a query string or fragment.')
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** Whether the job summary should be written, read leniently for the error path. */
export function wantsJobSummary(get: InputGetter): boolean {
  return !FALSE_WORDS.includes((get('job-summary') ?? '').trim())
}
