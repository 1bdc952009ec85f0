import { standardItems } from './items.js'
import type { Scenario } from './types.js'

// Scenarios of the task the workflow names (datasources instead of task-id) and of busy tasks: a
// console with other users' tasks, a refused create, a task another precheck holds.

/** The datasources and databases the demo names for these scenarios. */
export const DEMO_DEFINITION = {
  'source-datasource': 'ds-staging01',
  'target-datasource': 'ds-prod01',
  databases: 'shop, billing=billing_v2'
} as const

const quick = () => standardItems(0.25)

export const TASK_SCENARIOS: Record<string, Scenario> = {
  'task-from-datasources': {
    name: 'task-from-datasources',
    description:
      'The workflow names the datasources and databases: the gate reads the task list (250 other tasks), creates the task, prechecks it.',
    items: quick,
    consoleTasks: { count: 250 },
    definition: DEMO_DEFINITION
  },
  'task-create-refused': {
    name: 'task-create-refused',
    description:
      'As task-from-datasources, but NineData refuses to create the task (no SchemaCompare permission on the target).',
    items: quick,
    createError: `PERMISSION_DENY module:DataSource ${DEMO_DEFINITION['target-datasource']}`,
    definition: DEMO_DEFINITION
  },
  'busy-task': {
    name: 'busy-task',
    description:
      'Another precheck holds the task: starts are "task status invalid" until the third task detail query; the gate waits, then starts its own.',
    items: quick,
    busyForDetailPolls: 3
  },
  'busy-task-forever': {
    name: 'busy-task-forever',
    description:
      'Another precheck holds the task and never lets go: the gate waits until its timeout.',
    items: quick,
    busyForDetailPolls: Number.POSITIVE_INFINITY
  }
}
