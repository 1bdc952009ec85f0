import * as http from 'node:http'
import * as https from 'node:https'
import { isIP, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import * as tls from 'node:tls'
import { getProxyUrl } from '@actions/http-client/lib/proxy'

// Sends one HTTP request, directly or through the proxy the environment names (https_proxy,
// http_proxy and no_proxy, upper case too, read by @actions/http-client's own rules: loopback is never
// proxied). It owns every socket it opens, so dispose() frees them all: pooled direct connections, a
// tunnel through a proxy (even one the proxy holds open), a request still waiting for its answer.

const USER_AGENT = 'ninedata-precheck-gate'

/** A proxy that did not open the tunnel, or could not be reached: the request never left the runner. */
export class ProxyError extends Error {
  constructor(
    message: string,
    readonly proxyStatus?: number
  ) {
    super(message)
    this.name = 'ProxyError'
  }
}

interface Target {
  /** The host as a socket wants it: an IPv6 literal without its brackets. */
  host: string
  port: number
  /** host:port as the CONNECT line and the Host header want it (IPv6 in brackets). */
  authority: string
  secure: boolean
}

function targetOf(url: URL): Target {
  const secure = url.protocol === 'https:'
  const port = url.port ? Number(url.port) : secure ? 443 : 80
  // URL keeps the brackets of an IPv6 literal in hostname; a socket would look them up as a name.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  return { host, port, authority: `${url.hostname}:${port}`, secure }
}

export class Transport {
  private readonly agents: { http?: http.Agent; https?: https.Agent } = {}
  /** Requests and sockets opened and not yet closed. */
  private readonly open = new Set<{ destroy(): unknown }>()

  /** Sends the request; resolves with the answer's head (the body is the caller's to read). */
  request(
    method: string,
    url: URL,
    body: string | null,
    headers: Record<string, string>
  ): Promise<http.IncomingMessage> {
    const target = targetOf(url)
    const proxy = getProxyUrl(url)
    const options: https.RequestOptions = {
      method,
      host: target.host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: { 'user-agent': USER_AGENT, ...headers }
    }
    if (proxy) options.createConnection = (_o, done) => this.tunnel(proxy, target, done)
    else options.agent = this.agent(target.secure)
    return new Promise((resolve, reject) => {
      const request = (target.secure ? https : http).request(options)
      this.track(request)
      request.once('response', resolve)
      request.once('error', reject)
      request.end(body ?? undefined)
    })
  }

  /** Frees every socket: pooled, tunnelled, or in use by a request given up on. */
  dispose(): void {
    this.agents.http?.destroy()
    this.agents.https?.destroy()
    delete this.agents.http
    delete this.agents.https
    for (const open of this.open) open.destroy()
    this.open.clear()
  }

  private agent(secure: boolean): http.Agent {
    if (secure) return (this.agents.https ??= new https.Agent({ keepAlive: true }))
    return (this.agents.http ??= new http.Agent({ keepAlive: true }))
  }

  private track<T extends { destroy(): unknown; once(event: 'close', f: () => void): unknown }>(
    item: T
  ): T {
    this.open.add(item)
    item.once('close', () => this.open.delete(item))
    return item
  }

  /** A CONNECT tunnel to the target through the proxy, with TLS on top for an https target. */
  private tunnel(
    proxy: URL,
    target: Target,
    done: (error: Error | null, socket: Duplex) => void
  ): undefined {
    let settled = false
    const settle = (error: Error | null, socket?: Duplex): void => {
      if (settled) return
      settled = true
      done(error, socket as Duplex)
    }
    const shown = `${proxy.protocol}//${proxy.host}`
    const viaTls = proxy.protocol === 'https:'
    const credentials =
      proxy.username || proxy.password
        ? {
            'proxy-authorization': `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`
          }
        : {}
    const connect = (viaTls ? https : http).request({
      host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: proxy.port ? Number(proxy.port) : viaTls ? 443 : 80,
      method: 'CONNECT',
      path: target.authority,
      headers: { host: target.authority, 'user-agent': USER_AGENT, ...credentials },
      agent: false
    })
    this.track(connect)
    connect.once('connect', (answer: http.IncomingMessage, socket: Socket, head: Buffer) => {
      this.track(socket)
      if (answer.statusCode !== 200) {
        socket.destroy()
        return settle(
          new ProxyError(
            `the proxy ${shown} did not open a tunnel to ${target.authority}: HTTP ${answer.statusCode}`,
            answer.statusCode
          )
        )
      }
      if (head.length > 0) socket.unshift(head)
      if (!target.secure) return settle(null, socket)
      const secure = tls.connect({
        socket,
        host: target.host,
        servername: isIP(target.host) === 0 ? target.host : undefined,
        ALPNProtocols: ['http/1.1']
      })
      this.track(secure)
      settle(null, secure)
    })
    connect.once('error', error =>
      settle(new ProxyError(`could not reach the proxy ${shown}: ${error.message}`))
    )
    connect.end()
    return undefined
  }
}
