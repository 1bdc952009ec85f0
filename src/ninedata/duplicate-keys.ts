// Finds a key written twice in one JSON object. JSON.parse keeps the last of two equal keys, so
// `{"status":"Failed","status":"Success"}` would read as Success while a person reading the body
// sees Failed: such an answer is not the documented shape. Pure, linear in the text, no recursion.

export interface DuplicateKey {
  /** The key as decoded (escapes resolved). */
  key: string
  /** Where the second copy is, e.g. `data.precheckItems[3].status`. */
  path: string
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** An open object (its keys so far and the current one) or an open array (its current index). */
type Frame = { keys: Set<string>; key: string } | { index: number }

/**
 * The first key that appears twice in one object of `text`, or undefined. `text` must be valid JSON
 * (call it after JSON.parse accepted the text): the scanner relies on that and checks nothing else.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = []
  // In an object: true between `{` or `,` and the next key, where a string is a key.
  let expectKey = false
  const length = text.length
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const end = stringEnd(text, i)
      const top = stack[stack.length - 1]
      if (expectKey && top !== undefined && 'keys' in top) {
        const key = decodeKey(text, i, end)
        if (top.keys.has(key)) return { key, path: pathOf(stack, key) }
        top.keys.add(key)
        top.key = key
        expectKey = false
      }
      i = end
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), key: '' })
      expectKey = true
    } else if (c === 0x5b /* [ */) {
      stack.push({ index: 0 })
      expectKey = false
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop()
      expectKey = false
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1]
      if (top !== undefined && 'index' in top) top.index++
      else expectKey = true
    }
  }
  return undefined
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let at = text.indexOf('"', start + 1)
  for (;;) {
    // A quote is escaped when an odd number of backslashes stands right before it.
    let backslashes = 0
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return at
    at = text.indexOf('"', at + 1)
    // Valid JSON always closes its strings; stop at the end all the same.
    if (at < 0) return text.length
  }
}

/** A key with its escapes resolved, so `"st\u0061tus"` and `"status"` are the same key. */
function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end)
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/

function pathOf(stack: Frame[], last: string): string {
  let path = ''
  for (const [depth, frame] of stack.entries()) {
    const key = depth === stack.length - 1 ? last : 'keys' in frame ? frame.key : undefined
    if (key === undefined) path += `[${(frame as { index: number }).index}]`
    else if (PLAIN_KEY.test(key)) path += path === '' ? key : `.${key}`
    else path += `[${JSON.stringify(key)}]`
  }
  return path
}
