import { readFileSync, writeFileSync } from 'node:fs'

// docs/benchmark.md is written by several commands, each owning one `## ` section: a command replaces
// its own section (up to the next `## ` heading) and leaves the others as they are.

/** Replaces the section that starts with `heading` (a `## ` line), or appends it at the end. */
export function writeSection(file: string, heading: string, section: string): void {
  const current = readFileSync(file, 'utf8')
  const at = current.indexOf(`\n${heading}\n`)
  if (at < 0) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section.trimEnd()}\n`)
    return
  }
  const next = current.indexOf('\n## ', at + heading.length + 1)
  const before = current.slice(0, at).trimEnd()
  const after = next < 0 ? '' : `\n\n${current.slice(next + 1).trimEnd()}`
  writeFileSync(file, `${before}\n\n${section.trimEnd()}${after}\n`)
}
