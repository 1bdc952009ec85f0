import type { ServerResponse } from 'node:http'

// How the simulator writes an answer: NineData's JSON envelope, raw bodies, an HTML page, and a huge
// streamed envelope. Each returns what the request record's `answer` says (the HTTP status, or
// what happened instead).

export interface EnvelopeFields {
  success: boolean
  message?: string
  data?: unknown
}

/** NineData's envelope: `{success, requestId, message?, data?}` (data: null is kept, undefined left out). */
export function envelope(requestId: string, fields: EnvelopeFields): string {
  return JSON.stringify({
    success: fields.success,
    requestId,
    ...(fields.message ? { message: fields.message } : {}),
    ...(fields.data !== undefined ? { data: fields.data } : {})
  })
}

export interface RawAnswer {
  body: string | Buffer
  status?: number
  contentType?: string
  headers?: Record<string, string>
}

export interface Reply {
  /** The requestId this answer's envelope carries. */
  readonly requestId: string
  send(status: number, text: string, type?: string): string
  /** HTTP 200, `success: true` with `data`. */
  ok(data: unknown): string
  /** HTTP 200 (or `status`), `success: false` with `message`: how NineData refuses a call. */
  refuse(message: string, status?: number): string
  raw(answer: RawAnswer): string
  huge(bytes: number, chunked: boolean): Promise<string>
}

export function createReply(res: ServerResponse, requestId: string): Reply {
  const send = (status: number, text: string, type = 'application/json'): string => {
    res.writeHead(status, {
      'content-type': `${type}; charset=utf-8`,
      'content-length': Buffer.byteLength(text)
    })
    res.end(text)
    return String(status)
  }
  return {
    requestId,
    send,
    ok: data => send(200, envelope(requestId, { success: true, data })),
    refuse: (message, status = 200) =>
      send(status, envelope(requestId, { success: false, message })),
    raw: answer => sendRaw(res, answer),
    huge: (bytes, chunked) => sendHuge(res, requestId, bytes, chunked)
  }
}

function sendRaw(res: ServerResponse, answer: RawAnswer): string {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value)
  const raw = answer.body
  res.writeHead(answer.status ?? 200, {
    'content-type': answer.contentType ?? 'application/json; charset=utf-8',
    'content-length': typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length
  })
  res.end(raw)
  return String(answer.status ?? 200)
}

/** A valid JSON envelope of about `bytes` bytes, streamed (a padding string inside `data`). */
async function sendHuge(
  res: ServerResponse,
  requestId: string,
  bytes: number,
  chunked: boolean
): Promise<string> {
  const head = `{"success":true,"requestId":"${requestId}","data":{"status":"Running","precheckItems":[],"padding":"`
  const tail = '"}}'
  const padding = Math.max(0, bytes - head.length - tail.length)
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    ...(chunked ? {} : { 'content-length': head.length + padding + tail.length })
  })
  res.write(head)
  const chunk = Buffer.alloc(1024 * 1024, 'x')
  for (let left = padding; left > 0; left -= chunk.length) {
    // Stop when the client hangs up (e.g. it refused the answer as too large).
    if (res.destroyed) return 'huge:aborted'
    if (!res.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await drained(res)
  }
  res.end(tail)
  return 'huge'
}

/** Resolves when the response can take more, or is closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise(resolve => {
    const done = (): void => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
