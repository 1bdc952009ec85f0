import type { SimItem } from './types.js'

// The check items of the scripted prechecks: what a typical schema or data comparison precheck
// reports, the failures the scenarios use, and hostile and huge item lists.

export const check = (
  precheckItem: string,
  itemName: string,
  itemDescription: string,
  doneAfterMs: number,
  finalStatus = 'Success',
  errorMessage?: string
): SimItem => ({ precheckItem, itemName, itemDescription, doneAfterMs, finalStatus, errorMessage })

/**
 * Item times are stretched by `scale`: at 1 the last item finishes at 1.2 s. The default, 0.75, ends
 * them at 0.9 s, so the gate's third poll (at 1 s) already sees the verdict.
 */
const DEFAULT_ITEM_SCALE = 0.75

/** The items a typical schema comparison precheck reports. */
export function standardItems(scale = DEFAULT_ITEM_SCALE): SimItem[] {
  return [
    check(
      'srcDataSourceCheck',
      'Source Connection Check',
      'Check the status of the gateway of the source datasource, database connectable, and verify the username and password',
      300 * scale
    ),
    check(
      'tgtDataSourceCheck',
      'Target Connection Check',
      'Check the status of the gateway of the target datasource, database connectable, and verify the username and password',
      500 * scale
    ),
    check(
      'compareSrcPermissionCheck',
      'Source Permission Check',
      'Check that the source account can read the schema objects to compare',
      800 * scale
    ),
    check(
      'compareTgtPermissionCheck',
      'Target Permission Check',
      'Check that the target account can read the schema objects to compare',
      1000 * scale
    ),
    check(
      'targetDataExistCheck',
      'Target Object Existence Check',
      'Check whether the objects to compare exist in the target database',
      1200 * scale
    )
  ]
}

export function withFailures(items: SimItem[], failures: Record<string, string>): SimItem[] {
  return items.map(item =>
    failures[item.precheckItem]
      ? { ...item, finalStatus: 'Failed', errorMessage: failures[item.precheckItem] }
      : item
  )
}

export const FAILURES = {
  compareSrcPermissionCheck:
    "The account dms_reader lacks SELECT on information_schema.ROUTINES. Suggested fix: GRANT SELECT ON *.* TO 'dms_reader'@'%'; then run the precheck again.",
  targetDataExistCheck:
    'Table `orders_archive` does not exist in the target database shop_prod. Suggested fix: create it, or remove it from the comparison scope.'
}

export function hostileItems(): SimItem[] {
  return [
    check(
      'pipeCheck',
      'Pipes | break | tables',
      'a | b || c',
      100,
      'Failed',
      'Column | separator | everywhere |\n| --- | --- |\n| fake | row |'
    ),
    check(
      'xssCheck',
      '<script>alert("x")</script>',
      '<img src=x onerror=alert(1)> & <b>bold</b>',
      100,
      'Failed',
      '<iframe src="https://evil.example"></iframe></td></tr></table><h1>Injected</h1>'
    ),
    check(
      'markdownCheck',
      '**bold** _it_ [link](https://evil.example) `code` # heading',
      '![img](https://evil.example/x.png) @octocat :rocket:',
      100,
      'Failed',
      '# Not a heading\n\n---\n\n> not a quote\n\n```\nnot code\n```'
    ),
    check(
      'newlineCheck',
      'Line one\nLine two\r\nLine three',
      'multi\n\nparagraph\n\n\nblank lines',
      100,
      'Failed',
      'first\n\nsecond\n\n\n\nthird'
    ),
    check('longLineCheck', 'L'.repeat(5000), 'x'.repeat(20000), 100, 'Failed', 'y'.repeat(50000)),
    check('emojiCheck', 'Emoji 🚀🔥👩‍👩‍👧‍👦 check', '😀'.repeat(3000), 100, 'Success'),
    check(
      'rtlCheck',
      'فحص الاتصال بالمصدر',
      'בדיקת הרשאות \u202Eevil override\u202C end',
      100,
      'Failed',
      'خطأ: لا يمكن الاتصال | שגיאה'
    ),
    check(
      'controlCheck',
      'Bell\u0007 and NUL\u0000 and ESC\u001b[31m red',
      'tab\there',
      100,
      'Success'
    )
  ]
}

export function hugeItems(): SimItem[] {
  const items: SimItem[] = []
  for (let i = 0; i < 3000; i++) {
    const failed = i % 3 === 0
    items.push({
      precheckItem: `objectCheck${i}`,
      itemName: `Object check #${i} for table t_${i}`,
      itemDescription: `Check that table t_${i} and its ${i % 17} indexes compare cleanly. `.repeat(
        4
      ),
      finalStatus: failed ? 'Failed' : 'Success',
      errorMessage: failed
        ? `Table t_${i}: column type mismatch (varchar(255) vs text). Suggested fix: align the column types. `.repeat(
            40
          )
        : undefined,
      doneAfterMs: 200 + (i % 10) * 20
    })
  }
  return items
}

/** The items a typical data comparison precheck reports (row-level comparison needs keys). */
export function dataItems(scale = DEFAULT_ITEM_SCALE): SimItem[] {
  return [
    check(
      'srcDataSourceCheck',
      'Source Connection Check',
      'Check the status of the gateway of the source datasource, database connectable, and verify the username and password',
      300 * scale
    ),
    check(
      'tgtDataSourceCheck',
      'Target Connection Check',
      'Check the status of the gateway of the target datasource, database connectable, and verify the username and password',
      450 * scale
    ),
    check(
      'compareSrcPermissionCheck',
      'Source Read Permission Check',
      'Check that the source account can SELECT every table in the comparison scope',
      700 * scale
    ),
    check(
      'targetTableExistCheck',
      'Target Table Existence Check',
      'Check that every table to compare also exists in the target database',
      900 * scale
    ),
    check(
      'primaryKeyCheck',
      'Primary Key Check',
      'Check that every table to compare has a primary key or a non-null unique key, so rows can be matched',
      1100 * scale
    ),
    check(
      'columnTypeCompatibleCheck',
      'Column Type Compatibility Check',
      'Check that compared columns have types whose values can be compared across source and target',
      1200 * scale
    )
  ]
}

export const DATA_FAILURES = {
  targetTableExistCheck:
    'Table `shop.order_items` does not exist in the target database shop_replica. Suggested fix: migrate the table first, or exclude it from the comparison.',
  primaryKeyCheck:
    'Table `shop.audit_log` has no primary key and no non-null unique key, so its rows cannot be matched. Suggested fix: add a primary key, or exclude the table from the data comparison.'
}
