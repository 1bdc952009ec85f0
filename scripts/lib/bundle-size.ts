import { readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

// dist/index.js is a few lines that load the action's main chunk, which imports shared chunks; the
// pull request comment's chunks are loaded only by a step that writes one. What Node reads and
// compiles at every start is the entry, what it imports, and what the entry itself loads.
const STATIC_IMPORT = /^import\s(?:[^;]*?\sfrom\s)?"(\.\/[^"]+\.js)";?$/gm
const DYNAMIC_IMPORT = /\bimport\("(\.\/[^"]+\.js)"\)/g

/** Bytes of JavaScript a start of the bundle at `entry` loads (before any pull request comment). */
export function startupBytes(entry: string): number {
  const seen = new Set<string>()
  const visit = (file: string, followDynamic: boolean): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const imports = [...text.matchAll(STATIC_IMPORT)]
    if (followDynamic) imports.push(...text.matchAll(DYNAMIC_IMPORT))
    for (const match of imports) visit(join(dirname(file), match[1]!), false)
  }
  visit(entry, true)
  return [...seen].reduce((sum, file) => sum + statSync(file).size, 0)
}
