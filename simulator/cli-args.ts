import { parseArgs } from 'node:util'
import { DEFAULT_SCENARIO, SCENARIOS } from './scenarios.js'

// The command-line handling shared by the simulator, demo and local-action scripts: --help,
// unknown options and unknown scenario names all answer the same way.

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>

export interface CliArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  /** --scenario, checked against SCENARIOS (default: pass). */
  scenario: string
}

export function readCliArgs(
  options: Options,
  usage: () => string,
  argv = process.argv.slice(2)
): CliArgs {
  let values: CliArgs['values']
  try {
    values = parseArgs({
      args: argv,
      options: { ...options, scenario: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage()}`)
    process.exit(2)
  }
  if (values['help']) {
    process.stdout.write(usage())
    process.exit(0)
  }
  const scenario = typeof values['scenario'] === 'string' ? values['scenario'] : DEFAULT_SCENARIO
  if (!SCENARIOS[scenario]) {
    process.stderr.write(`Unknown scenario "${scenario}".\n\n${usage()}`)
    process.exit(2)
  }
  return { values, scenario }
}
