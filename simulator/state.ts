import { randomBytes } from 'node:crypto'
import type { RecordedRequest, RequestKind, Scenario, SimItem } from './types.js'

// Everything the simulator remembers, in one object: the scenario it plays and the credentials it
// accepts, the prechecks it started, the requests it received and how many of each kind.

/** A precheck the simulator knows: started by a request, or added by a test. */
export interface PrecheckRun {
  taskId: string
  startedAt: number
  items: SimItem[]
}

export interface SimState {
  scenario: Scenario
  accessKeyId: string
  secret: string
  /** Date.now() when the simulator started (recorded requests' atMs count from it). */
  bootedAt: number
  /** Prechecks by precheck task ID. */
  prechecks: Map<string, PrecheckRun>
  /** Every request, in order of arrival (scripts wrap its push to time arrivals). */
  requests: RecordedRequest[]
  /** Requests per endpoint kind, both comparisons together. */
  counters: Record<RequestKind, number>
  /** Date.now() of the first API request other than /openapi/now (hooks' sinceFirstMs). */
  firstApiRequestAt: number | undefined
}

export function createState(scenario: Scenario, accessKeyId: string, secret: string): SimState {
  return {
    scenario,
    accessKeyId,
    secret,
    bootedAt: Date.now(),
    prechecks: new Map(),
    requests: [],
    counters: { start: 0, status: 0, now: 0 },
    firstApiRequestAt: undefined
  }
}

/** NineData's clock: the real one moved by the scenario's skew. */
export function serverNow(state: SimState): number {
  return Date.now() + (state.scenario.clockSkewMs ?? 0)
}

/** A random ID such as `pcte-3f9a0c1b2d4e`. */
export function newId(prefix: string, bytes = 6): string {
  return `${prefix}${randomBytes(bytes).toString('hex')}`
}

/** Registers a precheck of `taskId` that started `startedMsAgo` ago; returns its ID. */
export function addPrecheck(state: SimState, taskId: string, startedMsAgo = 0): string {
  const id = newId('pcte-')
  state.prechecks.set(id, {
    taskId,
    startedAt: Date.now() - startedMsAgo,
    items: state.scenario.items(state.secret)
  })
  return id
}
