import type { DataTable, SchemaObject } from './types.js'

// What the scripted comparison runs compare: schema objects with their DDL on each side and the
// correction SQL NineData would offer, and data tables with their row differences.

const SCHEMA = 'shop'

/** The tables of a small shop database, in the order NineData lists them. */
const TABLE_NAMES = [
  'addresses',
  'audit_log',
  'cart_items',
  'carts',
  'categories',
  'coupons',
  'customers',
  'inventory',
  'invoices',
  'order_items',
  'orders',
  'payments',
  'product_variants',
  'products',
  'refunds',
  'reviews',
  'shipments',
  'suppliers',
  'users',
  'warehouses'
]

function tableDdl(name: string, columns: string[]): string {
  const body = ['`id` bigint NOT NULL AUTO_INCREMENT', ...columns, 'PRIMARY KEY (`id`)']
  return `CREATE TABLE \`${name}\` (\n  ${body.join(',\n  ')}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`
}

const COLUMNS = [
  '`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP',
  '`note` varchar(255) DEFAULT NULL'
]

/** A table that is the same on both sides. */
export function sameTable(name: string, schemaName = SCHEMA): SchemaObject {
  const ddl = tableDdl(name, COLUMNS)
  return {
    schemaName,
    objectName: name,
    objectType: 'TABLE',
    sourceDdl: ddl,
    targetDdl: ddl,
    correctSql: ''
  }
}

/** A view that is the same on both sides. */
function sameView(name: string, table: string): SchemaObject {
  const ddl = `CREATE VIEW \`${name}\` AS SELECT \`id\`, \`created_at\` FROM \`${table}\``
  return {
    schemaName: SCHEMA,
    objectName: name,
    objectType: 'VIEW',
    sourceDdl: ddl,
    targetDdl: ddl,
    correctSql: ''
  }
}

/** A dozen consistent tables: a comparison without differences. */
export function sameObjects(): SchemaObject[] {
  return TABLE_NAMES.slice(0, 12).map(name => sameTable(name))
}

/** The `index`th of many objects: tables named after the shop's (orders, orders_1, ...), every tenth a view. */
function manyObject(index: number): SchemaObject {
  const base = TABLE_NAMES[index % TABLE_NAMES.length]!
  const round = Math.floor(index / TABLE_NAMES.length)
  const name = round === 0 ? base : `${base}_${round}`
  return index % 10 === 9 ? sameView(`v_${name}`, name) : sameTable(name)
}

/** Ways an object differs, each with the SQL that makes the target match. */
const DIFFERENCES: ((object: SchemaObject) => SchemaObject)[] = [
  o => ({
    ...o,
    targetDdl: o.sourceDdl.replace('varchar(255)', 'varchar(128)'),
    correctSql: `ALTER TABLE \`${o.schemaName}\`.\`${o.objectName}\` MODIFY COLUMN \`note\` varchar(255) DEFAULT NULL;`
  }),
  o => ({
    ...o,
    targetDdl: '',
    correctSql: `${o.sourceDdl.replace('CREATE TABLE `', `CREATE TABLE \`${o.schemaName}\`.\``)};`
  }),
  o => ({
    ...o,
    sourceDdl: o.sourceDdl.replace(
      'PRIMARY KEY (`id`)',
      'PRIMARY KEY (`id`),\n  KEY `idx_created_at` (`created_at`)'
    ),
    correctSql: `ALTER TABLE \`${o.schemaName}\`.\`${o.objectName}\` ADD INDEX \`idx_created_at\` (\`created_at\`);`
  }),
  o => ({
    ...o,
    targetDdl: o.sourceDdl.replace(', `created_at`', ''),
    correctSql: `${o.sourceDdl.replace('CREATE VIEW', 'CREATE OR REPLACE VIEW')};`
  }),
  o => ({
    ...o,
    targetDdl: o.sourceDdl.replace(
      'PRIMARY KEY',
      '`legacy_flag` tinyint DEFAULT NULL,\n  PRIMARY KEY'
    ),
    correctSql: `ALTER TABLE \`${o.schemaName}\`.\`${o.objectName}\` DROP COLUMN \`legacy_flag\`;`
  })
]

/**
 * `count` objects of which those at `differing` differ (each a different kind of difference, in
 * turn). compare-differ: 130 objects, differences on both sides of the 100th.
 */
export function manyObjects(count: number, differing: readonly number[]): SchemaObject[] {
  const objects = Array.from({ length: count }, (_, i) => manyObject(i))
  differing.forEach((index, turn) => {
    const object = objects[index]
    if (!object) return
    // Views only get the view difference; tables any other.
    const change =
      object.objectType === 'VIEW' ? DIFFERENCES[3]! : DIFFERENCES[[0, 1, 2, 4][turn % 4]!]!
    objects[index] = change(object)
  })
  return objects
}

/**
 * `count` tables that all differ, each with correction SQL of about `sqlBytes` bytes: a large run
 * whose SQL does not fit in a runner's memory twice.
 */
