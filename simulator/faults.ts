import type { Exchange } from './exchange.js'
import { envelope } from './reply.js'
import type { Fault, FaultKind, RequestKind, Scenario } from './types.js'

// Injected network trouble: resets, hangs, bodies cut short, HTTP errors and delays, by request
// kind and number (a scenario's `faults`) or asked for by a hook.

/** The scenario's fault for request number `n` (1-based) of `kind`, if any. */
export function faultFor(scenario: Scenario, kind: RequestKind, n: number): Fault | undefined {
  return scenario.faults?.find(
    f =>
      (f.on === kind || f.on === 'any') && n >= (f.from ?? 1) && n < (f.from ?? 1) + (f.times ?? 1)
  )
}

/** Applies a fault; undefined when the request should then be answered as usual (delay). */
export async function applyFault(ex: Exchange, fault: FaultKind): Promise<string | undefined> {
  switch (fault.type) {
    case 'reset':
      ex.req.socket.destroy()
      return 'fault:reset'
    case 'hang':
      return 'fault:hang'
    case 'cut':
      return cutShort(ex)
    case 'http':
      return ex.reply.raw({
        body: fault.body ?? '',
        status: fault.status,
        contentType: `${fault.contentType ?? 'application/json'}; charset=utf-8`,
        headers: fault.headers
      })
    case 'delay':
      await new Promise(resolve => setTimeout(resolve, fault.ms))
      return undefined
  }
}

/** Promises a body, sends half of it, closes: a body cut short. */
function cutShort(ex: Exchange): string {
  const full = envelope(ex.reply.requestId, {
    success: true,
    data: { status: 'Running', precheckItems: [] }
  })
  ex.res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(full)
  })
  ex.res.write(full.slice(0, Math.floor(full.length / 2)))
  setTimeout(() => ex.req.socket.destroy(), 20)
  return 'fault:cut'
}
