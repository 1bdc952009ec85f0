import { ApiError } from '../ninedata/api-errors.js'
import {
  getCorrectionSql,
  getSchemaResultsPage,
  getTableDifferenceCount,
  getTableSummaryPage,
  PAGE_SIZE,
  type Page
} from '../ninedata/comparison-api.js'
import { protocolError } from '../ninedata/answer-fields.js'
import type { ComparisonResults, DataResults, SchemaResults } from '../ninedata/api-types.js'
import { plural } from '../text/wording.js'
import type { PhaseContext } from './phase-context.js'

// Reading a finished run's results: every page, then one documented signal per object (schema: its
// correction SQL) or per table (data: its count of differing records, when the run reports any).
// The results object is filled in place, so a timeout still reports what was read.

/** Calls for single objects or tables under way at once. */
const RESULT_CONCURRENCY = 4
/** More objects or tables than this are not read: the results are then not verified. */
const MAX_RESULT_ENTRIES = 100_000

export function emptyResults(kind: 'schema' | 'data'): ComparisonResults {
  return kind === 'schema'
    ? { kind, total: 0, objects: [] }
    : { kind, totalTableCount: 0, diffTableCount: 0, tables: [] }
}

export async function fillResults(
  ctx: PhaseContext,
  execId: string,
  results: ComparisonResults,
  anyDifference: boolean
): Promise<void> {
  if (results.kind === 'schema') await fillSchema(ctx, execId, results)
  else await fillData(ctx, execId, results, anyDifference)
}

async function fillSchema(ctx: PhaseContext, execId: string, results: SchemaResults) {
  const { client, inputs, log } = ctx
  await readPages(
    page => getSchemaResultsPage(client, inputs.taskId, execId, page),
    page => {
      results.total = page.total
      results.objects.push(...page.entries)
    },
    () => results.objects.length
  )
  log.info(
    `Reading the correction SQL of ${plural(results.objects.length, 'object')} of comparison run ${execId} (${RESULT_CONCURRENCY} at a time).`
  )
  await forEachLimited(results.objects, async object => {
    try {
      object.correctSql = await getCorrectionSql(client, inputs.taskId, execId, object.progressId)
    } catch (error) {
      object.unreadable = unreadable(error)
    }
  })
}

async function fillData(
  ctx: PhaseContext,
  execId: string,
  results: DataResults,
  anyDifference: boolean
) {
  const { client, inputs } = ctx
  await readPages(
    page => getTableSummaryPage(client, inputs.taskId, execId, page),
    page => {
      results.totalTableCount = page.total
      results.diffTableCount = page.diffTableCount
      results.tables.push(...page.entries)
    },
    () => results.tables.length
  )
  if (!anyDifference && results.diffTableCount === 0) return
  ctx.log.info(
    `Counting the differing records of ${plural(results.tables.length, 'table')} of comparison run ${execId} (${RESULT_CONCURRENCY} at a time).`
  )
  await forEachLimited(results.tables, async table => {
    try {
      table.differences = await getTableDifferenceCount(
        client,
        inputs.taskId,
        execId,
        table.progressId
      )
    } catch (error) {
      table.unreadable = unreadable(error)
    }
  })
}

/**
 * Reads pages 1, 2, ... until the total NineData reports is listed. A total that changes between
 * pages, or a page that adds nothing before the total is reached, cannot be verified.
 */
async function readPages<T, P extends Page<T>>(
  fetch: (pageNumber: number) => Promise<P>,
  keep: (page: P) => void,
  listed: () => number
): Promise<void> {
  let total: number | undefined
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetch(pageNumber)
    if (total !== undefined && page.total !== total) {
      throw protocolError(`the total changed from ${total} to ${page.total} between result pages`)
    }
    total = page.total
    if (total > MAX_RESULT_ENTRIES) {
      throw protocolError(
        `${total} results are more than this action reads (${MAX_RESULT_ENTRIES})`
      )
    }
    if (page.entries.length > PAGE_SIZE) {
      throw protocolError(
        `page ${pageNumber} holds ${page.entries.length} results (asked for ${PAGE_SIZE})`
      )
    }
    keep(page)
    if (listed() >= total) return
    if (page.entries.length === 0) {
      throw protocolError(
        `page ${pageNumber} is empty, but only ${listed()} of ${total} results were listed`
      )
    }
  }
}

/** Runs `work` for every entry, RESULT_CONCURRENCY at a time; a stop (timeout, cancel) ends it all. */
async function forEachLimited<T>(entries: readonly T[], work: (entry: T) => Promise<void>) {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const entry = entries[next++] as T
      await work(entry)
    }
  }
  await Promise.all(Array.from({ length: Math.min(RESULT_CONCURRENCY, entries.length) }, worker))
}

/** Why one object's result could not be read; a stop (timeout, cancel) is rethrown. */
function unreadable(error: unknown): string {
  if (error instanceof ApiError) {
    return error.requestId ? `${error.message} (requestId ${error.requestId})` : error.message
  }
  throw error
}
