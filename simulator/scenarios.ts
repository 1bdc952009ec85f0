// Scripted prechecks for the NineData simulator. Time-based: a precheck's answer depends on how long
// ago it was started, like the real one.

export interface SimItem {
  precheckItem: string
  itemName: string
  itemDescription: string
  /** The status the item ends with. */
  finalStatus: string
  errorMessage?: string
  /** ms after the start when the item is done (Running before that, Unstarted before startAfterMs). */
  doneAfterMs: number
  startAfterMs?: number
}

/** The two kinds of comparison NineData runs a precheck for. */
export type Comparison = 'schema' | 'data'

/** What a fault does to one request. */
export type FaultKind =
  | { type: 'reset' }
  | { type: 'hang' }
  | {
      type: 'http'
      status: number
      body?: string
      headers?: Record<string, string>
      contentType?: string
    }
  | { type: 'cut' }
  | { type: 'delay'; ms: number }

/** One injected fault: applies to matching requests number `from` (1-based) up to `from + times - 1`. */
export interface Fault {
  on: 'start' | 'status' | 'now' | 'any'
  from?: number
  times?: number
  kind: FaultKind
}

/** The documented shape of a status answer's `data` (as the simulator would send it). */
export interface StatusData {
  taskId: string
  precheckTaskId: string
  status: string
  precheckItems: {
    precheckItem: string
    itemName: string
    itemDescription: string
    status: string
    errorMessage?: string
  }[]
}

/** What a hook is told about the request it answers. */
export interface AnswerContext {
  /** 1-based number of this request among the requests of its kind (start or status), both comparisons. */
  n: number
  /** The comparison the request's path is for. */
  comparison: Comparison
  /** The task ID asked for (start: from the body; status: from the query). */
  taskId: string
  /** Start: the precheck the simulator just created (already registered); status: the one asked for. */
  precheckTaskId: string
  /** The requestId the simulator would put in the envelope. */
  requestId: string
  /** The access-key-secret the simulator checks signatures with (for answers that echo it). */
  secret: string
  /** ms since the first start or status request this simulator received. */
  sinceFirstMs: number
  /** The `data` the simulator would answer (status: undefined when the precheck is unknown). */
  natural: StatusData | { taskId: string; precheckTaskId: string } | undefined
}

/**
 * What a hook answers instead of the simulator (undefined: answer as usual). One of:
 * - `{ data }`: HTTP 200 envelope `{success: true, requestId, data}`; `success`, `message`, `requestId`
 *   override the envelope's fields (requestId may be any JSON value).
 * - `{ json }`: HTTP 200 with JSON.stringify(json) as the whole body.
 * - `{ body }`: the raw body as given (string or bytes), with `status` (200), `contentType`
 *   (application/json) and extra `headers`.
 * - `{ fault }`: any fault kind (reset, hang, cut, http, delay; delay then answers as usual).
 * - `{ huge }`: a syntactically valid JSON envelope of about `bytes` bytes, streamed in 1 MiB chunks,
 *   with a content-length header unless `chunked`.
 */
export type HookAnswer =
  | { data: unknown; success?: boolean; message?: string; requestId?: unknown }
  | { json: unknown }
  | {
      body: string | Buffer
      status?: number
      contentType?: string
      headers?: Record<string, string>
    }
  | { fault: FaultKind }
  | { huge: { bytes: number; chunked?: boolean } }

export type AnswerHook = (context: AnswerContext) => HookAnswer | undefined

export interface Scenario {
  name: string
  description: string
  items: (secret: string) => SimItem[]
  /** Overall status after all items are done; default Failed if any item failed, else Success. */
  finalStatus?: string
  /** Overall status forever (never terminal). */
  stuckStatus?: string
  /** ms until the overall status is terminal; default: when the last item is done. */
  durationMs?: number
  /** `success: false` message for the start call. */
  startError?: string
  faults?: Fault[]
  /** NineData's clock minus the real one, in ms. */
  clockSkewMs?: number
  /** Leave out the Date header (so clients must ask /openapi/now). */
  noDateHeader?: boolean
  /** How a rejected signature or timestamp is answered. */
  authFailure?: 'http401' | 'envelope200'
  /** The comparison kind the scenario's items are written for (scripts pick a cc- or cd- task ID). */
  comparison?: Comparison
  /** Answers the start call instead of the simulator (after signature and kind checks). */
  startAnswer?: AnswerHook
  /** Answers the status query instead of the simulator (after signature and kind checks). */
  statusAnswer?: AnswerHook
}

