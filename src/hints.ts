// The hints users read: what to check next, shown after the reason (the 💡 line of the summary and
// the pull request comment, and the failure message). All of them here, so the advice is worded
// once and read together. The network layer's hints are phrases ("check ..."); ending.ts makes
// them sentences.

export const HINTS = {
  /** NineData rejected the credentials or the request signature. */
  credentials:
    'Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) ' +
    "and that the runner's clock is right.",
  /** `task status invalid`: the task is busy with another precheck or run. */
  busyTask:
    'Another precheck or comparison run of this task may be under way, e.g. from a second workflow run: ' +
    'give the job a `concurrency:` group per comparison task.',
  /** `task not found`: the task ID, its kind or the account is not the one meant. */
  taskNotFound:
    'Check `task-id`: it must be the ID of a comparison task of the kind the message names ' +
    '(cc-... for a schema comparison, cd-... for a data comparison), in the NineData account the ' +
    'AccessKey belongs to, and visible to that AccessKey user.',
  /** TLS failed as a wrong scheme for the port does. */
  scheme:
    'check the scheme and port of `api-url`: https:// to a plain-http port (or http:// to an https port) fails like this',
  /** The server's certificate is not one Node trusts. */
  privateCa:
    'if NineData uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate',
  /** The host name does not resolve. */
  hostName: "check the host name in `api-url` (and the runner's DNS or proxy settings)",
  /** Nothing accepted the connection. */
  port: 'check the port in `api-url`, and that NineData is reachable from the runner',
  /** An answer of 404/405: not NineData's OpenAPI address. */
  apiPath: 'check `api-url`: it should be the base URL of the NineData OpenAPI (without /openapi)',
  /** The proxy refused its credentials (407). */
  proxyCredentials:
    'the proxy wants credentials: put them in the proxy URL (http://user:password@proxy:port)',
  /** The proxy did not open the tunnel. */
  proxy: 'check https_proxy / http_proxy and no_proxy on the runner'
} as const
