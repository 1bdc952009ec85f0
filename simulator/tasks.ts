import type { Comparison } from './types.js'

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
