import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from '@jest/globals'
import { leakedForms, nestedJson, secretForms } from '../../simulator/hostile.js'
import { SCENARIOS } from '../../simulator/scenarios.js'
import { startSimulator, type Simulator } from '../../simulator/server.js'

// The simulator itself: both comparison kinds, each only for its own task IDs, and the hooks. Talks
// to it with plain fetch and signatures computed here from the documented recipe.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

function signed(path: string, secret = 'demo-secret'): Record<string, string> {
  const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    'access-key-id': 'demo-key',
    timestamp,
    signature: createHash('sha256').update(`${path}/${secret}&${timestamp}`).digest('hex'),
    'content-type': 'application/json'
  }
}

async function start(kind: 'schema' | 'data', taskId: string): Promise<Record<string, unknown>> {
  const path = `/openapi/v1/compare${kind}/precheck/start`
  const res = await fetch(`${sim!.url}${path}`, {
    method: 'POST',
    headers: signed(path),
    body: JSON.stringify({ taskId })
  })
  return (await res.json()) as Record<string, unknown>
}

async function status(
  kind: 'schema' | 'data',
  taskId: string,
  precheckTaskId: string
): Promise<{ http: number; body: string }> {
  const path = `/openapi/v1/compare${kind}/precheck/status`
  const res = await fetch(
    `${sim!.url}${path}?taskId=${encodeURIComponent(taskId)}&precheckTaskId=${encodeURIComponent(precheckTaskId)}`,
    { headers: signed(path) }
  )
  return { http: res.status, body: await res.text() }
}

describe('the simulator serves both comparisons, each for its own task IDs', () => {
  it('starts and answers a data precheck on comparedata, and counts per kind', async () => {
    sim = await startSimulator({ scenario: 'data-pass' })
    const started = await start('data', 'cd-1')
    expect(started['success']).toBe(true)
    const id = (started['data'] as { precheckTaskId: string }).precheckTaskId
    const answer = JSON.parse((await status('data', 'cd-1', id)).body) as { success: boolean }
    expect(answer.success).toBe(true)
    expect(sim.count('start')).toBe(1)
    expect(sim.count('start', 'data')).toBe(1)
    expect(sim.count('start', 'schema')).toBe(0)
    expect(sim.requests.map(r => [r.kind, r.comparison])).toEqual([
      ['start', 'data'],
      ['status', 'data']
    ])
  })

  it('answers HTTP 200 "task not found" for a task of the other kind, on start and status', async () => {
    sim = await startSimulator({ scenario: 'pass' })
    const wrongStart = await start('schema', 'cd-1')
    expect(wrongStart).toMatchObject({ success: false, message: 'task not found' })
    expect(typeof wrongStart['requestId']).toBe('string')
    const id = sim.addPrecheck('cc-1')
    const wrongStatus = await status('data', 'cc-1', id)
    expect(wrongStatus.http).toBe(200)
    expect(JSON.parse(wrongStatus.body)).toMatchObject({
      success: false,
      message: 'task not found'
    })
    expect(sim.requests.every(r => r.wrongKind === true)).toBe(true)
    expect(sim.count('start') + sim.count('status')).toBe(2)
  })

  it('serves task IDs of an unknown prefix on both', async () => {
    sim = await startSimulator({ scenario: 'pass' })
    expect((await start('schema', 'task-1'))['success']).toBe(true)
    expect((await start('data', 'task-42'))['success']).toBe(true)
  })
})

describe('hooks', () => {
  it('statusAnswer gets the request number, IDs and the natural answer; { body } is sent raw', async () => {
    const seen: unknown[] = []
    sim = await startSimulator({
      scenario: {
        ...SCENARIOS['pass']!,
        statusAnswer: context => {
          seen.push([context.n, context.taskId, context.precheckTaskId, context.comparison])
          return context.n === 1 ? { body: 'not json at all', status: 502 } : undefined
        }
      }
    })
    const id = sim.addPrecheck('cc-1', 5000)
    expect(await status('schema', 'cc-1', id)).toEqual({ http: 502, body: 'not json at all' })
    expect(JSON.parse((await status('schema', 'cc-1', id)).body)).toMatchObject({ success: true })
    expect(seen).toEqual([
      [1, 'cc-1', id, 'schema'],
      [2, 'cc-1', id, 'schema']
    ])
    expect(sim.requests.map(r => r.hooked)).toEqual([true, undefined])
  })

  it('{ data } is wrapped in an envelope whose fields can be overridden', async () => {
    sim = await startSimulator({
      scenario: {
        ...SCENARIOS['pass']!,
        startAnswer: () => ({ data: { anything: [1, 2] }, requestId: 42 })
      }
    })
    expect(await start('schema', 'cc-1')).toEqual({
      success: true,
      requestId: 42,
      data: { anything: [1, 2] }
    })
  })

  it('{ huge } streams a valid JSON envelope of the size asked', async () => {
    sim = await startSimulator({
      scenario: { ...SCENARIOS['pass']!, statusAnswer: () => ({ huge: { bytes: 3_000_000 } }) }
    })
    const answer = await status('schema', 'cc-1', 'pcte-x')
    expect(answer.body.length).toBe(3_000_000)
    expect(JSON.parse(answer.body)).toMatchObject({ success: true })
  })
})

describe('hostile building blocks', () => {
  it('nestedJson nests as deep as asked without recursion', () => {
    expect(nestedJson(3)).toBe('[[[]]]')
    expect(JSON.parse(nestedJson(3, 'object'))).toEqual({ a: { a: { a: null } } })
    expect(nestedJson(200_000).length).toBe(400_000)
  })

  it('secretForms and leakedForms find each encoding of the secret', () => {
    const secret = 'a_b"c\\d&e'
    const forms = secretForms(secret)
    expect(forms['json']).toBe('a_b\\"c\\\\d&e')
    expect(forms['html']).toBe('a_b&quot;c\\d&amp;e')
    expect(JSON.parse(`"${forms['unicodeEscaped']}"`)).toBe(secret)
    expect(decodeURIComponent(forms['urlEverything']!)).toBe(secret)
    for (const [name, form] of Object.entries(forms))
      expect(leakedForms(`xx ${form} yy`, secret)).toContain(name)
    expect(leakedForms('nothing here ***', secret)).toEqual([])
  })
})
