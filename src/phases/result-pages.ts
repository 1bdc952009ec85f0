import { protocolError } from '../ninedata/answer-fields.js'
import { PAGE_SIZE, type Page } from '../ninedata/comparison-api.js'

// The pages of a run's results, read as a list NineData may get wrong: a page that says it is another
// page, an object listed twice (on one page or two, as 7 or as "7"), a total that changes, or a total
// the distinct objects listed never reach. Any of these ends the reading with a shape error, so the
// results are never a pass; the objects listed are kept in NineData's order.

/** More objects or tables than this are not read: the results are then not verified. */
export const MAX_RESULT_ENTRIES = 100_000

/** Runs work(0..count-1), some at once; a failure of any ends it. */
export type Runner = (count: number, work: (index: number) => Promise<void>) => Promise<void>

/**
 * Reads page 1, then the pages its total needs (several at once through `run`), then, while the
 * distinct entries fall short of the total, one page more at a time: a server that pages by fewer
 * than asked is still read to the end. `keep` receives each page's entries in page order.
 */
export async function readPages<P extends Page<{ progressId: string }>>(
  fetch: (pageNumber: number) => Promise<P>,
  run: Runner,
  keep: (entries: P['entries']) => void
): Promise<P> {
  const book = new PageBook<P['entries'][number]>()
  const first = await fetch(1)
  book.take(1, first)
  const expected = Math.max(1, Math.ceil(first.total / PAGE_SIZE))
  const later: (P | undefined)[] = []
  await run(expected - 1, async index => {
    later[index] = await fetch(index + 2)
  })
  later.forEach((page, index) => book.take(index + 2, page as P))
  // Each page here adds an entry or ends the loop (a repeat throws), so it ends by `total` pages.
  for (
    let pageNumber = expected + 1;
    book.listed < first.total && !book.lastWasEmpty;
    pageNumber++
  ) {
    book.take(pageNumber, await fetch(pageNumber))
  }
  book.checkReached()
  keep(book.entries)
  return first
}

/** What the pages listed so far, and the rules each new page must keep. */
class PageBook<T extends { progressId: string }> {
  readonly entries: T[] = []
  private total: number | undefined
  /** progressId -> the page that listed it. */
  private readonly seen = new Map<string, number>()
  lastWasEmpty = false
  /** The first page that came back empty. */
  private emptyPage: number | undefined

  get listed(): number {
    return this.entries.length
  }

  take(asked: number, page: Page<T>): void {
    if (page.pageNumber !== undefined && page.pageNumber !== asked) {
      throw protocolError(
        `page ${asked} was asked for, but the answer says it is page ${page.pageNumber}`
      )
    }
    if (this.total !== undefined && page.total !== this.total) {
      throw protocolError(
        `the total changed from ${this.total} to ${page.total} between result pages`
      )
    }
    this.total = page.total
    if (page.total > MAX_RESULT_ENTRIES) {
      throw protocolError(
        `${page.total} results are more than this action reads (${MAX_RESULT_ENTRIES})`
      )
    }
    if (page.entries.length > PAGE_SIZE) {
      throw protocolError(
        `page ${asked} holds ${page.entries.length} results (asked for ${PAGE_SIZE})`
      )
    }
    for (const entry of page.entries) this.add(asked, entry)
    this.lastWasEmpty = page.entries.length === 0
    if (this.lastWasEmpty) this.emptyPage ??= asked
    if (this.listed > page.total) {
      throw protocolError(
        `the pages list ${this.listed} distinct results, more than the total of ${page.total}`
      )
    }
  }

  private add(pageNumber: number, entry: T): void {
    const earlier = this.seen.get(entry.progressId)
    if (earlier !== undefined) {
      const where =
        earlier === pageNumber
          ? `twice on page ${pageNumber}`
          : `on page ${earlier} and again on page ${pageNumber}`
      throw protocolError(
        `progressId ${entry.progressId} is listed ${where}: the pages repeat themselves`
      )
    }
    this.seen.set(entry.progressId, pageNumber)
    this.entries.push(entry)
  }

  /** After the last page: the total must have been reached with distinct entries. */
  checkReached(): void {
    const total = this.total ?? 0
    if (this.listed === total) return
    const where =
      this.emptyPage === undefined ? 'the pages ended' : `page ${this.emptyPage} is empty`
    throw protocolError(
      `${where}, but only ${this.listed} of ${total} results were listed (as distinct progressIds)`
    )
  }
}
