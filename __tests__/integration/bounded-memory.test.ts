import { afterEach, describe, expect, it } from '@jest/globals'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { gate, stopSimulators } from '../helpers/simulator.js'
import { bulkyObjects } from '../../simulator/compare-objects.js'

// A comparison run with more correction SQL than the step's memory may hold: the SQL goes to its
// file as it is read, and memory keeps only the starts the summary, the comment and the report
// show. The bundle runs with V8's old generation capped below the run's SQL, so a reader that kept
// every object's SQL (or a start that still holds all of it) would end in an out-of-memory crash.

afterEach(stopSimulators)

const OBJECTS = 1500
const SQL_BYTES = 40_000
/** Below the 60 MB of SQL the run sends, well above what the reader needs to keep. */
const OLD_SPACE_MB = 48

describe('a run with more SQL than the memory it may use', () => {
  it('reads every object, writes all of its SQL to the file and keeps within the cap', async () => {
    const scenario = quickRun('compare-differ', { objects: () => bulkyObjects(OBJECTS, SQL_BYTES) })
    const { result } = await gate(scenario, compareInputs(scenario, { 'timeout-seconds': '600' }), {
      env: { NODE_OPTIONS: `--max-old-space-size=${OLD_SPACE_MB}` }
    })
    expect(result.stderr).not.toMatch(/heap out of memory|Allocation failed/)
    expect(result.exitCode).toBe(1)
    expect(result.outputs['difference-count']).toBe(String(OBJECTS))
    const file = result.outputs['correction-sql-file']!.split('/').at(-1)!
    const sql = result.tempFiles[file]!
    expect(sql.match(/^ALTER TABLE /gm)).toHaveLength(OBJECTS)
    expect(Buffer.byteLength(sql)).toBeGreaterThan(OBJECTS * SQL_BYTES)
  })
})
