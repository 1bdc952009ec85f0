// @ts-check
// The import graph of a folder of TypeScript files, and the lint rule that keeps it free of cycles.
// Every import counts: static, `import type`, `export ... from` and dynamic `import()`. A type-only
// import loads nothing at run time, but it still ties one module's shape to another's, and data
// that flows one way needs both directions to be free (eslint-plugin-import-x's no-cycle skips
// type imports, and dependency-cruiser does not run on Node 20).
//
// Run as a script it prints the graph: `node scripts/lint/import-graph.js [folder]` (default src).

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const RESOLUTION = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext
}

/**
 * @typedef {'static' | 'type' | 'dynamic'} ImportKind
 * @typedef {{ target: string, kind: ImportKind, pos: number, end: number }} Import
 */

/** @param {ts.ImportDeclaration | ts.ExportDeclaration} node */
function isTypeOnly(node) {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly
  const clause = node.importClause
  if (!clause) return false
  if (clause.isTypeOnly) return true
  const named = clause.namedBindings
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every(e => e.isTypeOnly)
  )
}

/**
 * The relative imports of one file, resolved to files (package imports are left out).
 * @param {string} file absolute path
 * @param {string} text its source
 * @returns {Import[]}
 */
export function importsOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  /** @type {Import[]} */
  const found = []
  /** @param {ts.Expression | undefined} specifier @param {ImportKind} kind */
  const add = (specifier, kind) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return
    const resolved = ts.resolveModuleName(specifier.text, file, RESOLUTION, ts.sys).resolvedModule
    if (!resolved || resolved.isExternalLibraryImport) return
    found.push({
      target: resolve(resolved.resolvedFileName),
      kind,
      pos: specifier.getStart(source),
      end: specifier.getEnd()
    })
  }
  /** @param {ts.Node} node */
  const visit = node => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, isTypeOnly(node) ? 'type' : 'static')
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], 'dynamic')
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(/** @type {ts.Expression} */ (node.argument.literal), 'type')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** @param {string} dir @returns {string[]} */
function tsFilesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && /\.(ts|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map(e => resolve(e.parentPath, e.name))
    .sort()
}

/** @type {Map<string, { mtimeMs: number, imports: Import[] }>} */
const parsed = new Map()

/**
 * The import graph of every TypeScript file under `dir`: file -> its imports of files under `dir`.
 * Files unchanged since the last call are not parsed again (an editor keeps the rule loaded).
 * @param {string} dir
 * @param {{ file: string, text: string }} [current] a file's text as the editor holds it
 * @returns {Map<string, Import[]>}
 */
export function importGraph(dir, current) {
  const root = resolve(dir)
  const files = tsFilesUnder(root)
  const inside = new Set(files)
  /** @type {Map<string, Import[]>} */
  const graph = new Map()
  for (const file of files) {
    let imports
    if (current && resolve(current.file) === file) {
      imports = importsOf(file, current.text)
    } else {
      const { mtimeMs } = statSync(file)
      const known = parsed.get(file)
      imports =
        known && known.mtimeMs === mtimeMs
          ? known.imports
          : importsOf(file, readFileSync(file, 'utf8'))
      parsed.set(file, { mtimeMs, imports })
    }
    graph.set(
      file,
      imports.filter(i => inside.has(i.target))
    )
  }
  return graph
}

/**
 * The shortest import path from `from` back to `to`, as a list of files starting at `from`, or
 * undefined when there is none.
 * @param {Map<string, Import[]>} graph @param {string} from @param {string} to
 */
export function pathBetween(graph, from, to) {
  /** @type {Map<string, string | undefined>} */
  const cameFrom = new Map([[from, undefined]])
  const queue = [from]
  for (let i = 0; i < queue.length; i++) {
    const file = /** @type {string} */ (queue[i])
    if (file === to) {
      const path = []
      for (let at = /** @type {string | undefined} */ (to); at !== undefined; at = cameFrom.get(at))
        path.unshift(at)
      return path
    }
    for (const { target } of graph.get(file) ?? []) {
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file)
        queue.push(target)
      }
    }
  }
  return undefined
}

/**
 * Every cycle, one per import that closes one: [file, ...path back to file].
 * @param {Map<string, Import[]>} graph
 * @returns {string[][]}
 */
export function cyclesOf(graph) {
  const cycles = []
  for (const [file, imports] of graph) {
    for (const { target } of imports) {
      const back = pathBetween(graph, target, file)
      if (back) cycles.push([file, ...back])
    }
  }
  return cycles
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Forbid an import that leads back to the importing file (type imports too)'
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        required: ['root'],
        additionalProperties: false
      }
    ],
    messages: { cycle: 'Import cycle: {{path}}' }
  },
  create(context) {
    const root = resolve(context.cwd, context.options[0].root)
    const file = resolve(context.physicalFilename)
    if (relative(root, file).startsWith('..')) return {}
    return {
      'Program:exit'() {
        const text = context.sourceCode.text
        const graph = importGraph(root, { file, text })
        for (const imported of graph.get(file) ?? []) {
          const back = pathBetween(graph, imported.target, file)
          if (!back) continue
          const path = [file, ...back].map(f => relative(root, f)).join(' -> ')
          context.report({
            loc: {
              start: context.sourceCode.getLocFromIndex(imported.pos),
              end: context.sourceCode.getLocFromIndex(imported.end)
            },
            messageId: 'cycle',
            data: { path }
          })
        }
      }
    }
  }
}

/** The flat-config plugin: `plugins: { imports: importGraphPlugin }`, rule `imports/no-cycle`. */
export const importGraphPlugin = { rules: { 'no-cycle': noImportCycle } }

const RANK = { static: 0, dynamic: 1, type: 2 }

/** "a.ts -> b.ts, c.ts (type), d.ts (dynamic)", one line per file. @param {string} dir */
export function listing(dir) {
  const root = resolve(dir)
  const graph = importGraph(root)
  const lines = []
  for (const [file, imports] of graph) {
    /** @type {Map<string, ImportKind>} */
    const kinds = new Map()
    for (const { target, kind } of imports) {
      // A file imported both ways is listed by the way that loads the most.
      const known = kinds.get(target)
      if (!known || RANK[kind] < RANK[known]) kinds.set(target, kind)
    }
    const targets = [...kinds].map(
      ([target, kind]) => `${relative(root, target)}${kind === 'static' ? '' : ` (${kind})`}`
    )
    lines.push(`${relative(root, file)} -> ${targets.join(', ') || '(nothing)'}`)
  }
  const cycles = cyclesOf(graph)
  lines.push(
    cycles.length === 0
      ? `${graph.size} files, no import cycle.`
      : cycles.map(c => `cycle: ${c.map(f => relative(root, f)).join(' -> ')}`).join('\n')
  )
  return { text: lines.join('\n'), cycles: cycles.length }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { text, cycles } = listing(join(process.cwd(), process.argv[2] ?? 'src'))
  console.log(text)
  process.exitCode = cycles > 0 ? 1 : 0
}
