import { crashEnding, type Ending } from './ending.js'
import { runGate, type GateRun } from './gate-run.js'
import { InputError, parseInputs, type InputGetter, type Inputs } from './inputs.js'
import { SafeLog } from './safe-log.js'
import type { RunnerSurface } from './surface/runner-surface.js'
import { SafeText } from './text/safe-text.js'
import type { Time } from './time.js'

// The step both entries run, the GitHub Action and the command line: the log, then the inputs and
// the phases. Each entry reads its inputs its own way and brings its own surface; the rules are here.

export interface Step {
  inputs?: Inputs | undefined
  gate?: GateRun | undefined
  /** Why the step ended before any phase ran (refused inputs, a bug). */
  refused?: Ending | undefined
  /** The inputs were refused: nothing was asked of NineData. */
  inputsRefused?: boolean | undefined
}

/** `usage`: what the entry itself found wrong (the command line's options), told with the inputs'. */
export async function runStep(
  get: InputGetter,
  log: SafeLog,
  env: { time: Time; signal: AbortSignal; startedAt: number },
  usage: readonly string[] = []
): Promise<Step> {
  let inputs: Inputs | undefined
  try {
    inputs = checkedInputs(get, usage)
    return { inputs, gate: await runGate(inputs, { log, ...env }) }
  } catch (error) {
    if (error instanceof InputError)
      return { refused: { how: 'error', message: error.message }, inputsRefused: true }
    if (error instanceof Error && error.stack) log.debug(error.stack)
    return { inputs, refused: crashEnding(error) }
  }
}

/** Masks the secret before anything can print it; makes a closed stdout harmless. */
export function openLog(surface: RunnerSurface, secret: string): SafeLog {
  if (secret) surface.maskSecret(secret)
  // A reader that went away (EPIPE) must not crash the step: the exit code still tells the verdict.
  process.stdout.on('error', () => undefined)
  process.stderr.on('error', () => undefined)
  const log = new SafeLog(new SafeText(secret ? [secret.trim(), secret] : []), surface)
  if (secret && secret.trim().length < 8) {
    log.warning(
      'access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read.'
    )
  }
  return log
}

/** Every problem at once: the entry's and the inputs'. */
function checkedInputs(get: InputGetter, usage: readonly string[]): Inputs {
  let inputs: Inputs | undefined
  try {
    inputs = parseInputs(get)
  } catch (error) {
    if (error instanceof InputError) throw new InputError([...usage, ...error.problems])
    throw error
  }
  if (usage.length > 0) throw new InputError([...usage])
  return inputs
}
