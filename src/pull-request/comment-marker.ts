// The hidden first line that tells this gate's comment apart: it names the action and the comparison
// task, so a second gate (another task) in the same pull request keeps a comment of its own. Pure.

const PREFIX = '<!-- ninedata-precheck-gate:task='
const SUFFIX = ' -->'

/**
 * The task ID written so it cannot end or break the HTML comment: everything but letters, digits,
 * `.`, `_` and single `-` is percent-encoded (`--` and `>` included, and a `-` at the end).
 */
export function markerTaskId(taskId: string): string {
  // A lone surrogate cannot be percent-encoded: it stands for nothing, so it becomes U+FFFD.
  const whole = taskId.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD'
  )
  const encoded = encodeURIComponent(whole)
  return encoded.replace(
    /[!'()*~]|-(?=-|$)/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

export function markerFor(taskId: string): string {
  return `${PREFIX}${markerTaskId(taskId)}${SUFFIX}`
}

/** Whether a comment body is one this gate wrote for the task: the marker is its whole first line. */
export function carriesMarker(body: string | null | undefined, marker: string): boolean {
  if (!body || !body.startsWith(marker)) return false
  const next = body.charCodeAt(marker.length)
  // The end of the body, or the end of the line (GitHub may store \r\n).
  return Number.isNaN(next) || next === 0x0a || next === 0x0d
}
