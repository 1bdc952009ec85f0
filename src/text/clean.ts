// Shaping text for a surface: cleaning, shortening, one-line, visible escapes, HTML. Pure, and linear
// in the input: server text can be megabytes, and the report runs after timeout-seconds stops counting.

// Characters a reader cannot see: C0/C1 controls other than tab and newline, the bidi marks,
// embeddings, overrides and isolates that could make text display as something it is not, and the
// zero-width and format characters that would ride along unseen into whatever a reader copies.
// Zero-width (non-)joiners stay: scripts and emoji need them.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g
const NEWLINES = /\r\n?|[\n\u0085\u2028\u2029]/
/** Cuts to `max` UTF-16 units plus a marker saying how much was left out; never splits a surrogate pair. */
export function shorten(text: string, max: number, total = text.length): string {
  if (text.length <= max && total <= text.length) return text
  let cut = Math.min(max, text.length)
  const code = text.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  // Nor a written-out invisible character (`<U+202E>`): it goes whole or not at all.
  const escape = text.lastIndexOf('<U+', cut - 1)
  if (escape >= 0 && escape > cut - 8 && text.indexOf('>', escape) >= cut) cut = escape
  return `${text.slice(0, cut)}… (${total - cut} more characters)`
}

/** Newlines normalised to \n, invisible characters dropped. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(INVISIBLE, '')
}

/**
 * Newlines normalised to \n, every invisible character written out as `<U+202E>`: a reader sees
 * that it is there, and a copy of the text carries no character they could not see.
 */
export function showInvisible(text: string): string {
  return text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, c => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
}

/** One line: no CR, LF or other control character, whitespace runs collapsed, line breaks as ⏎. */
export function flattenLine(text: string): string {
  return text
    .split(NEWLINES)
    .map(part => part.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim())
    .filter(part => part !== '')
    .join(' ⏎ ')
}

/**
 * A line the runner cannot read as a command: it acts on `::` at the start of a line and on `##[`
 * anywhere in it, so the first gets a visible prefix and the second a space.
 */
export function inertLine(line: string): string {
  const broken = line.includes('##[') ? line.replace(/##\[/g, '## [') : line
  return broken.startsWith('::') ? `› ${broken}` : broken
}

/**
 * The value in quotes with everything outside printable ASCII written as \uXXXX, so a status such as
 * "Failed\u200b" or "F\u0430iled" shows what it really is. Not shortened: that is the boundary's job,
 * after the secret is hidden.
 */
export function visible(text: string): string {
  const escaped = text.replace(/[^\x20-\x7e]|["\\]/g, c =>
    c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `"${escaped}"`
}

// Only what needs it: HTML's own five, the backtick (codeSpans reads it), and what GitHub acts on in
// rendered text (`@name` mentions, `#12` references, `:emoji:`). Server text only ever lands inside
// an HTML block (a table cell, <p>, <pre>), where Markdown syntax (`*`, `_`, `|`, `[`) is inert; an
// entity there would also hide a secret from the runner's own masking, which matches plain text only.
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '#': '&#35;',
  '@': '&#64;',
  ':': '&#58;'
}
const HTML_SPECIAL = /[&<>"'`#@:]/g
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
 * Shaped, shortened text as inert HTML: entities, <br> for newlines. No bidi isolation marks: the
 * invisible characters were written out before, and each text sits in its own cell or paragraph.
 */
export function htmlBlock(shaped: string): string {
  return escapeWithBreaks(shaped).replace(/\n/g, '<br>')
}

/** An ID for a <code> element: copyable as shown, escaped, one line. */
export function codeText(line: string): string {
  return escapeWithBreaks(line)
}

/**
 * Escaped HTML with each pair of escaped backticks made a <code> span, as Markdown would show
 * them: inside raw HTML GitHub renders no Markdown, so `timeout-seconds` would keep its backticks.
 * Linear: one split. An unpaired backtick stays as it is.
 */
export function codeSpans(escaped: string): string {
  const parts = escaped.split('&#96;')
  if (parts.length < 3) return escaped
  let out = parts[0] ?? ''
  for (let i = 1; i < parts.length; i += 2) {
    const inner = parts[i] ?? ''
    out += i + 1 < parts.length ? `<code>${inner}</code>${parts[i + 1] ?? ''}` : `&#96;${inner}`
  }
  return out
}

// XML 1.0 allows no C0 control but tab, LF and CR (cleanText drops the rest), no lone surrogate and
// neither U+FFFE nor U+FFFF.
const XML_FORBIDDEN =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g

/** The characters XML 1.0 forbids, dropped (before the secret is hidden again: see SafeText). */
export function xmlChars(text: string): string {
  return text.replace(XML_FORBIDDEN, '')
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;'
}

/** Text for an XML element or attribute (an attribute's text must be one line: see flattenLine). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, c => XML_ENTITIES[c] ?? c)
}
