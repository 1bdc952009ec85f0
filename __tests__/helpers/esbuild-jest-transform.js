// Jest's transform for the project's TypeScript: esbuild strips the types, file by file, as
// tsconfig.json's `isolatedModules` already promises is safe. Type errors are `npm run typecheck`'s
// business, not the tests'. The output stays an ES module (Jest runs the tests as ES modules) with
// a source map, so coverage and stack traces point at the .ts lines.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { transformSync, version } from 'esbuild'

const tsconfig = readFileSync(new URL('../../tsconfig.json', import.meta.url), 'utf8')

export default {
  process(source, path) {
    const { code, map } = transformSync(source, {
      loader: path.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'esm',
      // The Node that runs Jest (the bundle's own tests run dist/ on Node 24 in a child process).
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'external',
      sourcesContent: false,
      sourcefile: path,
      tsconfigRaw: tsconfig
    })
    return { code, map }
  },
  getCacheKey(source, path, options) {
    return createHash('sha256')
      .update(version)
      .update(tsconfig)
      .update(path)
      .update(String(options.instrument))
      .update(source)
      .digest('hex')
  }
}