const check = (
  precheckItem: string,
  itemName: string,
  itemDescription: string,
  doneAfterMs: number,
  finalStatus = 'Success',
  errorMessage?: string
): SimItem => ({ precheckItem, itemName, itemDescription, doneAfterMs, finalStatus, errorMessage })

/** The items a typical schema comparison precheck reports. */
function standardItems(scale = 1): SimItem[] {
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

function withFailures(items: SimItem[], failures: Record<string, string>): SimItem[] {
  return items.map(item =>
    failures[item.precheckItem]
      ? { ...item, finalStatus: 'Failed', errorMessage: failures[item.precheckItem] }
      : item
  )
}

const FAILURES = {
  compareSrcPermissionCheck:
    "The account dms_reader lacks SELECT on information_schema.ROUTINES. Suggested fix: GRANT SELECT ON *.* TO 'dms_reader'@'%'; then run the precheck again.",
  targetDataExistCheck:
    'Table `orders_archive` does not exist in the target database shop_prod. Suggested fix: create it, or remove it from the comparison scope.'
}

function hostileItems(): SimItem[] {
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

function hugeItems(): SimItem[] {
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
function dataItems(): SimItem[] {
  return [
    check(
      'srcDataSourceCheck',
      'Source Connection Check',
      'Check the status of the gateway of the source datasource, database connectable, and verify the username and password',
      300
    ),
    check(
      'tgtDataSourceCheck',
      'Target Connection Check',
      'Check the status of the gateway of the target datasource, database connectable, and verify the username and password',
      450
    ),
    check(
      'compareSrcPermissionCheck',
      'Source Read Permission Check',
      'Check that the source account can SELECT every table in the comparison scope',
      700
    ),
    check(
      'targetTableExistCheck',
      'Target Table Existence Check',
      'Check that every table to compare also exists in the target database',
      900
    ),
    check(
      'primaryKeyCheck',
      'Primary Key Check',
      'Check that every table to compare has a primary key or a non-null unique key, so rows can be matched',
      1100
    ),
    check(
      'columnTypeCompatibleCheck',
      'Column Type Compatibility Check',
      'Check that compared columns have types whose values can be compared across source and target',
      1200
    )
  ]
}

const DATA_FAILURES = {
  targetTableExistCheck:
    'Table `shop.order_items` does not exist in the target database shop_replica. Suggested fix: migrate the table first, or exclude it from the comparison.',
  primaryKeyCheck:
    'Table `shop.audit_log` has no primary key and no non-null unique key, so its rows cannot be matched. Suggested fix: add a primary key, or exclude the table from the data comparison.'
}

export const SCENARIOS: Record<string, Scenario> = {
  pass: {
    name: 'pass',
    description: 'Five check items finish within about 1.2 s, all Success.',
    items: () => standardItems()
  },
  failed: {
    name: 'failed',
    description: 'Two of five items fail (permission, missing table); overall Failed.',
    items: () => withFailures(standardItems(), FAILURES)
  },
  'failed-no-items': {
    name: 'failed-no-items',
    description: 'The overall status turns Failed after 0.6 s without any check items.',
    items: () => [],
    durationMs: 600,
    finalStatus: 'Failed'
  },
  'success-with-failed-item': {
    name: 'success-with-failed-item',
    description: 'NineData reports overall Success, but one item is Failed.',
    items: () =>
      withFailures(standardItems(), { targetDataExistCheck: FAILURES.targetDataExistCheck }),
    finalStatus: 'Success'
  },
  'unknown-status': {
    name: 'unknown-status',
    description: 'The overall status is "Paused", which the docs do not list, forever.',
    items: () => standardItems(),
    stuckStatus: 'Paused'
  },
  'lowercase-success': {
    name: 'lowercase-success',
    description: 'The statuses come in capitals ("SUCCESS"): recognised as the documented values.',
    items: () => standardItems().map(item => ({ ...item, finalStatus: 'SUCCESS' })),
    finalStatus: 'SUCCESS'
  },
  timeout: {
    name: 'timeout',
    description: 'The precheck stays Running and never finishes; the step times out.',
    items: () =>
      standardItems().map((item, i) =>
        i < 2 ? item : { ...item, doneAfterMs: Number.POSITIVE_INFINITY }
      ),
    stuckStatus: 'Running'
  },
  slow: {
    name: 'slow',
    description: 'A long precheck: five items finish over about 12 s, all Success.',
    items: () => standardItems(10)
  },
  'task-not-found': {
    name: 'task-not-found',
    description: 'The start call is refused with success:false, "task not found".',
    items: () => [],
    startError: 'task not found'
  },
  flaky: {
    name: 'flaky',
    description:
      'A flaky network: reset, gateway page, 503 with Retry-After, cut body, 429; then a pass.',
    items: () => standardItems(),
    // Long enough for the poll schedule (the demo's 1 s interval, retries at least 1 s apart) to
    // meet all five faults before the precheck ends.
    durationMs: 8000,
    faults: [
      { on: 'start', from: 1, times: 1, kind: { type: 'reset' } },
      {
        on: 'status',
        from: 1,
        times: 1,
        kind: {
          type: 'http',
          status: 502,
          contentType: 'text/html',
          body: '<html><body><h1>502 Bad Gateway</h1></body></html>'
        }
      },
      {
        on: 'status',
        from: 3,
        times: 1,
        kind: {
          type: 'http',
          status: 503,
          headers: { 'retry-after': '1' },
          body: '{"success":false,"message":"service busy"}'
        }
      },
      { on: 'status', from: 5, times: 1, kind: { type: 'cut' } },
      {
        on: 'status',
        from: 7,
        times: 1,
        kind: { type: 'http', status: 429, headers: { 'retry-after': '1' }, body: '' }
      }
    ]
  },
  'clock-skew': {
    name: 'clock-skew',
    description:
      "NineData's clock is 20 minutes ahead of the runner's; requests must be signed with its time.",
    items: () => standardItems(),
    clockSkewMs: 20 * 60 * 1000
  },
  'clock-skew-no-date': {
    name: 'clock-skew-no-date',
    description:
      "NineData's clock is 20 minutes behind the runner's; answers carry no Date header and rejections come as HTTP 200 envelopes.",
    items: () => standardItems(),
    clockSkewMs: -20 * 60 * 1000,
    noDateHeader: true,
    authFailure: 'envelope200'
  },
  huge: {
    name: 'huge',
    description: '3,000 check items, 1,000 of them failed with long messages.',
    items: () => hugeItems()
  },
  hostile: {
    name: 'hostile',
    description:
      'Item texts with |, <script>, Markdown, newlines, very long lines, emoji, RTL and control characters.',
    items: () => hostileItems()
  },
  'echo-secret': {
    name: 'echo-secret',
    description: 'A misbehaving server that echoes the secret back in an item message.',
    items: secret =>
      withFailures(standardItems(), {
        srcDataSourceCheck: `login failed for key with secret ${secret} (echoed by a misconfigured server)`
      })
  },
  'retry-after-date': {
    name: 'retry-after-date',
    description:
      'The first status query gets 503 with Retry-After as an HTTP date about 2.5 s ahead; then a pass.',
    items: () => standardItems(),
    faults: [retryAfterDateFault(0)]
  },
  'data-pass': {
    name: 'data-pass',
    description:
      'A data comparison precheck (use a cd- task ID): six items, all Success in ~1.2 s.',
    comparison: 'data',
    items: () => dataItems()
  },
  'data-failed': {
    name: 'data-failed',
    description:
      'A data comparison precheck (use a cd- task ID): a missing target table and a table without a key.',
    comparison: 'data',
    items: () => withFailures(dataItems(), DATA_FAILURES)
  },
  'retry-after-date-skew': {
    name: 'retry-after-date-skew',
    description:
      "As retry-after-date, with NineData's clock 20 minutes ahead: the date is in NineData's time.",
    items: () => standardItems(),
    clockSkewMs: 20 * 60 * 1000,
    faults: [retryAfterDateFault(20 * 60 * 1000)]
  }
}

// flaky with a shorter precheck (5 s). Added after SCENARIOS so it reuses flaky's fault list.
SCENARIOS['flaky-long'] = {
  ...SCENARIOS['flaky']!,
  name: 'flaky-long',
  description:
    'As flaky, but the precheck runs for 5 s, so the poll schedule meets every fault before it ends.',
  durationMs: 5000
}

/** 503 on the first status query, Retry-After an HTTP date ~2.5 s after NineData's clock. */
function retryAfterDateFault(clockSkewMs: number): Fault {
  return {
    on: 'status',
    from: 1,
    times: 1,
    kind: {
      type: 'http',
      status: 503,
      body: '{"success":false,"message":"maintenance, back shortly"}',
      // A getter: the date is computed when the answer is sent, not when the scenario is loaded.
      get headers(): Record<string, string> {
        return { 'retry-after': new Date(Date.now() + clockSkewMs + 2500).toUTCString() }
      }
    }
  }
}

export const DEFAULT_SCENARIO = 'pass'
