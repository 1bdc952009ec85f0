import { parseCommand, toAnnotation, visibleText } from './action-runner.js'

// Terminal output for the helper scripts: colours (only on a TTY, never with NO_COLOR), display
// widths that count emoji as two columns, word wrapping, a reader for the workflow commands a
// runner would act on, and a text rendering of the job summary HTML.

export interface Style {
  bold: (text: string) => string
  dim: (text: string) => string
  red: (text: string) => string
  green: (text: string) => string
  yellow: (text: string) => string
  cyan: (text: string) => string
}

export function colourWanted(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env['NO_COLOR']
}

export function makeStyle(colour: boolean): Style {
  const sgr =
    (on: number, off: number) =>
    (text: string): string =>
      colour && text ? `\u001b[${on}m${text}\u001b[${off}m` : text
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39)
  }
}

/** Terminal width to lay text out in: the terminal's, at most 100 columns. */
export function layoutWidth(stream: NodeJS.WriteStream = process.stdout): number {
  const columns = stream.isTTY && stream.columns ? stream.columns : 100
  return Math.max(40, Math.min(columns, 100))
}

// Control characters (C0 but tab, C1) would let text move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g

export function stripControls(text: string): string {
  return text.replace(CONTROL, '')
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' })
const WIDE =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|^[\u{20000}-\u{3FFFD}]/u
const INVISIBLE = /^[\p{Cf}\p{Cc}\p{M}]+$/u

function graphemeWidth(grapheme: string): number {
  if (INVISIBLE.test(grapheme)) return 0
  if (/\p{Extended_Pictographic}/u.test(grapheme)) {
    return /\p{Emoji_Presentation}|\uFE0F/u.test(grapheme) ? 2 : 1
  }
  return WIDE.test(grapheme) ? 2 : 1
}

/** Columns the text takes in a terminal (no escape sequences expected). */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length
  // Printable ASCII is one column a character; only the runs between need grapheme segmentation.
  let width = 0
  text.split(/([^\x20-\x7e]+)/).forEach((part, i) => {
    if (i % 2 === 0) width += part.length
    else for (const { segment } of segmenter.segment(part)) width += graphemeWidth(segment)
  })
  return width
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/** Word-wraps one paragraph to `width` columns; words longer than a line are cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  let used = 0
  const push = (): void => {
    lines.push(line)
    line = ''
    used = 0
  }
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word
    let size = displayWidth(rest)
    if (used > 0 && used + 1 + size > width) push()
    while (size > width) {
      // Cut the word at the last grapheme that fits.
      let piece = ''
      let pieceWidth = 0
      // A window of the word is enough to fill a line (and keeps long words linear).
      for (const { segment } of segmenter.segment(rest.slice(0, (width + 1) * 8))) {
        const w = graphemeWidth(segment)
        if (used + pieceWidth + w > width) break
        piece += segment
        pieceWidth += w
      }
      if (!piece) break
      line += piece
      push()
      rest = rest.slice(piece.length)
      size -= pieceWidth
    }
    if (!rest) continue
    line += used > 0 ? ` ${rest}` : rest
    used += (used > 0 ? 1 : 0) + size
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}

/** Wraps `text` and indents every line; the first line can have its own prefix. */
function block(text: string, width: number, indent: number, first = ' '.repeat(indent)): string[] {
  return wrap(text, width - indent).map((line, i) => (i === 0 ? first : ' '.repeat(indent)) + line)
}

/**
 * Turns the action's stdout, line by line, into what a person reads in a runner's log: workflow
 * commands become labelled lines, groups an indented block, masks are applied, debug lines are
 * hidden unless asked for.
 */
export class LogReader {
  private inGroup = false
  private stopToken: string | undefined
  private readonly masks: string[] = []

  /** Lines longer than `width` columns are wrapped with a hanging indent. */
  constructor(
    private readonly style: Style,
    private readonly showDebug: boolean,
    private readonly width = 100
  ) {}

  /** The lines to print for one line of the action's stdout (often one, none for hidden commands). */
  line(raw: string): string[] {
    const text = raw.replace(/\r$/, '')
    const command = parseCommand(text)
    if (!command) return this.show(this.mask(text))
    const s = this.style
    // After ::stop-commands::TOKEN a runner prints every line as it is, until ::TOKEN::.
    if (this.stopToken !== undefined) {
      if (command.name === this.stopToken && command.data === '') this.stopToken = undefined
      return this.show(this.mask(text))
    }
    const data = command.data
    switch (command.name) {
      case 'stop-commands':
        if (data) this.stopToken = data
        return []
      case 'add-mask':
        if (data) this.masks.push(data)
        return []
      case 'debug':
        return this.showDebug ? this.show(this.mask(data), 'Debug: ', s.dim, s.dim) : []
      case 'group': {
        const lines = [s.bold(`▾ ${stripControls(this.mask(data))}`)]
        this.inGroup = true
        return lines
      }
      case 'endgroup':
        this.inGroup = false
        return []
      case 'error':
      case 'warning':
      case 'notice': {
        const annotation = toAnnotation(command)
        if (!annotation) return []
        const colour =
          command.name === 'error' ? s.red : command.name === 'warning' ? s.yellow : s.cyan
        const label = `${command.name.charAt(0).toUpperCase()}${command.name.slice(1)}:`
        const title = annotation.title ? `${this.mask(annotation.title)}: ` : ''
        return this.show(`${title}${this.mask(annotation.message)}`, `${label} `, t =>
          colour(s.bold(t))
        )
      }
      default:
        return this.show(this.mask(text), '', undefined, s.dim)
    }
  }

  private mask(text: string): string {
    let out = text
    for (const secret of this.masks) if (secret) out = out.split(secret).join('***')
    return out
  }

  /** `label` goes before the first line, painted with `labelPaint`; `paint` colours the text. */
  private show(
    text: string,
    label = '',
    labelPaint: (t: string) => string = t => t,
    paint: (t: string) => string = t => t
  ): string[] {
    const prefix = this.inGroup ? this.style.dim('  │ ') : ''
    const room = this.width - (this.inGroup ? 4 : 0)
    const labelWidth = displayWidth(label)
    const out: string[] = []
    text.split('\n').forEach((line, i) => {
      const lead = i === 0 ? labelPaint(label) : '    '
      const leadWidth = i === 0 ? labelWidth : 4
      const clean = stripControls(line)
      const pieces =
        leadWidth + displayWidth(clean) <= room ? [clean] : wrap(clean, room - leadWidth)
      pieces.forEach((piece, k) => {
        const indent = k === 0 ? lead : ' '.repeat(Math.max(leadWidth, 4))
        out.push(`${prefix}${indent}${paint(piece)}`)
      })
    })
    return out
  }
}

interface Cell {
  header: boolean
  lines: string[]
}

function cellLines(html: string): string[] {
  return visibleText(html)
    .split('\n')
    .map(line => stripControls(line).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
}

function tableRows(html: string): Cell[][] {
  const rows: Cell[][] = []
  for (const row of html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const cells: Cell[] = []
    for (const cell of row[1]!.matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
      cells.push({ header: cell[1]!.toLowerCase() === 'th', lines: cellLines(cell[2]!) })
    }
    if (cells.length > 0) rows.push(cells)
  }
  return rows
}

function statusColour(style: Style, text: string): (t: string) => string {
  if (/\bfail/i.test(text)) return style.red
  if (/\bsuccess|\bpass/i.test(text)) return style.green
  if (/\brunning|\bunstarted/i.test(text)) return style.yellow
  return t => t
}

function renderTable(html: string, width: number, style: Style): string[] {
  const rows = tableRows(html)
  if (rows.length === 0) return []
  const out: string[] = []
  // A key/value table (every row: <th>key</th><td>value</td>): an aligned list.
  if (rows.every(r => r.length === 2 && r[0]!.header && !r[1]!.header)) {
    const keyWidth = Math.max(...rows.map(r => displayWidth(r[0]!.lines.join(' '))))
    for (const [key, value] of rows as [Cell, Cell][]) {
      const first = `  ${padEnd(key.lines.join(' '), keyWidth)}  `
      const text = value.lines.join(' ')
      out.push(...block(text, width, keyWidth + 4, style.bold(first)))
    }
    return out
  }
  const header = rows[0]!.every(c => c.header) ? rows[0]!.map(c => c.lines.join(' ')) : undefined
  const body = header ? rows.slice(1) : rows
  const columns = Math.max(...rows.map(r => r.length))
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(
      displayWidth(header?.[i] ?? ''),
      ...body.map(r => Math.max(0, ...(r[i]?.lines ?? []).map(displayWidth)))
    )
  )
  const total = widths.reduce((a, b) => a + b, 0) + 2 + 2 * (columns - 1)
  if (total <= width) {
    // Fits: aligned columns, a cell's extra lines below its first.
    const line = (cells: string[]): string =>
      `  ${cells.map((c, i) => padEnd(c, widths[i]!)).join('  ')}`.trimEnd()
    if (header) {
      out.push(style.bold(line(header)))
      out.push(style.dim(line(widths.map(w => '─'.repeat(w)))))
    }
    for (const row of body) {
      const height = Math.max(...row.map(c => c.lines.length), 1)
      for (let k = 0; k < height; k++) out.push(line(row.map(c => c.lines[k] ?? '')))
    }
    return out
  }
  // Too wide: one block per row. The first two columns lead, the others follow as "Header: text".
  const leadWidth = Math.max(...body.map(r => displayWidth(r[0]?.lines.join(' ') ?? '')))
  const indent = 2 + leadWidth + 2
  for (const row of body) {
    const lead = row[0]?.lines.join(' ') ?? ''
    const paint = statusColour(style, lead)
    const [title = '', ...more] = row[1]?.lines ?? []
    out.push(`  ${paint(padEnd(lead, leadWidth))}  ${style.bold(title)}`)
    for (const extra of more) out.push(...block(extra, width, indent).map(l => style.dim(l)))
    for (let i = 2; i < row.length; i++) {
      const text = row[i]!.lines.join(' ')
      if (!text) continue
      const label = header?.[i] ? `${header[i]}: ` : ''
      out.push(...block(`${label}${text}`, width, indent))
    }
    out.push('')
  }
  if (out.at(-1) === '') out.pop()
  return out
}

/** A collapsed block (<details><summary>title</summary><pre>text</pre>) as "▸ title" and its text, indented. */
function renderDetails(html: string, width: number, style: Style): string[] {
  const title = /<summary>([\s\S]*?)<\/summary>/i.exec(html)?.[1] ?? ''
  const body = html.slice(html.search(/<\/summary>/i) + '</summary>'.length)
  const out = [style.bold(`▸ ${cellLines(title).join(' ')}`)]
  for (const line of visibleText(body).split('\n')) {
    const text = stripControls(line).trimEnd()
    if (text.trim()) out.push(...block(text, width, 4))
  }
  return out
}

/**
 * The job summary (Markdown headings around HTML, as the action writes it) as terminal text:
 * headings, wrapped paragraphs, key/value tables as aligned lists, wide tables as one block per row.
 */
export function summaryAsText(summary: string, width: number, style: Style): string[] {
  const out: string[] = []
  const blocks =
    /^(#{1,6}) +([^\n]*)$|<table\b[^>]*>[\s\S]*?<\/table>|<p\b[^>]*>([\s\S]*?)<\/p>|<(?:div|ul|ol|pre|details|blockquote)\b[\s\S]*?<\/(?:div|ul|ol|pre|details|blockquote)>/gim
  let at = 0
  const paragraph = (html: string): void => {
    for (const text of cellLines(html)) out.push(...block(text, width, 0), '')
  }
  for (const match of summary.matchAll(blocks)) {
    const between = summary.slice(at, match.index)
    if (between.trim()) paragraph(between)
    at = match.index + match[0].length
    if (match[1]) {
      const text = cellLines(match[2]!).join(' ')
      out.push(style.bold(text))
      if (match[1].length <= 2) out.push(style.dim('─'.repeat(Math.min(width, displayWidth(text)))))
      out.push('')
    } else if (match[0].toLowerCase().startsWith('<table')) {
      out.push(...renderTable(match[0], width, style), '')
    } else if (/^<details>\s*<summary>/i.test(match[0])) {
      out.push(...renderDetails(match[0], width, style), '')
    } else {
      paragraph(match[3] ?? match[0])
    }
  }
  const rest = summary.slice(at)
  if (rest.trim()) paragraph(rest)
  while (out.at(-1) === '') out.pop()
  return out
}
