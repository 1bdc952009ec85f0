import { useFixedWindowForBenchmark } from '../../src/phases/request-window.js'

// Evaluated before the action's entry (see fixed-window-action.ts): the reader keeps today's fixed 4
// calls at a time, so the benchmark can set it beside the adaptive window.
useFixedWindowForBenchmark(4)
