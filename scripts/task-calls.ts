import { chooseActionNode } from './lib/action-node.js'
import { runAction } from './lib/action-runner.js'
import { demoInputs } from './lib/demo-inputs.js'
import { markdownTable } from './lib/markdown-table.js'
import { SCENARIOS } from '../simulator/scenarios.js'
import { startSimulator, type Simulator } from '../simulator/server.js'
import type { RequestKind } from '../simulator/types.js'

// `npx tsx scripts/task-calls.ts [-- --sizes 1,100,5000]`: how many calls a gate that names its task
// by datasources makes, counted by the simulator, on consoles of several sizes: the first run (which
// creates the task) and the second (which finds it), each with its passing precheck. Prints a
// Markdown table for docs/gate-as-code.md. Counts, not times: they do not depend on the machine.

const at = process.argv.indexOf('--sizes')
const SIZES = (at > 0 ? (process.argv[at + 1] ?? '') : '1,100,5000').split(',').map(Number)
const node = chooseActionNode().path
const DEFINITION = {
  'task-id': '',
  'source-datasource': 'ds-staging01',
  'target-datasource': 'ds-prod01',
  databases: 'shop, billing=billing_v2',
  'poll-interval-seconds': '1'
}
const KINDS: RequestKind[] = ['taskList', 'createTask', 'start', 'status']

async function counted(sim: Simulator): Promise<number[]> {
  const before = KINDS.map(kind => sim.count(kind))
  const result = await runAction(demoInputs(sim.url, DEFINITION), {
    node,
    env: { GITHUB_REPOSITORY: 'octo-org/shop' }
  })
  if (result.exitCode !== 0) throw new Error(`the run failed:\n${result.stdout}`)
  return KINDS.map((kind, i) => sim.count(kind) - before[i]!)
}

const rows: string[][] = []
for (const size of SIZES) {
  // The console has `size` tasks once this run's own is created: size - 1 others.
  const sim = await startSimulator({
    scenario: { ...SCENARIOS['pass']!, consoleTasks: { count: Math.max(0, size - 1) } }
  })
  try {
    for (const [run, counts] of [
      ['first (creates)', await counted(sim)],
      ['second (finds)', await counted(sim)]
    ] as const) {
      const total = counts.reduce((a, b) => a + b, 0)
      rows.push([String(size), run, ...counts.map(String), String(total)])
    }
  } finally {
    await sim.close()
  }
}
const head = [
  'Tasks in the console',
  'Run',
  'List pages',
  'Create',
  'Precheck start',
  'Precheck status',
  'All calls'
]
process.stdout.write(`${markdownTable([head, ...rows])}\n`)
