import type { Exchange } from '../exchange.js'
import { serverNow } from '../state.js'

// GET /openapi/now: NineData's clock, epoch milliseconds in `data` (the docs do not show the shape).
// Answered without the signature headers, so a client with a wrong clock can ask it.

export async function answerNow(ex: Exchange): Promise<string> {
  return ex.reply.ok(serverNow(ex.state))
}
