import { COMPARISON_SCENARIOS } from './compare-scenarios.js'
import {
  DATA_FAILURES,
  dataItems,
  FAILURES,
  hostileItems,
  hugeItems,
  standardItems,
  withFailures
} from './items.js'
import { TASK_SCENARIOS } from './task-scenarios.js'
import type { Fault, Scenario } from './types.js'

// The named scenarios of the NineData simulator (`--scenario NAME`). Time-based: a precheck's
// answer depends on how long ago it was started, like the real one. The comparison run's
// scenarios live in compare-scenarios.ts and are listed after these.

export type {
  AnswerContext,
  AnswerHook,
  Comparison,
  DataTable,
  Fault,
  FaultKind,
  HookAnswer,
  RequestKind,
  RunAnswerContext,
  RunAnswerHook,
  RunCounts,
  RunScript,
  Scenario,
  SchemaObject,
  SimItem,
  StatusData
} from './types.js'

export const SCENARIOS: Record<string, Scenario> = {
  pass: {
    name: 'pass',
    description: 'Five check items finish within about 0.9 s, all Success.',
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
      'A data comparison precheck (use a cd- task ID): six items, all Success in ~0.9 s.',
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

Object.assign(SCENARIOS, COMPARISON_SCENARIOS, TASK_SCENARIOS)

export const DEFAULT_SCENARIO = 'pass'
