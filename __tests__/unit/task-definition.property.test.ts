import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  MAX_TASK_NAME_LENGTH,
  objectConfigOf,
  parseDefinition,
  type DefinitionInputs
} from '../../src/task-definition.js'

/** Fixed, so a run on any machine tries the same cases (a failure names its seed to replay). */
const RUNS = { seed: 20261203, numRuns: 200 }

// The derived task name is the gate's memory between runs: the same definition must always give the
// same name (whatever the order of its entries, its separators or its whitespace), and any change to
// what is compared must give another.

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/)
const dsId = fc.stringMatching(/^ds-[a-z0-9]{4,12}$/)

const tableArb = fc.record({ source: word, target: word })
const dbArb = fc.record({
  source: word,
  target: word,
  tables: fc.uniqueArray(tableArb, { selector: t => t.source, maxLength: 3 })
})
const definitionArb = fc.record({
  source: dsId,
  target: dsId,
  dbs: fc.uniqueArray(dbArb, { selector: d => d.source, minLength: 1, maxLength: 4 }),
  repository: fc.stringMatching(/^[a-z0-9-]{1,40}\/[a-z0-9._-]{1,100}$/)
})
type Definition = typeof definitionArb extends fc.Arbitrary<infer T> ? T : never

/** A space or two, or nothing, around an entry's parts. */
const pad = fc.constantFrom('', ' ', '  ', '\t')

/** The inputs a workflow would write for the definition, in the order and layout given. */
function written(
  def: Definition,
  layout: { order: number[]; pads: string[]; newlines: boolean; mapSame: boolean }
): DefinitionInputs {
  const p = (i: number) => layout.pads[i % layout.pads.length] ?? ''
  const sep = layout.newlines ? '\n' : ','
  const dbs = layout.order.map(i => def.dbs[i % def.dbs.length]!)
  const unique = [...new Map(dbs.map(d => [d.source, d])).values()]
  const side = (s: string, t: string, i: number) =>
    s === t && !layout.mapSame ? `${p(i)}${s}${p(i + 1)}` : `${p(i)}${s}${p(i + 1)}=${p(i + 2)}${t}`
  const databases = unique.map((d, i) => side(d.source, d.target, i)).join(sep)
  const tables = unique
    .flatMap(d =>
      [...d.tables]
        .reverse()
        .map((t, i) => side(`${d.source}.${t.source}`, `${d.target}.${t.target}`, i))
    )
    .join(sep)
  return {
    sourceDatasource: `${p(0)}${def.source}`,
    targetDatasource: `${def.target}${p(1)}`,
    databases: `${p(2)}${databases}\n`,
    tables,
    taskName: '',
    repository: def.repository
  }
}

function nameOf(inputs: DefinitionInputs): string {
  const problems: string[] = []
  const parsed = parseDefinition(inputs, problems)
  expect(problems).toEqual([])
  return parsed!.taskName
}

const canonical = (def: Definition) => ({
  order: def.dbs.map((_, i) => i),
  pads: [''],
  newlines: false,
  mapSame: false
})

const layoutArb = (def: Definition) =>
  fc.record({
    order: fc.shuffledSubarray(
      def.dbs.map((_, i) => i),
      { minLength: def.dbs.length, maxLength: def.dbs.length }
    ),
    pads: fc.array(pad, { minLength: 1, maxLength: 5 }),
    newlines: fc.boolean(),
    mapSame: fc.boolean()
  })

describe('the derived task name', () => {
  it('is the same for the same definition, whatever the order, separators and whitespace', () => {
    fc.assert(
      fc.property(
        definitionArb.chain(def => fc.tuple(fc.constant(def), layoutArb(def))),
        ([def, layout]) => {
          expect(nameOf(written(def, layout))).toBe(nameOf(written(def, canonical(def))))
        }
      ),
      RUNS
    )
  })

  it('differs when a datasource, a database or a table on either side changes', () => {
    const change = fc.constantFrom('source', 'target', 'db-source', 'db-target', 'table', 'add')
    fc.assert(
      fc.property(definitionArb, change, word, (def, what, fresh) => {
        const changed: Definition = structuredClone(def)
        const db = changed.dbs[0]!
        if (what === 'source') changed.source = `${def.source}x`
        if (what === 'target') changed.target = `${def.target}x`
        if (what === 'db-source') db.source = `${db.source}-x`
        if (what === 'db-target') db.target = `${db.target}-x`
        if (what === 'table')
          db.tables = [...db.tables.slice(1), { source: `${fresh}-t`, target: fresh }]
        if (what === 'add') changed.dbs.push({ source: `${fresh}-new`, target: fresh, tables: [] })
        const before = nameOf(written(def, canonical(def)))
        expect(nameOf(written(changed, canonical(changed)))).not.toBe(before)
      }),
      RUNS
    )
  })

  it('fits NineData’s 64 characters with a safe alphabet, for any repository name', () => {
    fc.assert(
      fc.property(definitionArb, fc.string({ maxLength: 200 }), (def, repository) => {
        const name = nameOf({ ...written(def, canonical(def)), repository })
        expect([...name].length).toBeLessThanOrEqual(MAX_TASK_NAME_LENGTH)
        expect(name).toMatch(/^gate-[A-Za-z0-9._-]*[0-9a-f]{10}$/)
      }),
      RUNS
    )
  })
})

