import { readFileSync } from 'node:fs'
import type { RunLink } from './comment-body.js'
import { errorMessage } from '../error-message.js'

// Which pull request this run is about, read from the runner's environment and event payload, and
// the link to the run. A comment is written on pull_request and pull_request_target runs only.

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'] as const

export interface PullRequestTarget {
  owner: string
  repo: string
  number: number
  /** The head commit the run checked, when the payload names one. */
  commit?: string | undefined
  /** GitHub's REST API (GITHUB_API_URL: GitHub Enterprise Server has its own). */
  apiUrl: string
}

export type EventReading =
  | { kind: 'pull-request'; target: PullRequestTarget }
  /** Not a pull request run: nothing to do (a debug line says why). */
  | { kind: 'other-event'; why: string }
  /** A pull request run whose environment cannot be read: a warning says why. */
  | { kind: 'unreadable'; why: string }

type Env = Record<string, string | undefined>

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/
/** Payloads are a few hundred KB at most; a bigger file is not read. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024

export function readPullRequestEvent(env: Env, readFile = readPayloadFile): EventReading {
  const event = env['GITHUB_EVENT_NAME'] ?? ''
  if (!(PULL_REQUEST_EVENTS as readonly string[]).includes(event)) {
    const name = event ? `a ${event} event` : 'an unknown event (GITHUB_EVENT_NAME is not set)'
    return {
      kind: 'other-event',
      why: `pr-comment is on, but this run is ${name}: a comment is written only on pull_request and pull_request_target runs.`
    }
  }
  const repository = REPOSITORY.exec(env['GITHUB_REPOSITORY'] ?? '')
  if (!repository) {
    return { kind: 'unreadable', why: 'GITHUB_REPOSITORY is not set or not owner/name.' }
  }
  const apiUrl = apiUrlOf(env['GITHUB_API_URL'])
  if (!apiUrl) return { kind: 'unreadable', why: 'GITHUB_API_URL is not an http(s) URL.' }
  const path = env['GITHUB_EVENT_PATH']
  if (!path) return { kind: 'unreadable', why: 'GITHUB_EVENT_PATH is not set.' }
  let payload: unknown
  try {
    payload = JSON.parse(readFile(path))
  } catch (error) {
    return {
      kind: 'unreadable',
      why: `the event payload (GITHUB_EVENT_PATH) could not be read: ${errorMessage(error)}.`
    }
  }
  const pr = pullRequestOf(payload)
  if (!pr) {
    return { kind: 'unreadable', why: 'the event payload names no pull request number.' }
  }
  const [, owner = '', repo = ''] = repository
  return { kind: 'pull-request', target: { owner, repo, apiUrl, ...pr } }
}

function readPayloadFile(path: string): string {
  const text = readFileSync(path, 'utf8')
  if (text.length > MAX_PAYLOAD_BYTES) throw new Error('the file is larger than 25 MB')
  return text
}

function pullRequestOf(payload: unknown): { number: number; commit?: string } | undefined {
  if (!isRecord(payload) || !isRecord(payload['pull_request'])) return undefined
  const pr = payload['pull_request']
  const number = pr['number']
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return undefined
  const head = isRecord(pr['head']) ? pr['head']['sha'] : undefined
  const commit = typeof head === 'string' && /^[0-9a-f]{7,64}$/i.test(head) ? head : undefined
  return commit ? { number, commit } : { number }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** GITHUB_API_URL without a trailing slash, or GitHub.com's when unset; undefined when not http(s). */
export function apiUrlOf(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim() || 'https://api.github.com'
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    if (url.username || url.password || url.search || url.hash) return undefined
    return value.replace(/\/+$/, '')
  } catch {
    return undefined
  }
}

const SERVER_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/

/**
 * The run's page, where its job summary is. Undefined unless every part has the runner's own shape,
 * so the URL goes into an href without escaping.
 */
export function runLinkOf(env: Env): RunLink | undefined {
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '')
  const repository = env['GITHUB_REPOSITORY'] ?? ''
  const runId = env['GITHUB_RUN_ID'] ?? ''
  const attempt = env['GITHUB_RUN_ATTEMPT'] ?? ''
  if (!SERVER_URL.test(server) || !REPOSITORY.test(repository) || !/^\d{1,20}$/.test(runId))
    return undefined
  const base = `${server}/${repository}/actions/runs/${runId}`
  if (/^\d{1,6}$/.test(attempt)) {
    // The attempt's own page: a re-run's summary is not the first attempt's.
    const label = attempt === '1' ? `run ${runId}` : `run ${runId}, attempt ${attempt}`
    return { url: `${base}/attempts/${attempt}`, label }
  }
  return { url: base, label: `run ${runId}` }
}
