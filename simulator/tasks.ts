import type { Comparison, ConsoleTask, ConsoleTaskSeed } from './types.js'

// The comparison tasks the simulator knows. NineData answers "task not found" for any other task
// ID, so the simulator does too: a default set (the docs' examples, the demo's tasks and the IDs
// the tests and scripts use), plus the IDs a scenario or the options name, plus any task a test
// registers (addTask, addPrecheck).

export const DEFAULT_TASKS: readonly string[] = [
  // NineData's docs' examples.
  'cc-th6j3fs58y',
  'cd-tg3isu1xgs',
  'cd-std5nms37o',
  'cd-tepmjmnj6o',
  // The demo's tasks (scripts/lib/demo-inputs.ts) and the test kits' tasks.
  'cc-demo7k2x9q',
  'cd-demo4m8w2r',
  'cc-hostile7q2',
  'cd-hostile9k4',
  'cc-netw0rk',
  'cc-given',
  'cc-other',
  'cc-x',
  // Short IDs for hand-written requests; task- IDs have a prefix of neither kind.
  'cc-1',
  'cc-2',
  'cc-3',
  'cd-1',
  'cd-2',
  'cd-3',
  'task-1',
  'task-42'
]

/** The comparison a task ID belongs to: cc- schema, cd- data, anything else unknown (served by both). */
export function comparisonOfTask(taskId: string): Comparison | undefined {
  if (taskId.startsWith('cc-')) return 'schema'
  if (taskId.startsWith('cd-')) return 'data'
  return undefined
}

/** NineData's time format in the task list: `2026-06-25 08:47:31Z`. */
export function consoleTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
}

/**
 * The console's tasks before the gate creates any: `count` unrelated ones (other users' tasks, some
 * named like a gate's), plus lookalikes of one name, which the gate must never take for its own.
 */
export function consoleTasksOf(seed: ConsoleTaskSeed = { count: 3 }): ConsoleTask[] {
  const base = Date.UTC(2026, 5, 25, 8, 47, 31)
  const tasks: ConsoleTask[] = []
  const add = (taskName: string, sourceDsId: string, targetDsId: string): void => {
    const n = tasks.length
    tasks.push({
      taskId: `cc-seed${n.toString(36).padStart(5, '0')}`,
      taskName,
      sourceDsId,
      targetDsId,
      periodic: n % 7 === 3 ? 'PERIODIC' : 'ONETIME',
      createTime: consoleTime(base + n * 60_000)
    })
  }
  for (let i = 0; i < seed.count; i++)
    add(
      i % 2 ? `gate-someone-else-${i}` : `schema_compare_${i}`,
      `ds-src${i % 5}`,
      `ds-tgt${i % 3}`
    )
  const like = seed.lookalikesOf
  if (like) {
    add(like.taskName, like.sourceDsId, 'ds-elsewhere')
    add(like.taskName, like.targetDsId, like.sourceDsId)
    add(`${like.taskName}-copy`, like.sourceDsId, like.targetDsId)
    add(like.taskName.toUpperCase(), like.sourceDsId, like.targetDsId)
    add(` ${like.taskName}`, like.sourceDsId, like.targetDsId)
  }
  return tasks
}