describe('what is compared', () => {
  const base: DefinitionInputs = {
    sourceDatasource: 'ds-staging01',
    targetDatasource: 'ds-prod01',
    databases: 'shop\nbilling = billing_v2',
    tables: 'billing.invoices=billing_v2.invoices, billing.payments',
    taskName: '',
    repository: 'octo-org/shop'
  }

  it('maps databases and tables to NineData objectConfig', () => {
    const problems: string[] = []
    const parsed = parseDefinition(base, problems)!
    expect(problems).toEqual([])
    expect(objectConfigOf(parsed)).toEqual({
      all: false,
      databaseList: [
        { databaseName: 'shop', targetDatabase: 'shop', all: true },
        {
          databaseName: 'billing',
          targetDatabase: 'billing_v2',
          all: false,
          tableList: [
            { tableName: 'invoices', targetTable: 'invoices' },
            { tableName: 'payments', targetTable: 'payments' }
          ]
        }
      ]
    })
    expect(parsed.taskName).toMatch(/^gate-octo-org-shop-[0-9a-f]{10}$/)
  })

  it('* alone is the whole instance', () => {
    const parsed = parseDefinition({ ...base, databases: ' * ', tables: '' }, [])!
    expect(objectConfigOf(parsed)).toEqual({ all: true })
  })

  const bad: [string, Partial<DefinitionInputs>, RegExp][] = [
    [
      'a datasource that is not ds-',
      { sourceDatasource: 'cc-th6j3fs58y' },
      /`source-datasource` "cc-th6j3fs58y" is not a NineData datasource ID/
    ],
    ['a missing target', { targetDatasource: '' }, /`target-datasource` is required/],
    ['no databases', { databases: ' ' }, /`databases` is required/],
    ['an empty entry', { databases: 'shop,,billing' }, /`databases`: entry 2 is empty/],
    ['a trailing comma', { databases: 'shop,', tables: '' }, /`databases`: entry 2 is empty/],
    ['= with an empty target', { databases: 'shop=' }, /`databases`: "shop=" has an empty side/],
    ['= with an empty source', { databases: '=shop' }, /`databases`: "=shop" has an empty side/],
    ['two =', { databases: 'a=b=c' }, /more than one "="/],
    [
      '* next to others',
      { databases: '*, shop' },
      /\* \(the whole instance\) next to other entries/
    ],
    ['tables with *', { databases: '*' }, /with `databases: \*`/],
    ['a duplicate database', { databases: 'shop, shop=shop2' }, /`databases` lists "shop" twice/],
    [
      'a table of an unlisted database',
      { tables: 'crm.users' },
      /"crm.users" is in database "crm", which `databases` does not list/
    ],
    [
      'a table mapped to another database',
      { tables: 'billing.invoices=shop.invoices' },
      /maps to database "shop", but `databases` maps "billing" to "billing_v2"/
    ],
    ['a table without a database', { tables: 'invoices' }, /"invoices" is not database.table/],
    [
      'a duplicate table',
      { tables: 'billing.invoices, billing.invoices' },
      /`tables` lists "billing.invoices" twice/
    ],
    [
      'an empty table side',
      { tables: 'billing.invoices=' },
      /`tables`: "billing.invoices=" has an empty side/
    ],
    [
      'a name over 64 characters',
      { taskName: 'x'.repeat(65) },
      /`task-name` is 65 characters long: NineData allows at most 64/
    ]
  ]
  it.each(bad)('refuses %s, naming the input', (_, change, message) => {
    const problems: string[] = []
    expect(parseDefinition({ ...base, ...change }, problems)).toBeUndefined()
    expect(problems.join('\n')).toMatch(message)
  })

  it('takes a given name of exactly 64 characters as it is', () => {
    const taskName = 'n'.repeat(64)
    expect(parseDefinition({ ...base, taskName: ` ${taskName} ` }, [])?.taskName).toBe(taskName)
  })
})
