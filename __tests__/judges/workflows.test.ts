import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { ROOT } from '../helpers/action-runner.js'
import { judgeWorkflow, readActionYml, workflowBlocks, type Source } from './workflow-judge.js'

// GitHub's own parser judges every workflow users copy (README.md, docs/*.md) or the project runs
// (.github/workflows), and action.yml; each use of this action is checked against action.yml as
// GitHub reads it, so an input or output renamed or added there is followed here.

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const NAME = (JSON.parse(read('package.json')) as { name: string }).name

/** `uses:` of this action: the repository at any ref (README), or the checkout itself (`./`). */
const isThisAction = (uses: string): boolean =>
  uses === './' || uses === '.' || new RegExp(`^[\\w.-]+/${NAME}(@[\\w./-]+)?$`).test(uses)

const action = readActionYml({ name: 'action.yml', content: read('action.yml') })
const readme = workflowBlocks('README.md', read('README.md'))
const docs = readdirSync(join(ROOT, 'docs'))
  .filter(file => file.endsWith('.md'))
  .flatMap(file => workflowBlocks(`docs/${file}`, read(`docs/${file}`)))
const workflows: Source[] = readdirSync(join(ROOT, '.github', 'workflows'))
  .filter(file => /\.ya?ml$/.test(file))
  .map(file => ({ name: `.github/workflows/${file}`, content: read(`.github/workflows/${file}`) }))

describe('action.yml, as GitHub reads it', () => {
  it('is accepted, with inputs and outputs', () => {
    expect(action.problems).toEqual([])
    expect([...action.inputs.keys()]).toEqual(expect.arrayContaining(['api-url', 'task-id']))
    expect([...action.outputs]).toEqual(expect.arrayContaining(['status', 'report-file']))
  })
})

describe('every complete workflow in README.md', () => {
  it('is found (the usage examples are whole workflows)', () => {
    expect(readme.length).toBeGreaterThanOrEqual(2)
    expect(readme.every(block => block.content.includes(`/${NAME}@`))).toBe(true)
  })

  it.each(readme.map(block => [block.line, block] as const))(
    'the workflow at line %i: GitHub accepts it, and it uses only inputs and outputs action.yml declares',
    async (_name, block) => {
      expect(await judgeWorkflow(block, action, isThisAction)).toEqual([])
    }
  )
})

describe('every complete workflow in docs/*.md', () => {
  it('is found (the comparison run, the pull request comment, the report)', () => {
    expect(docs.length).toBeGreaterThanOrEqual(3)
  })

  it.each(docs.map(block => [`${block.name}:${block.line}`, block] as const))(
    'the workflow at %s: GitHub accepts it, and it uses only inputs and outputs action.yml declares',
    async (_name, block) => {
      expect(await judgeWorkflow(block, action, isThisAction)).toEqual([])
    }
  )
})

describe('third-party actions in the examples and workflows', () => {
  it('each is used at one version everywhere', () => {
    const versions = new Map<string, Set<string>>()
    for (const source of [...readme, ...docs, ...workflows])
      for (const match of source.content.matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([\w.-]+)/g)) {
        const [name, ref] = [match[1]!, match[2]!]
        if (isThisAction(`${name}@${ref}`)) continue
        versions.set(name, new Set([...(versions.get(name) ?? []), ref]))
      }
    expect(versions.size).toBeGreaterThan(0)
    const mixed = [...versions].filter(([, refs]) => refs.size > 1).map(([n, r]) => [n, [...r]])
    expect(mixed).toEqual([])
  })
})

describe('the workflows of this repository', () => {
  it.each(workflows.map(file => [file.name, file] as const))(
    '%s: GitHub accepts it, and it uses only inputs and outputs action.yml declares',
    async (_name, file) => {
      expect(await judgeWorkflow(file, action, isThisAction)).toEqual([])
    }
  )
})

describe('the judge fails what it should (README usage example, changed)', () => {
  const base = readme[0]!
  const changed = (from: RegExp, to: string): Source => {
    expect(base.content).toMatch(from)
    return { name: base.name, content: base.content.replace(from, to) }
  }

  it('an input action.yml does not declare, and a required input left out', async () => {
    const problems = await judgeWorkflow(
      changed(/^(\s+)api-url:/m, '$1api-urls:'),
      action,
      isThisAction
    )
    expect(problems).toEqual([
      expect.stringMatching(/with: api-urls is not an input of action\.yml/),
      expect.stringMatching(/the required input api-url is not given/)
    ])
  })

  it('an output action.yml does not declare', async () => {
    const problems = await judgeWorkflow(
      changed(/steps\.gate\.outputs\.failed-items/g, 'steps.gate.outputs.failures'),
      action,
      isThisAction
    )
    expect(problems).toEqual([
      expect.stringMatching(/reads steps\.gate\.outputs\.failures: not an output of action\.yml/),
      expect.stringMatching(/reads steps\.gate\.outputs\.failures: not an output of action\.yml/)
    ])
  })

  it.each([
    ['a misspelt step key', /^(\s+)with:/m, '$1width:'],
    ['a broken expression', /\$\{\{ !cancelled\(\) &&/, '${{ !cancelled() && &&'],
    ['an event GitHub does not have', /^on:\n {2}push:/m, 'on:\n  pushed:'],
    ['a job without runs-on', /^( {4})runs-on: ubuntu-latest\n( {4}concurrency)/m, '$2']
  ])("%s is rejected by GitHub's parser", async (_label, from, to) => {
    const problems = await judgeWorkflow(changed(from, to), action, isThisAction)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.every(problem => problem.includes("GitHub's parser"))).toBe(true)
  })
})
