import * as core from '@actions/core'
import { parseInputs, wantsJobSummary, InputError, type Inputs } from './inputs.js'
import { NineDataClient } from './ninedata/client.js'
import { ApiError, StopError } from './ninedata/errors.js'
import { getPrecheckStatus, startPrecheck } from './ninedata/precheck.js'
import type { PrecheckState } from './ninedata/types.js'
import { planAnnotations } from './report/annotations.js'
import { stepFails, type Report } from './report/model.js'
import { planOutputs } from './report/outputs.js'
import { itemLines, progressKey, progressLine } from './report/progress.js'
import { renderSummary } from './report/summary.js'
import { redactText, toHtml } from './report/text.js'
import { decideVerdict, plural, type Outcome } from './verdict.js'
import { waitForVerdict } from './wait.js'

const AUTH_HINT =
  'Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) ' +
  "and that the runner's clock is right."

/** The action: validate, start or pick up the precheck, wait, report. Every way out reports. */
export async function run(): Promise<void> {
  try {
    await gate()
  } catch (error) {
    // A bug of this action: still fail the step with a readable message and leave a summary.
    const secret = core.getInput('access-key-secret')
    const message = redactText(
      `The action crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      secret ? [secret] : []
    )
    core.setFailed(message)
    try {
      await core.summary
        .addRaw(`## ❌ NineData precheck gate crashed\n\n<p>${toHtml(message, 10_000)}</p>\n`, true)
        .write()
    } catch {
      // No summary file (e.g. run outside a runner): the failure message above is all we can leave.
    }
  }
}

async function gate(): Promise<void> {
  const startedAt = Date.now()
  // Masked before anything else can print it.
  const secret = core.getInput('access-key-secret')
  if (secret) core.setSecret(secret)
  const secrets = secret ? [secret] : []

  let inputs: Inputs
  try {
    inputs = parseInputs(name => core.getInput(name))
  } catch (error) {
    const message = error instanceof InputError ? error.message : String(error)
    await report(
      {
        verdict: decideVerdict('error', undefined, message),
        taskId: core.getInput('task-id').trim(),
        precheckTaskId: core.getInput('precheck-task-id').trim(),
        state: undefined,
        requestId: '',
        durationMs: Date.now() - startedAt,
        failOnFailure: true
      },
      wantsJobSummary(name => core.getInput(name)),
      secrets
    )
    return
  }

  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    core.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const client = new NineDataClient({
    apiUrl: inputs.apiUrl,
    credentials: { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret },
    requestTimeoutMs: inputs.requestTimeoutMs,
    deadline: startedAt + inputs.timeoutMs,
    signal: controller.signal,
    log: { info: core.info, warning: core.warning, debug: core.debug }
  })

  let precheckTaskId = inputs.precheckTaskId
  let outcome: Outcome
  let last: PrecheckState | undefined
  let failure: unknown
  try {
    if (precheckTaskId) {
      core.info(
        `Following precheck ${precheckTaskId} of comparison task ${inputs.taskId} (given as precheck-task-id; nothing is started).`
      )
    } else {
      core.info(
        `Starting a precheck of schema comparison task ${inputs.taskId} at ${inputs.apiUrl}.`
      )
      const started = await startPrecheck(client, inputs.taskId).catch(error => {
        throw describe(error, `NineData did not start a precheck for task ${inputs.taskId}`)
      })
      precheckTaskId = started.data.precheckTaskId
      // A retried start may have started prechecks we never heard of: say which one is followed.
      const retried =
        started.unclearAttempts > 0
          ? ` ${plural(started.unclearAttempts, 'earlier attempt')} of the start call got no usable answer, so NineData may have started other prechecks for this task; this run follows ${precheckTaskId} only.`
          : started.attempts > 1
            ? ` Earlier attempts did not reach NineData; this run follows ${precheckTaskId} only.`
            : ''
      core.info(
        `Started precheck ${precheckTaskId} (requestId ${started.requestId || 'none'}).${retried}`
      )
    }
    let lastKey = ''
    const result = await waitForVerdict({
      poll: async () =>
        (
          await getPrecheckStatus(client, inputs.taskId, precheckTaskId).catch(error => {
            throw describe(error, `The status query for precheck ${precheckTaskId} failed`)
          })
        ).data,
      intervalMs: inputs.pollIntervalMs,
      deadline: startedAt + inputs.timeoutMs,
      sleep: ms => client.sleep(ms),
      onState: state => {
        const key = progressKey(state)
        if (key !== lastKey) core.info(progressLine(state, Date.now() - startedAt))
        lastKey = key
      }
    })
    outcome = result.outcome
    last = result.last
    failure = result.error
  } catch (error) {
    outcome = error instanceof StopError ? error.reason : 'error'
    failure = error
  } finally {
    client.dispose()
  }

  if (last) {
    core.startGroup(
      `All ${plural(last.precheckItems.length, 'check item')} of precheck ${last.precheckTaskId}`
    )
    for (const line of itemLines(last)) core.info(line)
    core.endGroup()
  }
  await report(
    {
      verdict: decideVerdict(outcome, last, failure === undefined ? undefined : messageOf(failure)),
      taskId: inputs.taskId,
      precheckTaskId,
      state: last,
      requestId: client.lastRequestId ?? '',
      durationMs: Date.now() - startedAt,
      failOnFailure: inputs.failOnFailure,
      hint: failure instanceof ApiError ? failure.hint : undefined
    },
    inputs.jobSummary,
    secrets
  )
  // Only now: a second signal while the report is written must not cut it short.
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
}

