import type { AnswerContext, HookAnswer, StatusData } from './scenarios.js'

// Building blocks for hostile answers: what a broken or malicious server could send. Scenario hooks
// (startAnswer / statusAnswer) return these; tests use the encoders to look for leaks.

/** A JSON text nested `depth` levels deep: [[[...]]] or {"a":{"a":...}}. Built as text: no recursion. */
export function nestedJson(depth: number, shape: 'array' | 'object' = 'array'): string {
  return shape === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`
}

/** Where a deeply nested value goes in an otherwise ordinary answer. */
export type NestingPlace = 'data' | 'item-field' | 'requestId'

/** A status answer (raw body) with a value nested `depth` levels deep at `place`. */
export function deepStatusAnswer(
  context: AnswerContext,
  depth: number,
  place: NestingPlace,
  shape: 'array' | 'object' = 'object'
): HookAnswer {
  const deep = nestedJson(depth, shape)
  const ids = `"taskId":${JSON.stringify(context.taskId)},"precheckTaskId":${JSON.stringify(context.precheckTaskId)}`
  const item = (errorMessage: string): string =>
    `{"precheckItem":"srcDataSourceCheck","itemName":"Source Connection Check","itemDescription":"d","status":"Failed","errorMessage":${errorMessage}}`
  const requestId = JSON.stringify(context.requestId)
  switch (place) {
    case 'data':
      return { body: `{"success":true,"requestId":${requestId},"data":${deep}}` }
    case 'item-field':
      return {
        body: `{"success":true,"requestId":${requestId},"data":{${ids},"status":"Failed","precheckItems":[${item(deep)}]}}`
      }
    case 'requestId':
      return {
        body: `{"success":true,"requestId":${deep},"data":{${ids},"status":"Failed","precheckItems":[${item('"x"')}]}}`
      }
  }
}

/** The forms a reader could decode back into the secret (each a string that contains it encoded). */
export function secretForms(secret: string): Record<string, string> {
  const chars = [...secret]
  return {
    plain: secret,
    // As JSON.stringify writes it inside a string: \" and \\ escaped, the rest as is.
    json: JSON.stringify(secret).slice(1, -1),
    // Every character as \uXXXX (the form a server may use; JSON.parse turns it back).
    unicodeEscaped: chars
      .map(c => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)
      .join(''),
    url: encodeURIComponent(secret),
    urlEverything: chars
      .map(c =>
        [...Buffer.from(c, 'utf8')].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
      )
      .flat()
      .join(''),
    base64: Buffer.from(secret, 'utf8').toString('base64'),
    html: secret
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
    htmlNumeric: chars.map(c => `&#${c.codePointAt(0)};`).join('')
  }
}

/** The names of the secret's forms (see secretForms) found in `text`. */
export function leakedForms(text: string, secret: string): string[] {
  const forms = secretForms(secret)
  const found = Object.entries(forms)
    .filter(([, form]) => form.length > 0 && text.includes(form))
    .map(([name]) => name)
  // The base64 form without padding, as it appears inside a longer base64 text.
  const bare = forms['base64']!.replace(/=+$/, '')
  if (!found.includes('base64') && bare.length >= 4 && text.includes(bare)) found.push('base64')
  return [...new Set(found)]
}

/** A status `data` made from the natural one: same IDs, the given overall status and items. */
export function statusData(
  context: AnswerContext,
  status: string,
  items: Record<string, unknown>[]
): StatusData & Record<string, unknown> {
  return {
    taskId: context.taskId,
    precheckTaskId: context.precheckTaskId,
    status,
    precheckItems: items as StatusData['precheckItems']
  }
}

/** An ordinary check item with the given status (any JSON value) and optional extra fields. */
export function item(
  precheckItem: string,
  itemName: string,
  status: unknown,
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    precheckItem,
    itemName,
    itemDescription: `Checks ${itemName.toLowerCase()}`,
    status,
    ...extra
  }
}
