// Shaping text for a surface: cleaning, shortening, one-line, visible escapes, HTML. Pure, and linear
// in the input: server text can be megabytes, and the report runs after timeout-seconds stops counting.

// C0/C1 controls other than tab and newline, and the bidi embedding/override/isolate marks that could
// make text display as something it is not.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g
const NEWLINES = /\r\n?|[\n\u0085\u2028\u2029]/
// Before cleaning, text is cut to this multiple of the shown length: enough for whitespace that the
// cleaning collapses, bounded so a 60 MB message costs no more than a short one.
const PRE_CUT_FACTOR = 4

/** Cuts to `max` UTF-16 units plus a marker saying how much was left out; never splits a surrogate pair. */
export function shorten(text: string, max: number, total = text.length): string {
  if (text.length <= max && total <= text.length) return text
  let cut = Math.min(max, text.length)
  const code = text.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return `${text.slice(0, cut)}… (${total - cut} more characters)`
}

function preCut(text: string, max: number): string {
  return text.length > max * PRE_CUT_FACTOR + 1024
    ? text.slice(0, max * PRE_CUT_FACTOR + 1024)
    : text
}

/** Newlines normalised to \n, invisible control characters dropped. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(UNSAFE, '')
}

/**
 * One inert log line: no CR, LF or other control character, whitespace runs collapsed, line breaks
 * shown as ⏎, at most `max` characters. Nothing in it can start a workflow command.
 */
export function oneLine(text: string, max: number): string {
  const cut = preCut(text, max)
  const line = cut
    .split(NEWLINES)
    .map(part => part.replace(UNSAFE, '').replace(/\s+/g, ' ').trim())
    .filter(part => part !== '')
    .join(' ⏎ ')
  const shown = shorten(line, max, line.length + (text.length - cut.length))
  // The runner reads a line that starts with :: or ##[ as a command: such text never starts a line.
  return /^(::|##\[)/.test(shown) ? `› ${shown}` : shown
}

/**
 * The value in quotes with everything outside printable ASCII written as \uXXXX, so a status such as
 * "Failed\u200b" or "F\u0430iled" shows what it really is.
 */
export function visible(text: string, max: number = 128): string {
  const cut = text.length > max ? text.slice(0, max) : text
  let out = '"'
  for (let i = 0; i < cut.length; i++) {
    const code = cut.charCodeAt(i)
    if (code === 0x22 || code === 0x5c) out += `\\${cut[i]}`
    else if (code >= 0x20 && code <= 0x7e) out += cut[i]
    else out += `\\u${code.toString(16).padStart(4, '0')}`
  }
  return `${out}"${text.length > max ? `… (${text.length - max} more characters)` : ''}`
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
  '!': '&#33;',
  $: '&#36;'
}
const HTML_SPECIAL = /[&<>"'|`*_[\]\\~#@:!$]/g
/** An unbroken run longer than this gets break opportunities, so it cannot push a table off the page. */
const BREAK_EVERY = 40

function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, c => HTML_ENTITIES[c] ?? c)
}

/** Escaped HTML with a <wbr> every BREAK_EVERY characters of a run without whitespace. */
function escapeWithBreaks(text: string): string {
  return text
    .split(/(\s+)/)
    .map(part => {
      if (part.length <= BREAK_EVERY || /^\s/.test(part)) return escapeHtml(part)
      const pieces: string[] = []
      for (let i = 0; i < part.length; i += BREAK_EVERY) {
        pieces.push(escapeHtml(part.slice(i, i + BREAK_EVERY)))
      }
      return pieces.join('<wbr>')
    })
    .join('')
}

/**
 * Server text as inert HTML for the job summary: every character HTML or Markdown acts on becomes an
 * entity, newlines become <br>, and the whole is isolated for bidi so right-to-left text cannot
 * reorder the cells around it.
 */
export function toHtml(text: string, max: number): string {
  const cut = preCut(text, max)
  const cleaned = cleanText(cut)
  const shown = shorten(cleaned, max, cleaned.length + (text.length - cut.length))
  const escaped = escapeWithBreaks(shown).replace(/\n/g, '<br>')
  return escaped === '' ? '' : `\u2068${escaped}\u2069`
}

/** An ID for a <code> element: copyable as shown (no bidi marks), escaped, one line. */
export function toCode(text: string, max: number): string {
  return escapeWithBreaks(oneLine(text, max))
}
