import cmark from 'cmark-gfm'
import { visibleText } from '../helpers/action-runner.js'

// The job summary as GitHub renders it: through cmark-gfm (GitHub's fork of cmark) with the
// extensions GitHub uses, raw HTML kept (a summary is Markdown headings around HTML), and the
// readers of the rendered page a test needs.

/** GitHub's Markdown: GFM tables, the tag filter, autolinks and strikethrough; raw HTML kept. */
export function renderAsGitHub(markdown: string, tagfilter = true): string {
  return cmark.renderHtmlSync(markdown, {
    unsafe: true,
    extensions: { table: true, tagfilter, autolink: true, strikethrough: true }
  })
}

/** Every tag the action writes into a summary; anything else on the page is someone else's. */
const OWN_TAGS = new Set([
  'h2',
  'h3',
  // The comparison section: a heading for the SQL, each object's SQL collapsed.
  'h4',
  'details',
  'summary',
  'pre',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'br',
  'sub',
  'code',
  'wbr'
])

/** Tags on the rendered page that are not the action's own (script, img, a, details, ...). */
export function foreignTags(html: string): string[] {
  const names = [...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map(match => match[1]!.toLowerCase())
  return names.filter(name => !OWN_TAGS.has(name))
}

/** The `<table>` elements of an HTML text, as written. */
export const tablesOf = (html: string): string[] => html.match(/<table>[\s\S]*?<\/table>/g) ?? []

/** The check item table (the one with a header row): each row's cells as visible text. */
export function itemRows(html: string): string[][] {
  const table = tablesOf(html).find(t => t.includes('<thead>')) ?? ''
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? ''
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(row =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(cell => visibleText(cell[1]!).trim())
  )
}

// Markdown a reader would see as its characters instead of its effect.
const MARKDOWN = [
  /`[^`\n]+`/,
  /\*\*[^*\n]+\*\*/,
  /(?<![\w*])\*[^*\s][^*\n]*\*(?![\w*])/,
  /__[^_\n]+__/,
  /~~[^~\n]+~~/,
  /!?\[[^\]\n]+\]\([^)\n]*\)/,
  /^[ \t]*#{1,6}[ \t]/m
]

/**
 * Markdown syntax shown literally in the action's own text: everything on the rendered page but
 * the check item table (whose cells quote NineData, Markdown characters and all) and code.
 */
export function literalMarkdown(html: string): string[] {
  const own = html
    .replace(/<table>\s*<thead>[\s\S]*?<\/table>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, '')
    .replace(/<\/(p|h\d|tr|table)>/g, '$&\n')
  const text = visibleText(own)
  return MARKDOWN.flatMap(pattern => pattern.exec(text)?.[0] ?? [])
}
