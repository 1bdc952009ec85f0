import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type TemplateParseResult
} from '@actions/workflow-parser'
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index'
import { parse } from 'yaml'

// GitHub's own reading of workflows and of action.yml, through @actions/workflow-parser (the parser
// behind GitHub's Actions language service), and the checks it does not make: every `with:` key
// given to this action is one of action.yml's inputs, every required input is given, and every
// `steps.<id>.outputs.<name>` of this action's step is one of its outputs.

/** A file or a part of one: its name (with the line it starts at) and its text. */
export interface Source {
  name: string
  content: string
}

/** This action's inputs and outputs, as GitHub reads action.yml, and what it found wrong there. */
export interface ActionInterface {
  inputs: Map<string, { required: boolean; hasDefault: boolean }>
  outputs: Set<string>
  problems: string[]
}

const errorsOf = (result: TemplateParseResult): string[] =>
  result.context.errors.getErrors().map(error => error.message)

export function readActionYml(source: Source): ActionInterface {
  const parsed = parseAction(source, new NoOperationTraceWriter())
  const inputs: ActionInterface['inputs'] = new Map()
  const outputs = new Set<string>()
  if (parsed.value) {
    const action = convertActionTemplate(parsed.context, parsed.value)
    for (const input of action.inputs ?? [])
      inputs.set(input.id, {
        required: input.required === true,
        hasDefault: input.default !== undefined
      })
    for (const output of action.outputs ?? []) outputs.add(output.id)
  }
  const problems = errorsOf(parsed).map(message => `${source.name}: ${message}`)
  return { inputs, outputs, problems }
}

/** A workflow in a Markdown file: padded with blank lines, so positions are the file's lines. */
export interface Block extends Source {
  /** The line of its opening fence. */
  line: number
}

/** The fenced ```yaml blocks of a Markdown text that are whole workflows (`on:` and `jobs:`). */
export function workflowBlocks(name: string, markdown: string): Block[] {
  const blocks: Block[] = []
  const fence = /^```ya?ml[^\n]*\n([\s\S]*?)^```[ \t]*$/gm
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split('\n').length
    const content = `${'\n'.repeat(line)}${match[1] ?? ''}`
    let value: unknown
    try {
      value = parse(content)
    } catch {
      // Not YAML at all: GitHub's parser says why.
      blocks.push({ name, content, line })
      continue
    }
    const record = value !== null && typeof value === 'object' ? value : {}
    if ('on' in record && 'jobs' in record) blocks.push({ name, content, line })
  }
  return blocks
}

interface StepYaml {
  id?: unknown
  uses?: unknown
  with?: Record<string, unknown> | null
}

/**
 * What GitHub's parser rejects in a workflow, then how it misuses this action (a step whose `uses`
 * `isThisAction` accepts). An empty list: nothing found.
 */
export async function judgeWorkflow(
  source: Source,
  action: ActionInterface,
  isThisAction: (uses: string) => boolean
): Promise<string[]> {
  const parsed = parseWorkflow(source, new NoOperationTraceWriter())
  const converted = parsed.value
    ? await convertWorkflowTemplate(parsed.context, parsed.value)
    : undefined
  const rejected = [...errorsOf(parsed), ...(converted?.errors ?? []).map(error => error.Message)]
  if (rejected.length > 0)
    return [...new Set(rejected)].map(message => `${source.name}: GitHub's parser: ${message}`)

  const problems: string[] = []
  const workflow = parse(source.content) as { jobs?: Record<string, { steps?: StepYaml[] }> }
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const ours = new Set<string>()
    for (const [index, step] of (job.steps ?? []).entries()) {
      if (typeof step.uses !== 'string' || !isThisAction(step.uses)) continue
      const where = `${source.name}: job ${jobId}, step ${typeof step.id === 'string' ? step.id : index + 1}`
      if (typeof step.id === 'string') ours.add(step.id)
      problems.push(...misusedInputs(where, Object.keys(step.with ?? {}), action))
    }
    // Expressions anywhere in the job (if:, env:, with:, run:, the job's outputs) that read the
    // outputs of this action's steps.
    const text = JSON.stringify(job)
    const read =
      /steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)|steps\.([A-Za-z_][\w-]*)\.outputs\[\s*'([^']*)'\s*\]/g
    for (const match of text.matchAll(read)) {
      const [id, output] = [match[1] ?? match[3] ?? '', match[2] ?? match[4] ?? '']
      if (ours.has(id) && !action.outputs.has(output))
        problems.push(
          `${source.name}: job ${jobId} reads steps.${id}.outputs.${output}: not an output of action.yml`
        )
    }
  }
  return problems
}

function misusedInputs(where: string, given: string[], action: ActionInterface): string[] {
  const problems: string[] = []
  for (const key of given)
    if (!action.inputs.has(key))
      problems.push(`${where}: with: ${key} is not an input of action.yml`)
  for (const [name, input] of action.inputs)
    if (input.required && !input.hasDefault && !given.includes(name))
      problems.push(`${where}: the required input ${name} is not given`)
  return problems
}
