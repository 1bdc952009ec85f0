import { crashEnding, type Ending } from './ending.js'
import { runGate, type GateRun } from './gate-run.js'
import type { OpenCorrectionSql } from './phases/correction-sql-sink.js'
import { InputError, parseInputs, type InputGetter, type Inputs } from './inputs.js'
import { SafeLog } from './safe-log.js'
import type { RunnerSurface } from './surface/runner-surface.js'
import { SafeText } from './text/safe-text.js'
import type { Time } from './time.js'
import { beforeAnyPhase, type StepVerdict } from './verdict/step-verdict.js'

// The step both entries run, the GitHub Action and the command line: the log, then the inputs and
// the phases. Each entry reads its inputs its own way and brings its own surface; the rules are here.

export interface Step {
  inputs?: Inputs | undefined
  gate?: GateRun | undefined
  /** Why the step ended before any phase ran (refused inputs, a bug). */
  refused?: Ending | undefined
  /** The inputs were refused: nothing was asked of NineData. */
  inputsRefused?: boolean | undefined
  /** The step's verdict, decided once. */
  decided: StepVerdict
}

/**
 * `usage`: what the entry itself found wrong (the command line's options), told with the inputs'.
 * `correctionSql` opens the file the correction SQL is streamed to, where the entry keeps it.
 */
export async function runStep(
  get: InputGetter,
  log: SafeLog,
  env: { time: Time; signal: AbortSignal; startedAt: number },
  options: { usage?: readonly string[]; correctionSql?: OpenCorrectionSql | undefined } = {}
): Promise<Step> {
  let inputs: Inputs | undefined
  try {
    inputs = checkedInputs(get, options.usage ?? [])
    const gate = await runGate(inputs, { log, ...env, correctionSql: options.correctionSql })
    return { inputs, gate, decided: gate.verdict }
  } catch (error) {
    if (error instanceof InputError) {
      // One line (and annotation) per problem: the failure's own line joins them.
      if (error.problems.length > 1)
        for (const problem of error.problems)
          log.error(`Invalid input: ${problem}`, 'Invalid input')
      return {
        ...refused(undefined, { how: 'error', message: error.message }),
        inputsRefused: true
      }
    }
    if (error instanceof Error && error.stack) log.debug(error.stack)
    return refused(inputs, crashEnding(error))
  }
}

function refused(inputs: Inputs | undefined, ending: Ending): Step {
  return {
    inputs,
    refused: ending,
    decided: beforeAnyPhase(ending, inputs?.runComparison ?? false)
  }
}

/** Masks the step's secrets before anything can print them; makes a closed stdout harmless. */
export function openLog(surface: RunnerSurface, secrets: readonly string[]): SafeLog {
  for (const secret of secrets) surface.maskSecret(secret)
  // A reader that went away (EPIPE) must not crash the step: the exit code still tells the verdict.
  process.stdout.on('error', () => undefined)
  process.stderr.on('error', () => undefined)
  return new SafeLog(new SafeText(secrets), surface)
}

/** A warning for an access key secret too short to be one: hiding its copies may garble messages. */
export function warnIfShortSecret(log: SafeLog, accessKeySecret: string): void {
  const secret = accessKeySecret.trim()
  if (secret && secret.length < 8) {
    log.warning(
      'access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read.'
    )
  }
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
