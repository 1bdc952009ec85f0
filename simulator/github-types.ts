// The GitHub stand-in's shapes: who a token stands for, a stored comment, a recorded request and an
// injected fault. Shared by its state, routes and faults (github-state.ts, github-routes.ts,
// github-faults.ts); the stand-in's own interface is in github.ts.

/** Who a token stands for. */
export interface GitHubIdentity {
  login: string
  type?: 'User' | 'Bot'
  /** An app installation token (the default GITHUB_TOKEN is one): GET /user is refused. */
  installation?: boolean
  /** A read-only token (what a pull request from a fork gets): writes are refused with 403. */
  readOnly?: boolean
}

export interface StoredComment {
  id: number
  owner: string
  repo: string
  issue: number
  body: string
  user: { login: string; id: number; type: string }
  created_at: string
  updated_at: string
  /** How many times it was edited through PATCH. */
  edits: number
}

export interface GitHubRequest {
  method: string
  /** The path without the API prefix, e.g. /repos/o/r/issues/7/comments. */
  path: string
  query: Record<string, string>
  /** The token sent ('' when none), and the scheme it was sent with. */
  token: string
  scheme: string
  body: string
  status: number
  /** When it arrived: Date.now(), for timing against other processes. */
  at: number
}

/** An answer to force on matching requests, `times` times (default: every time). */
export interface Fault {
  method?: string
  /** Matched against the path without the API prefix. */
  path?: RegExp
  /**
   * Answer with this status and GitHub's error shape; without it the request is served normally
   * (with `headers` added to the answer).
   */
  status?: number
  message?: string
  errors?: unknown[]
  headers?: Record<string, string>
  /** Wait this long before answering (longer than the action's timeout: a hang). */
  delayMs?: number
  /** Close the connection without an answer (the request is not served). */
  drop?: boolean
  /** Serve the request (a comment is written), then close the connection: the answer is lost. */
  lose?: boolean
  times?: number
}
