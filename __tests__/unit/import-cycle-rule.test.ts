import { afterEach, describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tseslint from 'typescript-eslint'
import { cyclesOf, importGraph, importGraphPlugin } from '../../scripts/lint/import-graph.js'

// The lint rule that keeps src/ free of import cycles, on small folders written for each test:
// the two cycles src/ once had (one through `import type`, one through a dynamic import) fail it.

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycle-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'src', name, '..'), { recursive: true })
    writeFileSync(join(dir, 'src', name), text)
  }
  return dir
}

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['src/**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { imports: importGraphPlugin },
        rules: { 'imports/no-cycle': ['error', { root: 'src' }] }
      }
    ]
  })
  const results = await eslint.lintFiles(['src/**/*.ts'])
  return results.flatMap(r => r.messages.map(m => `${m.ruleId ?? 'parse'}: ${m.message}`))
}

describe('imports/no-cycle', () => {
  it('fails a cycle closed by a type-only import', async () => {
    const dir = folder({
      'gate.ts':
        "import { progress } from './phases/comparison.js'\nexport interface Gate { n: number }\nprogress()\n",
      'phases/comparison.ts':
        "import { line } from '../report/progress.js'\nexport const progress = () => line()\n",
      'report/progress.ts': "import { model } from './model.js'\nexport const line = () => model\n",
      'report/model.ts':
        "import type { Gate } from '../gate.js'\nexport const model: Gate | undefined = undefined\n"
    })
    const messages = await lint(dir)
    expect(messages).toHaveLength(4)
    expect(messages).toContain(
      'imports/no-cycle: Import cycle: report/model.ts -> gate.ts -> phases/comparison.ts -> report/progress.ts -> report/model.ts'
    )
  })

  it('fails a cycle closed by a dynamic import', async () => {
    const dir = folder({
      'comment.ts':
        "export interface Options { on: boolean }\nexport const post = async () => (await import('./post.js')).send\n",
      'post.ts':
        "import type { Options } from './comment.js'\nexport const send = (o: Options) => o.on\n"
    })
    expect(await lint(dir)).toEqual([
      'imports/no-cycle: Import cycle: comment.ts -> post.ts -> comment.ts',
      'imports/no-cycle: Import cycle: post.ts -> comment.ts -> post.ts'
    ])
  })

  it('passes imports that flow one way, and imports of packages', async () => {
    const dir = folder({
      'main.ts':
        "import { a } from './a.js'\nimport { join } from 'node:path'\nexport const m = join(a)\n",
      'a.ts': "import type { B } from './b.js'\nexport const a: B = 'a'\n",
      'b.ts': 'export type B = string\n'
    })
    expect(await lint(dir)).toEqual([])
  })

  it('finds no cycle in src/', () => {
    const graph = importGraph('src')
    expect(graph.size).toBeGreaterThan(40)
    expect(cyclesOf(graph)).toEqual([])
  })
})
