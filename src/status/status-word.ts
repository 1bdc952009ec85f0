// Matching a status word from the server against a documented vocabulary. Pure, and linear in the
// text: a status is server text, and a trim regex is quadratic on long runs of spaces.

/** Longer than any documented status word: never one of them. */
const LONGEST_WORD = 16

/** The documented word `text` stands for: ASCII only, spaces and tabs trimmed, case ignored. */
export function canonicalWord<W extends string>(
  text: string,
  vocabulary: readonly W[]
): W | undefined {
  let from = 0
  let to = text.length
  while (from < to && isSpace(text.charCodeAt(from))) from++
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--
  if (to - from > LONGEST_WORD) return undefined
  const word = text.slice(from, to)
  // Non-ASCII never matches: toLowerCase would fold some look-alikes (e.g. the Kelvin sign).
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7e) return undefined
  const lower = word.toLowerCase()
  return vocabulary.find(w => w.toLowerCase() === lower)
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09
}
