import { EndingError, endingOf, FINISHED, type Ending } from '../ending.js'
import { ApiError } from '../ninedata/api-errors.js'
import { createTask, listTasksPage, TASK_PAGE_SIZE, type ListedTask } from '../ninedata/task-api.js'
import { objectConfigOf, type TaskDefinition } from '../task-definition.js'
import { plural } from '../text/wording.js'
import { visible } from '../text/clean.js'
import type { PhaseContext } from './phase-context.js'

// The task phase, before the precheck: the task given as task-id, or the schema comparison task the
// workflow names (found by name and both datasources, else created once). It never changes or
// deletes a task.

/** The most tasks read to find one by name: past this the search would cost more than it is worth. */
export const MAX_LISTED_TASKS = 10_000

export interface TaskPhase {
  ending: Ending
  /** The task the gate uses; '' when none could be found or created. */
  taskId: string
  how: 'given' | 'found' | 'created'
  /** The name searched for or created ('' for a given task). */
  taskName: string
  /** Calls the phase made (list pages and create). */
  calls: number
}

export async function findOrCreateTask(ctx: PhaseContext): Promise<TaskPhase> {
  const definition = ctx.inputs.definition
  if (!definition)
    return { ending: FINISHED, taskId: ctx.inputs.taskId, how: 'given', taskName: '', calls: 0 }
  const phase: TaskPhase = {
    ending: FINISHED,
    taskId: '',
    how: 'found',
    taskName: definition.taskName,
    calls: 0
  }
  try {
    const found = await findTask(ctx, definition, phase)
    if (found) return { ...phase, taskId: found.taskId }
  } catch (error) {
    const doing = 'Listing NineData schema comparison tasks'
    return { ...phase, ending: failed(error, doing, 'Reading the task list', definition) }
  }
  try {
    return { ...phase, how: 'created', taskId: await create(ctx, definition, phase) }
  } catch (error) {
    const doing = `Creating schema comparison task ${visible(definition.taskName)}`
    return { ...phase, how: 'created', ending: failed(error, doing, 'Creating a task', definition) }
  }
}

/** Every page of the task list, bounded; the oldest task with the name and both datasources. */
async function findTask(
  ctx: PhaseContext,
  definition: TaskDefinition,
  phase: TaskPhase
): Promise<ListedTask | undefined> {
  ctx.log.info(
    `Looking for schema comparison task ${visible(definition.taskName)} from ${definition.sourceDsId} to ${definition.targetDsId} (NineData's task list has no name filter: every page is read).`
  )
  const matches: ListedTask[] = []
  let seen = 0
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await listTasksPage(ctx.client, pageNumber)
    phase.calls++
    if (page.total > MAX_LISTED_TASKS) throw tooManyTasks(page.total)
    matches.push(...page.tasks.filter(task => isTheTask(task, definition)))
    seen += page.tasks.length
    if (page.tasks.length < TASK_PAGE_SIZE || seen >= page.total) break
  }
  return chooseTask(ctx, matches, definition, phase.calls)
}

function isTheTask(task: ListedTask, definition: TaskDefinition): boolean {
  return (
    task.taskName === definition.taskName &&
    task.sourceDsId === definition.sourceDsId &&
    task.targetDsId === definition.targetDsId
  )
}

function chooseTask(
  ctx: PhaseContext,
  matches: ListedTask[],
  definition: TaskDefinition,
  calls: number
): ListedTask | undefined {
  const periodic = matches.find(task => task.periodic.toUpperCase() === 'PERIODIC')
  if (periodic) {
    throw new EndingError({
      how: 'error',
      message: `Schema comparison task ${periodic.taskId} has the name ${visible(definition.taskName)} and both datasources, but it is a scheduled (PERIODIC) task: running it would enable its schedule. Give another task-name, or that task's ID as task-id.`
    })
  }
  const oldestFirst = [...matches].sort(
    (a, b) => a.createTime.localeCompare(b.createTime) || a.taskId.localeCompare(b.taskId)
  )
  const task = oldestFirst[0]
  const read = `${plural(calls, 'page')} of the task list read`
  if (!task) return void ctx.log.info(`No task has that name and both datasources (${read}).`)
  if (matches.length > 1) {
    ctx.log.warning(
      `${matches.length} schema comparison tasks have the name ${visible(definition.taskName)} and both datasources (${oldestFirst.map(t => t.taskId).join(', ')}): using the oldest, ${task.taskId}.`
    )
  }
  const byHand = definition.nameGiven
    ? ' NineData does not list what a task compares: with a task-name of your own, change the name when databases or tables change.'
    : ''
  ctx.log.info(
    `Found schema comparison task ${task.taskId} (${read}). Pin it as \`task-id: ${task.taskId}\` to skip this search.${byHand}`
  )
  return task
}

async function create(
  ctx: PhaseContext,
  definition: TaskDefinition,
  phase: TaskPhase
): Promise<string> {
  ctx.log.info(`Creating a one-time schema comparison task named ${visible(definition.taskName)}.`)
  phase.calls++
  const created = await createTask(ctx.client, {
    taskName: definition.taskName,
    sourceDsId: definition.sourceDsId,
    targetDsId: definition.targetDsId,
    objectConfig: objectConfigOf(definition)
  })
  const note =
    created.call.unclearAttempts > 0
      ? ` ${plural(created.call.unclearAttempts, 'earlier attempt')} of the create call got no usable answer, so NineData may hold another task with this name; later runs use the oldest.`
      : ''
  ctx.log.info(
    `Created schema comparison task ${created.taskId} (requestId ${created.call.requestId || 'none'}).${note} ` +
      `Later runs with the same definition find it by name; to skip that search, pin it as \`task-id: ${created.taskId}\` and drop source-datasource, target-datasource, databases, tables and task-name.`
  )
  return created.taskId
}

function tooManyTasks(total: number): EndingError {
  return new EndingError({
    how: 'error',
    message: `NineData lists ${total} schema comparison tasks, more than the ${MAX_LISTED_TASKS} this action reads to find one by name: give the task as task-id instead.`
  })
}

const PERMISSION_WORDS = /permission|denied|forbidden|unauthori[sz]ed|no privilege|权限/i

/** The phase's ending; a permission refusal says what NineData calls the permission, and where. */
function failed(
  error: unknown,
  doing: string,
  needing: string,
  definition: TaskDefinition
): Ending {
  const ending = endingOf(error, `${doing} failed`)
  if (
    ending.how !== 'error' ||
    !(error instanceof ApiError) ||
    !PERMISSION_WORDS.test(error.message)
  )
    return ending
  const named = [definition.sourceDsId, definition.targetDsId].filter(id =>
    error.message.includes(id)
  )
  const where =
    named.length === 1
      ? `datasource ${named[0]}`
      : `both datasources (source ${definition.sourceDsId}, target ${definition.targetDsId})`
  return {
    ...ending,
    hint:
      `${needing} needs NineData's SchemaCompare permission on ${where} for the AccessKey's user (NineData console: Permission, or the user's role). ` +
      'Or create the task in the console and give its ID as task-id.'
  }
}
