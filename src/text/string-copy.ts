// A string that owns its characters. V8 makes `text.slice(a, b)` (13 characters or more) a view that
// keeps the whole of `text` alive, so the start of a 20 KB SQL kept for the summary would hold all
// 20 KB: over 10,000 objects, the 200 MB the reader streams to its file would stay in memory.

/** The same characters (lone surrogates too), with nothing behind them. */
export function detachedCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le')
}