export function bulkyObjects(count: number, sqlBytes: number): SchemaObject[] {
  const column = (i: number): string => `  ADD COLUMN \`c${i}\` varchar(255) DEFAULT NULL`
  const body = Array.from({ length: Math.ceil(sqlBytes / 44) }, (_, i) => column(i)).join(',\n')
  return Array.from({ length: count }, (_, i) => {
    const object = manyObject(i)
    const sql = `ALTER TABLE \`${object.schemaName}\`.\`${object.objectName}\`\n${body};`
    return { ...object, targetDdl: '', correctSql: sql }
  })
}

/** The objects of compare-differ: 130, six differing, three of them after the 100th. */
export const DIFFERING_AT = [7, 42, 98, 100, 117, 129] as const
export function differingObjects(): SchemaObject[] {
  return manyObjects(130, DIFFERING_AT)
}

/** Five tables without row differences: a data comparison that finds nothing. */
export function sameTables(): DataTable[] {
  return ['customers', 'orders', 'order_items', 'payments', 'products'].map(tableName => ({
    schemaName: SCHEMA,
    tableName,
    differenceRows: 0,
    onlySourceRows: 0,
    onlyTargetRows: 0
  }))
}

/** Rows that differ in three of six tables, one table skipped, one compared under another name. */
export function differingTables(): DataTable[] {
  const table = (tableName: string, rows: Partial<DataTable> = {}): DataTable => ({
    schemaName: SCHEMA,
    tableName,
    targetSchemaName: 'shop_replica',
    differenceRows: 0,
    onlySourceRows: 0,
    onlyTargetRows: 0,
    ...rows
  })
  return [
    table('customers'),
    table('orders', { differenceRows: 12, onlySourceRows: 3 }),
    table('order_items', { onlyTargetRows: 5 }),
    table('payments', { targetTableName: 'payments_v2' }),
    table('products', { differenceRows: 1 }),
    table('audit_log', { skipped: true })
  ]
}

/**
 * Objects whose names, DDL and correction SQL carry what must stay inert wherever the action shows
 * them: HTML that closes the summary's tags, Markdown, workflow commands at the start of a line,
 * backtick fences, bidi controls, CR/LF and a NUL.
 */
export function hostileObjects(): SchemaObject[] {
  const object = (
    objectName: string,
    sourceDdl: string,
    targetDdl: string,
    correctSql: string,
    objectType = 'TABLE'
  ): SchemaObject => ({
    schemaName: SCHEMA,
    objectName,
    objectType,
    sourceDdl,
    targetDdl,
    correctSql
  })
  return [
    object(
      'orders</td></tr></table><script>alert(1)</script>',
      "CREATE TABLE `orders` (`note` varchar(64) DEFAULT '<img src=x onerror=alert(1)>')",
      "CREATE TABLE `orders` (`note` varchar(32) DEFAULT '<img src=x onerror=alert(1)>')",
      "ALTER TABLE `shop`.`orders` MODIFY `note` varchar(64) DEFAULT '</details></code></pre><h1>Injected</h1><details open>';"
    ),
    object(
      'workflow_commands',
      'CREATE TABLE `workflow_commands` (`id` int)',
      '',
      'CREATE TABLE `shop`.`workflow_commands` (`id` int);\n::error::forged by correction SQL\n##[error]forged too\r\n::add-mask::nothing\n::stop-commands::tok'
    ),
    object(
      '**bold** [link](https://evil.example) | pipe |',
      'CREATE TABLE `md` (`a` int)',
      'CREATE TABLE `md` (`a` bigint)',
      "ALTER TABLE `shop`.`md` MODIFY `a` int COMMENT '# heading | col | ![img](https://evil.example/x.png) @octocat';"
    ),
    object(
      'fence```name',
      'CREATE TABLE `fence```name` (`x` int)',
      'CREATE TABLE `fence```name` (`y` int)',
      '```\nALTER TABLE `shop`.`fence```name` RENAME COLUMN `y` TO `x`;\n```\n~~~\n`inline` ``double``'
    ),
    object(
      'bidi\u202Etxt.exe\u202C',
      'CREATE TABLE `bidi` (`a` int)',
      'CREATE TABLE `bidi` (`b` int)',
      "ALTER TABLE `shop`.`bidi` ADD COLUMN `a` int COMMENT '\u2066admin\u2069 \u202Eesrever\u202C';\r\nALTER TABLE `shop`.`bidi` DROP COLUMN `b`;\u0000\u001b[31m"
    ),
    object(
      'v_same_but_hostile',
      "CREATE VIEW `v` AS SELECT '<script>x</script>' AS `a`, '::warning::not a command' AS `b`",
      "CREATE VIEW `v` AS SELECT '<script>x</script>' AS `a`, '::warning::not a command' AS `b`",
      '',
      'VIEW'
    )
  ]
}
