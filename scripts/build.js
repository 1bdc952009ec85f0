// `npm run build`: dist/ from src/, by esbuild, in well under a second.
//   dist/index.js  the action (action.yml `runs.main`), with the chunks it imports beside it; the
//                  pull request comment (Octokit) is a chunk loaded only when a comment is written.
//   dist/cli.js    the command line, ONE file that runs with nothing but Node 24.
//   dist/licenses.txt  the licence of every package bundled into either.
// The build owns dist/: it empties the folder first, so a chunk the sources no longer make is gone.
//
// Usage: node scripts/build.js                  (dist/)
//        node scripts/build.js --action DIR FILE (FILE, an entry like src/index.ts, bundled to DIR;
//                                                 the benchmark builds its variants this way)
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

// Packages whose modules only declare things. esbuild keeps a module it cannot prove free of side
// effects, and these say nothing about it: without this, every start of the action would load and
// compile undici (900 KB, through @actions/core's OIDC client, which the action never calls).
// Dropped only where nothing kept uses them; Octokit's chunk still bundles the undici it calls.
const DECLARES_ONLY = /^(undici|tunnel|@actions\/http-client(\/.*)?)$/

const declaresOnly = {
  name: 'declares-only',
  setup(bundle) {
    bundle.onResolve({ filter: DECLARES_ONLY }, async args => {
      if (args.pluginData?.declaresOnly) return undefined
      const resolved = await bundle.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { declaresOnly: true }
      })
      return { ...resolved, sideEffects: false }
    })
  }
}

// Node's own modules through require(), as the CommonJS packages load them. An ES import of one
// builds its ES module facade, which reads every export: node:http's include getters that load
// Node's internal undici, about 10 ms at every start of the action for nothing it uses.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(bundle) {
    bundle.onResolve({ filter: /^node:/ }, args =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined
    )
    bundle.onLoad({ filter: /.*/, namespace: 'builtin' }, args => ({
      contents: `module.exports = require(${JSON.stringify(args.path)})`,
      loader: 'js'
    }))
  }
}

// Bundled CommonJS packages call require() for Node's own modules: give the ES module one.
const REQUIRE_BANNER =
  "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);"

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [declaresOnly, builtinsByRequire]
}

/** The action: an entry and the chunks it imports, with source maps, into `outdir`. */
export async function buildAction(outdir, entry = 'src/index.ts') {
  return build({
    ...COMMON,
    entryPoints: { index: entry },
    outdir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    banner: { js: REQUIRE_BANNER }
  })
}

/** The command line: one file, no chunks, so it can be copied anywhere on its own. */
async function buildCli(outfile) {
  const result = await build({
    ...COMMON,
    entryPoints: ['src/cli.ts'],
    outfile,
    banner: { js: `#!/usr/bin/env node\n${REQUIRE_BANNER}` }
  })
  const files = Object.keys(result.metafile.outputs)
  if (files.length !== 1)
    throw new Error(`the command line must be one file, esbuild made: ${files.join(', ')}`)
  return result
}

/** Each package with code in a bundle, once (nested copies too), with its licence text, by name. */
function licenses(...results) {
  const packages = new Map()
  for (const result of results) {
    const bundled = Object.values(result.metafile.outputs).flatMap(output =>
      Object.entries(output.inputs)
        .filter(([, use]) => use.bytesInOutput > 0)
        .map(([input]) => input)
    )
    for (const input of bundled) {
      const parts = input.split('/')
      const last = parts.lastIndexOf('node_modules')
      if (last < 0) continue
      const nameParts = parts[last + 1]?.startsWith('@') ? 2 : 1
      const dir = parts.slice(0, last + 1 + nameParts).join('/')
      if (!packages.has(dir)) packages.set(dir, packageLicense(join(ROOT, dir)))
    }
  }
  return [...packages.values()]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map(p => `${p.title}\n${p.license}\n${p.text}`.trimEnd())
    .join('\n\n')
    .concat('\n')
}

function packageLicense(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find(name => /^(licen[cs]e|copying)(\..*)?$/i.test(name))
  const text = file ? readFileSync(join(dir, file), 'utf8') : '(the package ships no licence file)'
  return { title: `${pkg.name}@${pkg.version}`, license: pkg.license ?? 'UNKNOWN', text }
}

async function buildDist() {
  const dist = join(ROOT, 'dist')
  rmSync(dist, { recursive: true, force: true })
  mkdirSync(dist)
  const [action, cli] = await Promise.all([buildAction(dist), buildCli(join(dist, 'cli.js'))])
  chmodSync(join(dist, 'cli.js'), 0o755)
  writeFileSync(join(dist, 'package.json'), '{\n  "type": "module"\n}\n')
  writeFileSync(join(dist, 'licenses.txt'), licenses(action, cli))
  // esbuild names its outputs relative to absWorkingDir (ROOT), with forward slashes.
  const made = Object.keys({ ...action.metafile.outputs, ...cli.metafile.outputs })
  console.log(`build: ${made.filter(file => !file.endsWith('.map')).join(', ')}`)
}

const [flag, outdir, entry] = process.argv.slice(2)
if (flag === '--action') await buildAction(outdir, entry)
else if (flag === undefined) await buildDist()
else
  throw new Error(
    `build: unknown option ${flag} (usage: node scripts/build.js [--action DIR FILE])`
  )
