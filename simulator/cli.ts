import { readCliArgs } from './cli-args.js'
import { SCENARIOS } from './scenarios.js'
import {
  DEFAULT_TASKS,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  startSimulator
} from './server.js'

// `npm run simulator -- --scenario failed --port 8080`: a NineData simulator for local runs and CI.

function usage(): string {
  const names = Object.values(SCENARIOS)
    .map(s => `  ${s.name.padEnd(26)} ${s.description}`)
    .join('\n')
  return `Usage: npm run simulator -- [--scenario NAME] [--port N] [--host ADDR] [--task ID]...

Starts a NineData OpenAPI simulator on 127.0.0.1. It accepts access-key-id "${DEMO_ACCESS_KEY_ID}"
and access-key-secret "${DEMO_ACCESS_KEY_SECRET}", checks every signature and timestamp, and plays a scenario:
${names}

Task IDs it knows (any other is "task not found"; --task adds one, and may be repeated):
  ${DEFAULT_TASKS.join(' ')}
`
}

const { values, scenario } = readCliArgs(
  { port: { type: 'string' }, host: { type: 'string' }, task: { type: 'string', multiple: true } },
  usage
)
const value = (name: string): string | undefined => values[name] as string | undefined
const sim = await startSimulator({
  scenario,
  port: Number(value('port') ?? 0),
  host: value('host') ?? '127.0.0.1',
  tasks: (values['task'] as string[] | undefined) ?? []
})
process.stdout.write(`NineData simulator listening on ${sim.url} (scenario ${scenario})\n`)
const stop = (): void => void sim.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
