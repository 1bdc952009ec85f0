import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, runAction } from './lib/action-runner.js'
import { SCENARIOS } from '../simulator/scenarios.js'
import { startSimulator } from '../simulator/server.js'
import { demoInputs, demoScenarioInputs } from './lib/demo-inputs.js'
import { summaryPage } from './lib/summary-page.js'

// `npm run docs:summary`: pictures of the job summary as GitHub shows it, for the README. Runs the
// bundled action against the simulator (failed, pass, and compare-differ with run-comparison on),
// wraps each summary in a page styled like GitHub's run page and screenshots it with headless
// Chromium into docs/.
//
// Needs Chromium and a colour emoji font: on Debian/Ubuntu
//   apt-get install -y chromium fonts-liberation fonts-noto-color-emoji
// or set CHROMIUM to the browser's path.

const WIDTH = 960
const SCALE = 2
const SHOTS = [
  { scenario: 'failed', file: 'summary-failed.png' },
  { scenario: 'pass', file: 'summary-passed.png' },
  // run-comparison on: 6 of 130 objects differ; the first SQL block shown open, as after a click.
  { scenario: 'compare-differ', file: 'summary-comparison.png', openFirst: true }
]

function findChromium(): string {
  const candidates = [
    process.env['CHROMIUM'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
  ]
  const found = candidates.find(path => path && existsSync(path))
  if (!found) {
    process.stderr.write(
      'No Chromium found. Install it (Debian/Ubuntu: apt-get install -y chromium fonts-liberation fonts-noto-color-emoji)\n' +
        'or set CHROMIUM=/path/to/chrome.\n'
    )
    process.exit(1)
  }
  return found
}

/** Headless Chromium with a fresh profile and no background traffic (the network may be closed). */
function chromium(binary: string, args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'ninedata-gate-chromium-'))
  try {
    const run = spawnSync(
      binary,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        ...args
      ],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }
    )
    if (run.status !== 0) {
      throw new Error(`chromium failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`)
    }
    return run.stdout
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

// Written into the page so that --dump-dom tells how tall the laid-out page is.
const MEASURE = `<script>
document.documentElement.setAttribute('data-height', String(Math.ceil(document.documentElement.getBoundingClientRect().height)))
</script>`

// Fixed stand-ins for what changes from run to run (the simulator's random IDs, the measured
// duration), so that running this twice changes no file and a diff of the pictures means a change
// of the summary.
const FIXED_PRECHECK_ID = 'pcte-7f3a9c2e5b10'
const FIXED_REQUEST_ID = 'sim-4b8e21d07c9a5f3e6a1d2c84'
const FIXED_DURATION = '48s'

/** The summary with the run's IDs and times replaced by fixed ones. */
function fixedSummary(summary: string, outputs: Record<string, string>): string {
  let text = summary
  const precheckId = outputs['precheck-task-id']
  if (precheckId) text = text.split(precheckId).join(FIXED_PRECHECK_ID)
  return text
    .replace(/\bsim-[0-9a-f]{8,}\b/g, FIXED_REQUEST_ID)
    .replace(/(<th[^>]*>Duration<\/th><td>)[^<]*/g, `$1${FIXED_DURATION}`)
}

/** The action's name as the README's title gives it (GitHub shows a summary under the job's name). */
function actionName(): string {
  const title = /^# +(.+)$/m.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1]
  return title?.trim() ?? 'NineData precheck gate'
}

async function summaryOf(scenario: string): Promise<string> {
  const sim = await startSimulator({ scenario })
  try {
    // The demo's inputs for the scenario (its task, run-comparison for a compare-* scenario).
    const result = await runAction(
      demoInputs(sim.url, {
        ...demoScenarioInputs(SCENARIOS[scenario]!),
        'poll-interval-seconds': '0.5',
        'timeout-seconds': '30'
      })
    )
    if (!result.summary.trim()) {
      throw new Error(`the action wrote no summary for ${scenario}:\n${result.stdout}`)
    }
    return fixedSummary(result.summary, result.outputs)
  } finally {
    await sim.close()
  }
}

const browser = findChromium()
const docs = join(ROOT, 'docs')
mkdirSync(docs, { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'ninedata-gate-shot-'))
try {
  for (const shot of SHOTS) {
    const summary = await summaryOf(shot.scenario)
    const shown = 'openFirst' in shot ? summary.replace('<details>', '<details open>') : summary
    const page = join(work, `${shot.scenario}.html`)
    writeFileSync(
      page,
      summaryPage(shown, {
        title: `Job summary (${shot.scenario})`,
        header: actionName(),
        after: MEASURE
      })
    )
    const url = pathToFileURL(page).href
    const dom = chromium(browser, [`--window-size=${WIDTH},800`, '--dump-dom', url])
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1])
    if (!height) throw new Error(`could not measure the page:\n${dom.slice(0, 500)}`)
    const out = join(docs, shot.file)
    chromium(browser, [
      `--window-size=${WIDTH},${height}`,
      `--force-device-scale-factor=${SCALE}`,
      `--screenshot=${out}`,
      url
    ])
    const kb = (statSync(out).size / 1024).toFixed(0)
    process.stdout.write(
      `${relative(process.cwd(), out)}: ${shot.scenario} scenario, ${WIDTH}x${height} CSS px at ${SCALE}x, ${kb} KB\n`
    )
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
