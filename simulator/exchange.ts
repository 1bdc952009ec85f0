import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Reply } from './reply.js'
import type { SimState } from './state.js'
import type { Comparison, RecordedRequest, RequestKind } from './types.js'

// One request and its answer, as every part of the simulator sees it.

export interface Exchange {
  state: SimState
  req: IncomingMessage
  res: ServerResponse
  path: string
  query: URLSearchParams
  body: string
  record: RecordedRequest
  reply: Reply
  /** The endpoint kind and comparison of the path (undefined: not an endpoint the simulator knows). */
  kind: RequestKind | undefined
  comparison: Comparison | undefined
}
