import { afterEach, describe, expect, it } from '@jest/globals'
import { standardItems } from '../../simulator/items.js'
import { SCENARIOS, type Scenario } from '../../simulator/scenarios.js'
import { DEFAULT_TASKS, startSimulator, type Simulator } from '../../simulator/server.js'
import { FakeClock } from '../helpers/fake-clock.js'
import { dataOf, precheckStatus, startPrecheck } from '../helpers/signed-by-hand.js'

// NineData's task rules, as the simulator plays them: a task it does not know is "task not found"
// in every scenario, and a task with a precheck under way refuses another start with "task status
// invalid" until that precheck settles.

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

/** The pass scenario with a precheck that settles after about 60 ms. */
const quick: Scenario = { ...SCENARIOS['pass']!, name: 'quick', items: () => standardItems(0.05) }

describe('a task the simulator does not know is "task not found"', () => {
  it.each(Object.keys(SCENARIOS).filter(name => !SCENARIOS[name]!.faults))(
    'in the %s scenario, on start and status',
    async name => {
      sim = await startSimulator({ scenario: name })
      const kind = SCENARIOS[name]!.comparison ?? 'schema'
      const taskId = kind === 'data' ? 'cd-unknown1' : 'cc-unknown1'
      const started = await startPrecheck(sim, kind, taskId)
      expect(started.http).toBe(200)
      expect(started.json).toMatchObject({ success: false, message: 'task not found' })
      const status = await precheckStatus(sim, kind, taskId, 'pcte-x')
      expect(status.json).toMatchObject({ success: false, message: 'task not found' })
      expect(sim.requests.filter(r => r.unknownTask)).toHaveLength(2)
      expect(sim.tasks.has(taskId)).toBe(false)
    }
  )

  it('before a hook is asked', async () => {
    const asked: string[] = []
    sim = await startSimulator({
      scenario: {
        ...SCENARIOS['pass']!,
        startAnswer: c => void asked.push(c.taskId),
        statusAnswer: c => void asked.push(c.taskId)
      }
    })
    await startPrecheck(sim, 'schema', 'cc-nobody')
    await precheckStatus(sim, 'schema', 'cc-nobody', 'pcte-x')
    expect(asked).toEqual([])
  })

  it('knows the default tasks, the options, the scenario, addTask and addPrecheck', async () => {
    sim = await startSimulator({
      scenario: { ...SCENARIOS['pass']!, tasks: ['cc-fromscenario'] },
      tasks: ['cc-fromoptions']
    })
    sim.addTask('cc-added')
    const byPrecheck = sim.addPrecheck('cc-byprecheck', 10_000)
    for (const taskId of ['cc-fromscenario', 'cc-fromoptions', 'cc-added', DEFAULT_TASKS[0]!])
      expect(dataOf(await startPrecheck(sim, 'schema', taskId))).toMatchObject({ taskId })
    expect(dataOf(await precheckStatus(sim, 'schema', 'cc-byprecheck', byPrecheck))).toMatchObject({
      status: 'Success'
    })
  })

  it('knows every task ID the tests, demo and bench use', () => {
    for (const taskId of ['cc-th6j3fs58y', 'cc-demo7k2x9q', 'cd-demo4m8w2r', 'cc-hostile7q2'])
      expect(DEFAULT_TASKS).toContain(taskId)
    for (const taskId of ['cd-hostile9k4', 'cc-netw0rk', 'cc-1', 'cd-1', 'task-1', 'task-42'])
      expect(DEFAULT_TASKS).toContain(taskId)
  })
})

describe('a second start while the task is busy is "task status invalid"', () => {
  it('until the precheck settles; another task is not affected', async () => {
    // The scenario's clock moves only when the test moves it.
    const clock = new FakeClock()
    sim = await startSimulator({ scenario: quick, now: clock.now })
    dataOf(await startPrecheck(sim, 'schema', 'cc-1'))
    const again = await startPrecheck(sim, 'schema', 'cc-1')
    expect(again.json).toMatchObject({ success: false, message: 'task status invalid' })
    expect(sim.requests.at(-1)?.busy).toBe(true)
    dataOf(await startPrecheck(sim, 'schema', 'cc-2'))
    clock.advance(59)
    expect((await startPrecheck(sim, 'schema', 'cc-1')).json?.['message']).toBe(
      'task status invalid'
    )
    clock.advance(1)
    dataOf(await startPrecheck(sim, 'schema', 'cc-1'))
  })

  it('for as long as the precheck never settles', async () => {
    const clock = new FakeClock()
    sim = await startSimulator({ scenario: 'timeout', now: clock.now })
    dataOf(await startPrecheck(sim, 'schema', 'cc-1'))
    clock.advance(60_000)
    const again = await startPrecheck(sim, 'schema', 'cc-1')
    expect(again.json?.['message']).toBe('task status invalid')
  })

  it('a precheck a test added holds its task as well', async () => {
    sim = await startSimulator({ scenario: 'timeout' })
    sim.addPrecheck('cc-1')
    expect((await startPrecheck(sim, 'schema', 'cc-1')).json?.['message']).toBe(
      'task status invalid'
    )
  })

  it('a start whose answer a hook replaced by a fault started nothing the client knows of', async () => {
    sim = await startSimulator({
      scenario: {
        ...SCENARIOS['timeout']!,
        startAnswer: c => (c.n === 1 ? { fault: { type: 'http', status: 503 } } : undefined)
      }
    })
    expect((await startPrecheck(sim, 'schema', 'cc-1')).http).toBe(503)
    dataOf(await startPrecheck(sim, 'schema', 'cc-1'))
    expect((await startPrecheck(sim, 'schema', 'cc-1')).json?.['message']).toBe(
      'task status invalid'
    )
  })
})
