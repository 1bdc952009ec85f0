import {
  differingObjects,
  differingTables,
  hostileObjects,
  sameObjects,
  sameTables
} from './compare-objects.js'
import { dataItems, standardItems } from './items.js'
import type { RunScript, Scenario } from './types.js'

// Scenarios for the comparison run that follows a passing precheck: the precheck passes in about
// 0.3 s, then execute starts a run that is `starting` for 0.4 s and `running` until 1.6 s (long
// enough for a 1 s poll to see each status), unless the scenario says otherwise.

const TIMES: RunScript = { startingMs: 400, durationMs: 1600 }

function schemaScenario(name: string, description: string, run: RunScript): Scenario {
  return { name, description, items: () => standardItems(0.25), run: { ...TIMES, ...run } }
}

function dataScenario(name: string, description: string, run: RunScript): Scenario {
  return {
    name,
    description,
    comparison: 'data',
    items: () => dataItems(0.25),
    run: { ...TIMES, ...run }
  }
}

export const COMPARISON_SCENARIOS: Record<string, Scenario> = {
  'compare-same': schemaScenario(
    'compare-same',
    'Precheck passes, then a schema comparison run finds 12 tables the same.',
    { objects: () => sameObjects() }
  ),
  'compare-differ': schemaScenario(
    'compare-differ',
    'Schema run over 130 objects: 6 differ (column, missing table, index, view, extra column), 3 of them after the 100th.',
    { objects: () => differingObjects() }
  ),
  'compare-failed': schemaScenario(
    'compare-failed',
    'Schema run ends failed with an errorMessage.',
    {
      finalStatus: 'failed',
      errorMessage:
        'Lost the connection to the target datasource ds-d37s953l33d3: Communications link failure. Check the target network and run the comparison again.'
    }
  ),
  'compare-stuck': schemaScenario('compare-stuck', 'Schema run stays running forever.', {
    durationMs: Number.POSITIVE_INFINITY
  }),
  'compare-busy': schemaScenario(
    'compare-busy',
    'Execute is refused with "task status invalid" (the task is already running elsewhere).',
    { executeError: 'task status invalid' }
  ),
  'compare-hostile-sql': schemaScenario(
    'compare-hostile-sql',
    'Schema run whose object names, DDL and correction SQL carry HTML, Markdown, ::error::, ##[, backticks, </details>, bidi marks and CR/LF.',
    { objects: () => hostileObjects() }
  ),
  'data-compare-same': dataScenario(
    'data-compare-same',
    'Data precheck passes, then a data comparison run finds 5 tables without row differences.',
    { tables: () => sameTables() }
  ),
  'data-compare-differ': dataScenario(
    'data-compare-differ',
    'Data run: 13 rows differ, 3 only in source, 5 only in target, over 3 of 6 tables; 1 table skipped.',
    { tables: () => differingTables() }
  ),
  'data-compare-contradict': dataScenario(
    'data-compare-contradict',
    'Data run reports 7 differing rows, but its table summary counts no table that differs.',
    { tables: () => sameTables(), counts: { differenceRows: 7 } }
  )
}
