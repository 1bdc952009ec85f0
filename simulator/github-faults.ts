import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Fault, GitHubRequest } from './github-types.js'

// Injected trouble for the GitHub stand-in: error answers, hangs, dropped connections and lost
// answers, on the requests a test names. Also the one writer of answers, since a lost answer and
// a fault's extra headers change how an answer goes out.

export class GitHubFaults {
  private readonly faults: Fault[] = []
  // Answers to lose after serving, and headers to add to served answers (set by a fault).
  private readonly lost = new WeakSet<ServerResponse>()
  private readonly extra = new WeakMap<ServerResponse, Record<string, string>>()

  add(fault: Fault): void {
    this.faults.push({ ...fault })
  }

  clear(): void {
    this.faults.splice(0)
  }

  /** The first fault that matches, counted as used. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      f =>
        (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (f.times ?? 1) > 0
    )
    if (fault && fault.times !== undefined) fault.times--
    return fault
  }

  /** Writes a JSON answer, unless a fault said to lose it (then the connection just closes). */
  answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (this.lost.has(res)) return void res.socket?.destroy()
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...headers,
      ...this.extra.get(res)
    })
    res.end(JSON.stringify(body))
  }

  /** Answers `record` as `fault` says, calling `serve` when the request is to be served. */
  respond(
    fault: Fault | undefined,
    exchange: { req: IncomingMessage; res: ServerResponse; record: GitHubRequest },
    serve: () => number
  ): void {
    const { req, res, record } = exchange
    if (res.destroyed) return
    if (fault?.drop) {
      record.status = -1
      req.socket.destroy()
    } else if (fault?.status) {
      record.status = fault.status
      const body = {
        message: fault.message ?? 'Stand-in error',
        ...(fault.errors ? { errors: fault.errors } : {})
      }
      this.answer(res, fault.status, body, fault.headers)
    } else {
      if (fault?.lose) this.lost.add(res)
      if (fault?.headers) this.extra.set(res, fault.headers)
      record.status = serve()
      if (fault?.lose) record.status = -1
    }
  }
}
