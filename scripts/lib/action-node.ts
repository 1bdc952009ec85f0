import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './action-runner.js'

// Which Node runs the bundle in the commands (demo, bench). Runners run the action on Node 24
// (`runs.using: node24`), so the commands use a Node 24 whenever there is one: $ACTION_NODE, else
// this process's Node when it is 24, else the one scripts/node24.sh has installed (that script is
// the one place that knows where). Otherwise they run on this Node and say so.

export interface ActionNode {
  path: string
  /** `node --version` of that binary, e.g. v24.11.0. */
  version: string
  /** Where it came from, for the commands to print. */
  source: string
}

function versionOf(path: string): string {
  if (path === process.execPath) return process.version
  const run = spawnSync(path, ['--version'], { encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim() : ''
}

/** The Node 24 scripts/node24.sh finds without installing one, or undefined. */
function installedNode24(): string | undefined {
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'node24.sh'), '--installed'], {
    encoding: 'utf8'
  })
  return run.status === 0 ? run.stdout.trim() || undefined : undefined
}

export function chooseActionNode(): ActionNode {
  const given = process.env['ACTION_NODE']
  if (given) return { path: given, version: versionOf(given), source: 'ACTION_NODE' }
  if (process.version.startsWith('v24.'))
    return { path: process.execPath, version: process.version, source: 'this Node' }
  const installed = installedNode24()
  if (installed)
    return { path: installed, version: versionOf(installed), source: 'from scripts/node24.sh' }
  return {
    path: process.execPath,
    version: process.version,
    source:
      'this Node: no Node 24 found (set ACTION_NODE, or run scripts/node24.sh once to install one)'
  }
}