/** Puts what the action was doing in front of an API error, and keeps NineData's requestId. */
function describe(error: unknown, doing: string): unknown {
  if (!(error instanceof ApiError)) return error
  const id = error.requestId ? ` (requestId ${error.requestId})` : ''
  const what =
    error.kind === 'business'
      ? `${doing}: NineData said "${error.message}"${id}.`
      : error.kind === 'auth'
        ? `${doing}: NineData rejected the credentials or the request signature: "${error.message}"${id}.`
        : error.kind === 'protocol'
          ? `${doing}: ${error.message}${id}. This is not treated as a pass.`
          : `${doing}: ${error.message}${id}.`
  const hint =
    error.kind === 'auth'
      ? AUTH_HINT
      : error.hint
        ? `${error.hint.charAt(0).toUpperCase()}${error.hint.slice(1)}.`
        : undefined
  return new ApiError(error.kind, what, {
    requestId: error.requestId,
    httpStatus: error.httpStatus,
    hint
  })
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** Outputs, annotations, summary and the step's result: the same on every way out. */
async function report(model: Report, writeSummary: boolean, secrets: string[]): Promise<void> {
  const safe = (text: string): string => redactText(text, secrets)
  const { values, truncated } = planOutputs(model)
  for (const [name, value] of Object.entries(values)) core.setOutput(name, safe(value))
  for (const cut of truncated) {
    core.info(
      `The ${cut.name} output holds the first ${cut.kept} of ${cut.total} items (it is capped at 100 KB); item-count and failed-count have the totals.`
    )
  }
  for (const annotation of planAnnotations(model)) {
    const properties = { title: safe(annotation.title) }
    if (annotation.level === 'error') core.error(safe(annotation.message), properties)
    else core.warning(safe(annotation.message), properties)
  }
  if (writeSummary) {
    try {
      await core.summary.addRaw(safe(renderSummary(model)), true).write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${safe(messageOf(error))}`)
    }
  }
  const message = safe(model.hint ? `${model.verdict.reason} ${model.hint}` : model.verdict.reason)
  if (stepFails(model)) core.setFailed(message)
  else if (!model.verdict.passed)
    core.warning(`${message} The step passes because fail-on-failure is false.`)
  // A pass with items that never reported a final status deserves a look, not a red.
  else if (model.verdict.unsettledItems.length > 0) core.warning(message)
  else core.info(message)
}
