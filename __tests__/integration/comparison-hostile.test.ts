import { afterEach, describe, expect, it } from '@jest/globals'
import { hostileObjects, sameTables } from '../../simulator/compare-objects.js'
import { leakedForms } from '../../simulator/hostile.js'
import type { DataTable, SchemaObject } from '../../simulator/types.js'
import type { ActionResult } from '../helpers/action-runner.js'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { gate, stopSimulators } from '../helpers/simulator.js'

// Server text in a comparison run's results (object and table names, DDL, correction SQL) stays
// inert wherever the action shows it: no workflow command in the log, no live tag in the summary,
// the secret in none of the log, outputs, summary, report file or SQL file.

afterEach(stopSimulators)

/** Characters that escape differently in JSON, HTML and URLs, so every encoding is tried. */
const SECRET = `Sx9"<k>&'q/z%20`

/** An object that echoes the secret in its name, DDL and SQL; its name tries to end the comment. */
function leakingObject(secret: string): SchemaObject {
  return {
    schemaName: 'shop',
    objectName: `leak_${secret}\nDROP DATABASE shop; -- `,
    objectType: 'TABLE',
    sourceDdl: `CREATE TABLE \`leak\` (\`c\` varchar(32) DEFAULT '${secret}')`,
    targetDdl: '',
    correctSql: `CREATE TABLE \`shop\`.\`leak\` (\`c\` varchar(32) DEFAULT '${secret}'); -- ${JSON.stringify(secret)}`
  }
}

/** Tags a summary may hold: the action's own. Anything else came from the server. */
const OWN_TAGS = new Set([
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'strong',
  'sub',
  'br',
  'wbr',
  'details',
  'summary',
  'pre'
])

function expectInert(result: ActionResult): void {
  // The log: the mask first, then only the action's own commands; no server text as a command.
  const lines = result.stdout.split('\n')
  expect(lines[0]).toMatch(/^::add-mask::/)
  expect(result.commands[0]).toEqual({ name: 'add-mask', properties: {}, data: SECRET })
  const names = new Set(result.commands.map(c => c.name))
  for (const name of names)
    expect(['add-mask', 'debug', 'group', 'endgroup', 'error', 'warning']).toContain(name)
  expect(result.commands.filter(c => c.name === 'add-mask')).toHaveLength(1)
  // Server text may be quoted inside the action's own message, never start a command of its own.
  expect(lines.filter(line => /^\s*::[^:]*::(forged|nothing|tok)/.test(line))).toEqual([])
  expect(result.commands.filter(c => /^(forged|nothing|tok)/.test(c.data))).toEqual([])
  expect(lines.filter(line => /^\s*##\[/.test(line))).toEqual([])
  expect(leakedForms(lines.slice(1).join('\n'), SECRET)).toEqual([])
  expect(leakedForms(result.stderr, SECRET)).toEqual([])

  // The summary: the action's tags only, every <details> closed, no secret in any form.
  const tags = [...result.summary.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(m => m[1]!.toLowerCase())
  expect([...new Set(tags)].filter(tag => !OWN_TAGS.has(tag))).toEqual([])
  expect(result.summary.match(/<details>/g)?.length ?? 0).toBe(
    result.summary.match(/<\/details>/g)?.length ?? 0
  )
  expect(leakedForms(result.summary, SECRET)).toEqual([])

  for (const [name, value] of Object.entries(result.outputs))
    expect([name, leakedForms(value, SECRET)]).toEqual([name, []])
  for (const [name, text] of Object.entries(result.tempFiles))
    expect([name, leakedForms(text, SECRET)]).toEqual([name, []])
}

describe('hostile text in a comparison run', () => {
  it('in schema object names, DDL and correction SQL stays inert (compare-hostile-sql)', async () => {
    const scenario = quickRun('compare-hostile-sql', {
      objects: secret => [...hostileObjects(), leakingObject(secret)]
    })
    const { result } = await gate(
      scenario,
      compareInputs(scenario, { 'access-key-secret': SECRET }),
      {},
      { accessKeySecret: SECRET }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['difference-count']).toBe('6')
    expectInert(result)
    // The SQL file keeps the SQL as NineData sent it (secret hidden); names stay in their comments.
    const sqlFile = Object.entries(result.tempFiles).find(([name]) => name.endsWith('.sql'))?.[1]
    expect(sqlFile).toContain('::error::forged by correction SQL')
    expect(sqlFile).toContain("CREATE TABLE `shop`.`leak` (`c` varchar(32) DEFAULT '***');")
    expect(sqlFile?.split('\n').filter(line => line.startsWith('DROP DATABASE'))).toEqual([])
    expect(sqlFile).toMatch(
      /^-- progressId \d+: shop\.leak_\*\*\* \u23ce DROP DATABASE shop; -- ?$/m
    )
    // The summary shows the hostile SQL as text.
    expect(result.summary).toContain('&lt;/details&gt;&lt;/code&gt;&lt;/pre&gt;&lt;h1&gt;Injected')
  })

  it('in data table names stays inert', async () => {
    const table = (secret: string): DataTable => ({
      schemaName: '<img src=x onerror=alert(1)>',
      tableName: `t_${secret}\n::error::forged table</details>`,
      differenceRows: 2
    })
    const scenario = quickRun('data-compare-same', {
      tables: secret => [table(secret), ...sameTables()]
    })
    const { result } = await gate(
      scenario,
      compareInputs(scenario, { 'access-key-secret': SECRET }),
      {},
      { accessKeySecret: SECRET }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['difference-count']).toBe('2')
    expectInert(result)
    expect(result.annotations.filter(a => a.title?.startsWith('Differs: '))).toHaveLength(1)
  })
})
