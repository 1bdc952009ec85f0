import { createHash } from 'node:crypto'
import { visible } from './text/clean.js'

// What a gate compares when the workflow names it (source-datasource, target-datasource, databases,
// tables, task-name) instead of a console task: parsed and checked here, purely, before any request.
// The same definition always gives the same task name, so later runs find the task the first created.

/** The longest task name NineData's console accepts (the schema comparison page says 64 characters). */
export const MAX_TASK_NAME_LENGTH = 64

export interface TableEntry {
  source: string
  target: string
}

export interface DatabaseEntry {
  source: string
  target: string
  /** Empty: every table of the database. */
  tables: TableEntry[]
}

export interface TaskDefinition {
  sourceDsId: string
  targetDsId: string
  /** 'all': the whole instance (`databases: *`). */
  databases: DatabaseEntry[] | 'all'
  taskName: string
  /** Whether task-name was given (else derived from the repository and the definition). */
  nameGiven: boolean
}

export interface DefinitionInputs {
  sourceDatasource: string
  targetDatasource: string
  databases: string
  tables: string
  taskName: string
  /** owner/name of the repository (GITHUB_REPOSITORY); '' outside a runner. */
  repository: string
}

const DATASOURCE_ID = /^ds-[A-Za-z0-9_-]{1,64}$/
// Whitespace, controls and invisible format characters have no place in a name NineData shows.
const NAME_PROBLEM = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u

/** The definition, or undefined with every problem pushed (each naming its input). */
export function parseDefinition(
  raw: DefinitionInputs,
  problems: string[]
): TaskDefinition | undefined {
  const before = problems.length
  const sourceDsId = checkDatasource('source-datasource', raw.sourceDatasource, problems)
  const targetDsId = checkDatasource('target-datasource', raw.targetDatasource, problems)
  const databases = parseDatabases(raw.databases, problems)
  if (databases !== 'all' && databases !== undefined) addTables(databases, raw.tables, problems)
  else if (databases === 'all' && raw.tables.trim() !== '') {
    problems.push(
      '`tables` narrows the databases listed in `databases`; with `databases: *` (the whole instance) leave it empty, or list the databases.'
    )
  }
  const nameGiven = raw.taskName.trim() !== ''
  if (nameGiven) checkTaskName(raw.taskName.trim(), problems)
  if (problems.length > before || databases === undefined) return undefined
  const definition = { sourceDsId, targetDsId, databases }
  return {
    ...definition,
    taskName: nameGiven ? raw.taskName.trim() : derivedTaskName(raw.repository, definition),
    nameGiven
  }
}

function checkDatasource(name: string, value: string, problems: string[]): string {
  const id = value.trim()
  if (id === '') problems.push(`\`${name}\` is required with the other datasource input.`)
  else if (!DATASOURCE_ID.test(id)) {
    problems.push(
      `\`${name}\` ${visible(id)} is not a NineData datasource ID: they look like ds-ct192k3jlj4f (the console's datasource list, or data[].datasourceId of List Data Sources).`
    )
  }
  return id
}

function checkTaskName(name: string, problems: string[]): void {
  const length = [...name].length
  if (length > MAX_TASK_NAME_LENGTH) {
    problems.push(
      `\`task-name\` is ${length} characters long: NineData allows at most ${MAX_TASK_NAME_LENGTH}. Shorten it, or leave it empty for a derived name.`
    )
  } else if (NAME_PROBLEM.test(name)) {
    problems.push(`\`task-name\` ${visible(name)} contains control or invisible characters.`)
  }
}

/** Entries of a list input: one per line or comma-separated, each trimmed. */
export function entriesOf(raw: string): string[] {
  const text = raw.trim()
  return text === '' ? [] : text.split(/[,\n]/).map(entry => entry.trim())
}

/** `a` or `a=b` as both sides, or the problem with it. */
function sides(entry: string): { source: string; target: string } | string {
  const parts = entry.split('=').map(part => part.trim())
  if (parts.length > 2) return `${visible(entry)} has more than one "="`
  const [source = '', target = source] = parts
  if (source === '' || target === '')
    return `${visible(entry)} has an empty side of "=" (write source=target)`
  return { source, target }
}

function parseDatabases(raw: string, problems: string[]): DatabaseEntry[] | 'all' | undefined {
  const entries = entriesOf(raw)
  if (entries.length === 0) {
    problems.push(
      '`databases` is required with the datasources: list the databases to compare (app, or app=app_v2), or * for the whole instance.'
    )
    return undefined
  }
  if (entries.includes('*')) {
    if (entries.length === 1) return 'all'
    problems.push(
      '`databases` has * (the whole instance) next to other entries: use * alone, or list the databases.'
    )
    return undefined
  }
  const databases: DatabaseEntry[] = []
  const before = problems.length
  entries.forEach((entry, index) => {
    const read = entryProblem('databases', entry, index) ?? sides(entry)
    if (typeof read === 'string') return void problems.push(`\`databases\`: ${read}.`)
    if (databases.some(db => db.source === read.source))
      return void problems.push(`\`databases\` lists ${visible(read.source)} twice.`)
    databases.push({ ...read, tables: [] })
  })
  return problems.length > before ? undefined : databases
}

