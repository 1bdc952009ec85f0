// Making server text safe to show: redaction, cleaning, shortening, escaping. Pure.

/** Replaces every occurrence of each secret with `***` (secrets shorter than 4 characters are ignored). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('***')
  }
  return out
}

/** redactText over every string inside a JSON-like value (keys included). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const usable = secrets.filter(s => s.length >= 4)
  if (usable.length === 0) return value
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, usable)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k, usable), walk(x)]))
    }
    return v
  }
  return walk(value) as T
}

// C0/C1 controls other than tab and newline, and the bidi embedding/override/isolate controls
// (U+202A-U+202E, U+2066-U+2069) that could make text display as something it is not.
const UNSAFE_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Normalises newlines and drops invisible control characters. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '')
}

/** Shortens to at most `max` UTF-16 units (plus a marker), never splitting a surrogate pair. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = max
  const code = text.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return `${text.slice(0, cut)}… (${text.length - cut} more characters)`
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Markdown and table syntax, so server text never becomes formatting, links or mentions.
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '~': '&#126;',
  '#': '&#35;',
  '@': '&#64;',
  ':': '&#58;',
  '!': '&#33;'
}

/**
 * Server text as inert HTML for the job summary: every character that HTML or Markdown would act on
 * becomes an entity, newlines become `<br>`, and the whole is isolated for bidi so right-to-left
 * text cannot reorder the cells around it.
 */
export function toHtml(text: string, max: number): string {
  const shortened = shorten(cleanText(text), max)
  const escaped = shortened
    .replace(/[&<>"'|`*_[\]\\~#@:!]/g, c => HTML_ENTITIES[c] ?? c)
    .replace(/\n/g, '<br>')
  return escaped === '' ? '' : `\u2068${escaped}\u2069`
}

/** Server text for a single log or annotation line. */
export function toLine(text: string, max: number): string {
  return shorten(cleanText(text).replace(/\s*\n\s*/g, ' ⏎ '), max)
}
