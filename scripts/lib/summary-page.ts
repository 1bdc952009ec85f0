// The job summary as a standalone web page, styled like GitHub shows a step summary on a run's
// page (light theme): a bordered card with the job's name on top and the summary as a Markdown body.
// The summary is Markdown headings around HTML; only the headings need converting.

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** `## text` / `### text` lines become <h2>/<h3>; everything else is already HTML. */
export function summaryBodyHtml(summary: string): string {
  return summary.replace(
    /^(#{1,6}) +(.*)$/gm,
    (_, hashes: string, text: string) => `<h${hashes.length}>${text.trim()}</h${hashes.length}>`
  )
}

// Written for this project after GitHub's look: system font stack, 1px grey cell borders,
// zebra rows, pill-shaped inline code, a heading rule under h2.
const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #f6f8fa; }
body {
  margin: 0;
  padding: 24px;
  color: #1f2328;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial,
    sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  font-size: 14px;
  line-height: 1.5;
}
.card { background: #ffffff; border: 1px solid #d1d9e0; border-radius: 6px; }
.card-header {
  padding: 16px 24px;
  border-bottom: 1px solid #d1d9e0;
  font-size: 14px;
  font-weight: 600;
}
.card-header .muted { color: #59636e; font-weight: 400; }
.markdown-body { padding: 8px 24px 16px; overflow-wrap: break-word; }
.markdown-body > :first-child { margin-top: 16px; }
.markdown-body > :last-child { margin-bottom: 0; }
h1, h2, h3, h4 { margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
h2 { font-size: 1.5em; padding-bottom: 0.3em; border-bottom: 1px solid #d1d9e0b3; }
h3 { font-size: 1.25em; }
p { margin: 0 0 16px; }
table {
  display: block;
  width: max-content;
  max-width: 100%;
  overflow: auto;
  margin: 0 0 16px;
  border-spacing: 0;
  border-collapse: collapse;
  font-variant: tabular-nums;
}
tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
tr:nth-child(2n) { background: #f6f8fa; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
td > :last-child { margin-bottom: 0; }
code {
  padding: 0.2em 0.4em;
  margin: 0;
  font-size: 85%;
  white-space: break-spaces;
  background: #818b981f;
  border-radius: 6px;
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono",
    monospace;
}
sub { font-size: 75%; color: #59636e; }
`

export interface PageOptions {
  /** The page's <title>. */
  title: string
  /** The card's header, like GitHub's "<job> summary". */
  header?: string
  /** Extra markup after the card (e.g. a script for measuring the page). */
  after?: string
}

export function summaryPage(summary: string, options: PageOptions): string {
  const header = options.header
    ? `<div class="card-header">${escapeHtml(options.header)} <span class="muted">summary</span></div>\n`
    : ''
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="card">
${header}<div class="markdown-body">
${summaryBodyHtml(summary)}
</div>
</div>
${options.after ?? ''}
</body>
</html>
`
}