function entryProblem(input: string, entry: string, index: number): string | undefined {
  if (entry === '') return `entry ${index + 1} is empty (two commas, or a comma at an end)`
  if (entry === '*' && input === 'tables') return '* is not a table (leave `tables` empty for all)'
  return undefined
}

function addTables(databases: DatabaseEntry[], raw: string, problems: string[]): void {
  entriesOf(raw).forEach((entry, index) => {
    const read = entryProblem('tables', entry, index) ?? tableSides(entry)
    if (typeof read === 'string') return void problems.push(`\`tables\`: ${read}.`)
    const db = databases.find(d => d.source === read.db)
    if (!db) {
      return void problems.push(
        `\`tables\`: ${visible(entry)} is in database ${visible(read.db)}, which \`databases\` does not list.`
      )
    }
    if (read.targetDb !== undefined && read.targetDb !== db.target) {
      return void problems.push(
        `\`tables\`: ${visible(entry)} maps to database ${visible(read.targetDb)}, but \`databases\` maps ${visible(db.source)} to ${visible(db.target)}.`
      )
    }
    if (db.tables.some(t => t.source === read.source))
      return void problems.push(`\`tables\` lists ${visible(`${db.source}.${read.source}`)} twice.`)
    db.tables.push({ source: read.source, target: read.target })
  })
}

type TableSides = { db: string; source: string; targetDb?: string; target: string }

/** `db.table` or `db.table=db2.table2`; the first dot parts database from table. */
function tableSides(entry: string): TableSides | string {
  const read = sides(entry)
  if (typeof read === 'string') return read
  const source = splitTable(read.source)
  const target = read.target === read.source ? source : splitTable(read.target)
  if (!source || !target)
    return `${visible(entry)} is not database.table (or database.table=database.table)`
  return read.target === read.source
    ? { db: source.db, source: source.table, target: source.table }
    : { db: source.db, source: source.table, targetDb: target.db, target: target.table }
}

function splitTable(text: string): { db: string; table: string } | undefined {
  const dot = text.indexOf('.')
  const db = text.slice(0, dot).trim()
  const table = text.slice(dot + 1).trim()
  return dot > 0 && db !== '' && table !== '' ? { db, table } : undefined
}

/**
 * The definition in one canonical text: entries sorted, sides explicit, so order and whitespace do
 * not change it and any side that changes does.
 */
export function canonicalForm(
  definition: Pick<TaskDefinition, 'sourceDsId' | 'targetDsId' | 'databases'>
): string {
  const byName = <T extends { source: string }>(a: T, b: T) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : 0
  const databases =
    definition.databases === 'all'
      ? '*'
      : [...definition.databases].sort(byName).map(db => ({
          s: db.source,
          t: db.target,
          tables: [...db.tables].sort(byName).map(t => [t.source, t.target])
        }))
  return JSON.stringify({ s: definition.sourceDsId, t: definition.targetDsId, databases })
}

const HASH_LENGTH = 10
const NAME_PREFIX = 'gate-'

/** `gate-<repository>-<hash>`, at most MAX_TASK_NAME_LENGTH: the repository part is cut to fit. */
export function derivedTaskName(
  repository: string,
  definition: Pick<TaskDefinition, 'sourceDsId' | 'targetDsId' | 'databases'>
): string {
  const hash = createHash('sha256').update(canonicalForm(definition)).digest('hex')
  const room = MAX_TASK_NAME_LENGTH - NAME_PREFIX.length - HASH_LENGTH - 1
  // Letters, digits, `.`, `_` and `-` only: NineData documents no alphabet for names.
  const repo = repository.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, room)
  return `${NAME_PREFIX}${repo ? `${repo}-` : ''}${hash.slice(0, HASH_LENGTH)}`
}

/** NineData's objectConfig for the definition (Create Schema/Data Comparison Task). */
export function objectConfigOf(definition: TaskDefinition): Record<string, unknown> {
  if (definition.databases === 'all') return { all: true }
  return {
    all: false,
    databaseList: definition.databases.map(db => ({
      databaseName: db.source,
      targetDatabase: db.target,
      all: db.tables.length === 0,
      ...(db.tables.length > 0
        ? { tableList: db.tables.map(t => ({ tableName: t.source, targetTable: t.target })) }
        : {})
    }))
  }
}
