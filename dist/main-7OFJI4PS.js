import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);
import {
  ApiError,
  EndingError,
  FINISHED,
  HINTS,
  ItemHistory,
  LIMITS,
  MAX_TRACKED_ITEMS,
  Redactor,
  SafeText,
  StopError,
  apiUrlSuspicion,
  canonicalRunStatus,
  canonicalStatus,
  classifyNetworkError,
  countedDifferences,
  crashEnding,
  debug,
  decideComparison,
  endGroup,
  endingOf,
  error,
  errorMessage,
  formatDuration,
  formatSeconds,
  getInput,
  info,
  isBusyRefusal,
  isFinalStatus,
  isRunSettled,
  isSettled,
  isTransientStatus,
  itemLabel,
  itemsMissingAtEnd,
  jsonStrings,
  mayHaveReachedServer,
  objectLabel,
  oddItems,
  orderForReport,
  parseRetryAfter,
  plural,
  pointsAtAddress,
  realTime,
  recordsDiffer,
  renderSummary,
  reportOf,
  require_node_fs,
  rowTotal,
  setFailed,
  setOutput,
  setSecret,
  shorten,
  startGroup,
  stepFails,
  summary,
  visible,
  warning
} from "./chunk-CL54DKNG.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-FPWFQ3JF.js";

// builtin:node:http
var require_node_http = __commonJS({
  "builtin:node:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

// builtin:node:https
var require_node_https = __commonJS({
  "builtin:node:https"(exports, module) {
    module.exports = __require("node:https");
  }
});

// builtin:node:net
var require_node_net = __commonJS({
  "builtin:node:net"(exports, module) {
    module.exports = __require("node:net");
  }
});

// builtin:node:tls
var require_node_tls = __commonJS({
  "builtin:node:tls"(exports, module) {
    module.exports = __require("node:tls");
  }
});

// builtin:node:crypto
var require_node_crypto = __commonJS({
  "builtin:node:crypto"(exports, module) {
    module.exports = __require("node:crypto");
  }
});

// builtin:node:events
var require_node_events = __commonJS({
  "builtin:node:events"(exports, module) {
    module.exports = __require("node:events");
  }
});

// builtin:node:os
var require_node_os = __commonJS({
  "builtin:node:os"(exports, module) {
    module.exports = __require("node:os");
  }
});

// builtin:node:path
var require_node_path = __commonJS({
  "builtin:node:path"(exports, module) {
    module.exports = __require("node:path");
  }
});

// node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
  const usingSsl = reqUrl.protocol === "https:";
  if (checkBypass(reqUrl)) {
    return void 0;
  }
  const proxyVar = (() => {
    if (usingSsl) {
      return process.env["https_proxy"] || process.env["HTTPS_PROXY"];
    } else {
      return process.env["http_proxy"] || process.env["HTTP_PROXY"];
    }
  })();
  if (proxyVar) {
    try {
      return new DecodedURL(proxyVar);
    } catch (_a) {
      if (!proxyVar.startsWith("http://") && !proxyVar.startsWith("https://"))
        return new DecodedURL(`http://${proxyVar}`);
    }
  } else {
    return void 0;
  }
}
function checkBypass(reqUrl) {
  if (!reqUrl.hostname) {
    return false;
  }
  const reqHost = reqUrl.hostname;
  if (isLoopbackAddress(reqHost)) {
    return true;
  }
  const noProxy = process.env["no_proxy"] || process.env["NO_PROXY"] || "";
  if (!noProxy) {
    return false;
  }
  let reqPort;
  if (reqUrl.port) {
    reqPort = Number(reqUrl.port);
  } else if (reqUrl.protocol === "http:") {
    reqPort = 80;
  } else if (reqUrl.protocol === "https:") {
    reqPort = 443;
  }
  const upperReqHosts = [reqUrl.hostname.toUpperCase()];
  if (typeof reqPort === "number") {
    upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
  }
  for (const upperNoProxyItem of noProxy.split(",").map((x) => x.trim().toUpperCase()).filter((x) => x)) {
    if (upperNoProxyItem === "*" || upperReqHosts.some((x) => x === upperNoProxyItem || x.endsWith(`.${upperNoProxyItem}`) || upperNoProxyItem.startsWith(".") && x.endsWith(`${upperNoProxyItem}`))) {
      return true;
    }
  }
  return false;
}
function isLoopbackAddress(host) {
  const hostLower = host.toLowerCase();
  return hostLower === "localhost" || hostLower.startsWith("127.") || hostLower.startsWith("[::1]") || hostLower.startsWith("[0:0:0:0:0:0:0:1]");
}
var DecodedURL = class extends URL {
  constructor(url, base) {
    super(url, base);
    this._decodedUsername = decodeURIComponent(super.username);
    this._decodedPassword = decodeURIComponent(super.password);
  }
  get username() {
    return this._decodedUsername;
  }
  get password() {
    return this._decodedPassword;
  }
};

// src/ninedata/server-clock.ts
var EARLIEST_SERVER_TIME_MS = Date.UTC(2020, 0, 1);
var WRITTEN_MS = Date.UTC(2026, 0, 1);
var MAX_AHEAD_MS = 5 * 365 * 24 * 3600 * 1e3;
var MAX_SIGNATURE_SKEW_MS = 10 * 60 * 1e3;
function implausibleServerTime(serverMs, localMs) {
  if (!Number.isFinite(serverMs)) return "it is not a time";
  if (serverMs < EARLIEST_SERVER_TIME_MS) return "it is before 2020";
  if (serverMs > Math.max(localMs, WRITTEN_MS) + MAX_AHEAD_MS) {
    return "it is more than 5 years ahead of the runner's clock";
  }
  return void 0;
}
function describeServerTime(ms) {
  return Number.isFinite(ms) && Math.abs(ms) <= 864e13 ? new Date(ms).toISOString() : String(ms);
}
var SIGNIFICANT_SKEW_MS = 3e4;
function parseServerTime(value) {
  if (typeof value === "number" && Number.isFinite(value)) {
    return value < 1e11 ? value * 1e3 : value;
  }
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return parseServerTime(Number(trimmed));
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? void 0 : ms;
  }
  if (value !== null && typeof value === "object") {
    const record = value;
    for (const key of ["time", "now", "timestamp", "serverTime", "currentTime"]) {
      const found = parseServerTime(record[key]);
      if (found !== void 0) return found;
    }
  }
  return void 0;
}
function parseDateHeader(value) {
  const text2 = Array.isArray(value) ? value[0] : value;
  if (!text2) return void 0;
  const ms = Date.parse(text2);
  return Number.isNaN(ms) ? void 0 : ms;
}
var NOW_PATH = "/openapi/now";
var FROM_DATE_HEADER = "from the Date header of its answer";
var ServerClock = class {
  constructor(localNow = Date.now) {
    this.localNow = localNow;
  }
  localNow;
  offset = 0;
  /** Whether a note already said why a server time was ignored (said once, then debug). */
  ignoredTimeSaid = false;
  get offsetMs() {
    return this.offset;
  }
  now() {
    return new Date(this.localNow() + this.offset);
  }
  /**
   * Takes a server time together with the local times the request was sent and answered; returns
   * the new offset when it changed materially.
   */
  observe(serverMs, sentAt, receivedAt, resolutionMs = 1e3) {
    if (implausibleServerTime(serverMs, receivedAt) !== void 0) return void 0;
    const measured = serverMs + resolutionMs / 2 - (sentAt + receivedAt) / 2;
    const wanted = Math.abs(measured) < SIGNIFICANT_SKEW_MS ? 0 : measured;
    if (Math.abs(wanted - this.offset) < SIGNIFICANT_SKEW_MS) return void 0;
    this.offset = Math.round(wanted);
    return this.offset;
  }
  /**
   * NineData's time when an answer came, for a Retry-After date (which is on NineData's clock):
   * the answer's own Date header when it can be NineData's, else the corrected clock; measured
   * from the runner's clock, a skewed runner would wait 20 minutes or not at all.
   */
  answeredAt(dateHeader, receivedAt) {
    const date = parseDateHeader(dateHeader);
    return date !== void 0 && !implausibleServerTime(date, receivedAt) ? date : receivedAt + this.offset;
  }
  /** Learns from an answer's Date header, when it can be NineData's clock. */
  learnFromAnswer(answer) {
    const date = parseDateHeader(answer.dateHeader);
    if (date === void 0) return void 0;
    const implausible = implausibleServerTime(date, this.localNow());
    if (implausible) return this.ignored(date, FROM_DATE_HEADER, cannotBe(implausible));
    if (answer.accepted && answer.path !== NOW_PATH && Math.abs(date - answer.signedAt) > MAX_SIGNATURE_SKEW_MS + 6e4) {
      return this.ignored(
        date,
        FROM_DATE_HEADER,
        `NineData accepted a request signed with ${describeServerTime(answer.signedAt)}, so its clock is within 10 minutes of that, and this Date is another clock's`
      );
    }
    return this.learn(date, answer.sentAt, answer.receivedAt, 1e3, FROM_DATE_HEADER);
  }
  /** Learns from `/openapi/now`'s `data`, asked at `sentAt` and answered at `receivedAt`. */
  learnFromNow(data, sentAt, receivedAt) {
    const serverMs = parseServerTime(data);
    return serverMs === void 0 ? void 0 : this.learn(serverMs, sentAt, receivedAt, 0, NOW_PATH);
  }
  learn(serverMs, sentAt, receivedAt, resolutionMs, source) {
    const implausible = implausibleServerTime(serverMs, receivedAt);
    if (implausible) return this.ignored(serverMs, source, cannotBe(implausible));
    const offset = this.observe(serverMs, sentAt, receivedAt, resolutionMs);
    if (offset === void 0) return void 0;
    if (offset === 0) {
      return {
        level: "info",
        message: `The runner's clock agrees with NineData's again (${source}); signing with the runner's time.`
      };
    }
    return {
      level: "warning",
      message: `The runner's clock is ${formatDuration(offset)} ${offset > 0 ? "behind" : "ahead of"} NineData's (${source}); requests are now signed with NineData's time. NineData rejects timestamps more than 10 minutes off: fix the runner's clock (NTP).`
    };
  }
  /** Says once (info, then debug) that a server time was ignored, and why. */
  ignored(serverMs, source, why) {
    const message = `Ignored the server time ${describeServerTime(serverMs)} (${source}): ${why}. Requests stay signed with ${this.offset === 0 ? "the runner's clock" : "the clock offset learned before"}.`;
    const level = this.ignoredTimeSaid ? "debug" : "info";
    this.ignoredTimeSaid = true;
    return { level, message };
  }
};
function cannotBe(implausible) {
  return `${implausible}, so it cannot be NineData's clock`;
}

// src/ninedata/duplicate-keys.ts
var QUOTE = 34;
var BACKSLASH = 92;
function findDuplicateKey(text2) {
  const stack = [];
  let expectKey = false;
  const length = text2.length;
  for (let i = 0; i < length; i++) {
    const c = text2.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text2, i);
      const top = stack[stack.length - 1];
      if (expectKey && top !== void 0 && "keys" in top) {
        const key = decodeKey(text2, i, end);
        if (top.keys.has(key)) return { key, path: pathOf(stack, key) };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 123) {
      stack.push({ keys: /* @__PURE__ */ new Set(), key: "" });
      expectKey = true;
    } else if (c === 91) {
      stack.push({ index: 0 });
      expectKey = false;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
    } else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top !== void 0 && "index" in top) top.index++;
      else expectKey = true;
    }
  }
  return void 0;
}
function stringEnd(text2, start3) {
  let at = text2.indexOf('"', start3 + 1);
  for (; ; ) {
    let backslashes = 0;
    while (text2.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text2.indexOf('"', at + 1);
    if (at < 0) return text2.length;
  }
}
function decodeKey(text2, start3, end) {
  const raw = text2.slice(start3 + 1, end);
  return raw.includes("\\") ? JSON.parse(`"${raw}"`) : raw;
}
var PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;
function pathOf(stack, last) {
  let path = "";
  for (const [depth, frame] of stack.entries()) {
    const key = depth === stack.length - 1 ? last : "keys" in frame ? frame.key : void 0;
    if (key === void 0) path += `[${frame.index}]`;
    else if (PLAIN_KEY.test(key)) path += path === "" ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

// src/ninedata/envelope.ts
var MAX_JSON_DEPTH = 64;
var AUTH_MESSAGE = /signature|timestamp|time stamp|expired|access[-_ ]?key|secret|unauthori[sz]ed|authenticat|not authorized|invalid (ak|key|token)/i;
function isAuthMessage(message) {
  return AUTH_MESSAGE.test(message);
}
function jsonDepth(value, limit) {
  let deepest = 0;
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
function parseJson(body) {
  try {
    const text2 = body.charCodeAt(0) === 65279 ? body.slice(1) : body;
    return { json: true, value: JSON.parse(text2) };
  } catch {
    return { json: false };
  }
}
function describeBody(answer) {
  const type = String(answer.headers["content-type"] ?? "no content type").split(";")[0]?.trim();
  if (answer.body.length === 0) return "an empty body";
  return `a body of ${Buffer.byteLength(answer.body)} bytes (${type}) that is not NineData's JSON`;
}
function httpLabel(answer) {
  return `HTTP ${answer.httpStatus}${answer.statusText ? ` ${answer.statusText}` : ""}`;
}
function requestIdOf(parsed) {
  const value = parsed.json ? parsed.value : null;
  return value !== null && typeof value === "object" && typeof value.requestId === "string" ? value.requestId : void 0;
}
function asEnvelope(parsed) {
  if (!parsed.json) return void 0;
  const value = parsed.value;
  return value !== null && typeof value === "object" && typeof value.success === "boolean" ? value : void 0;
}
function readEnvelope(answer, nowMs) {
  const parsed = parseJson(answer.body);
  const duplicate = parsed.json ? findDuplicateKey(answer.body) : void 0;
  if (duplicate) {
    return new ApiError(
      "protocol",
      `the answer has the key ${JSON.stringify(duplicate.key)} twice in one object (at ${duplicate.path}), so it is not the documented shape: JSON readers keep only one of the two values`,
      { httpStatus: answer.httpStatus, requestId: requestIdOf(parsed) }
    );
  }
  if (parsed.json && jsonDepth(parsed.value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return new ApiError(
      "protocol",
      `the answer nests deeper than ${MAX_JSON_DEPTH} levels, which is not the documented shape`,
      { httpStatus: answer.httpStatus }
    );
  }
  const envelope = asEnvelope(parsed);
  if (envelope?.success === true && answer.httpStatus >= 200 && answer.httpStatus < 300) {
    return envelope;
  }
  return failureOf(answer, parsed.json, envelope, nowMs);
}
function failureOf(answer, isJson, envelope, nowMs) {
  const { httpStatus } = answer;
  const requestId = typeof envelope?.requestId === "string" ? envelope.requestId : void 0;
  const message = typeof envelope?.message === "string" && envelope.message ? envelope.message : void 0;
  const details = {
    requestId,
    httpStatus,
    mayHaveReachedServer: mayHaveReachedServer(httpStatus),
    fromNineData: envelope !== void 0,
    symptom: envelope === void 0 ? "foreign" : void 0
  };
  const body = message ? `"${message}"` : envelope ? "NineData's envelope without a message" : describeBody(answer);
  const what = `${httpLabel(answer)} with ${body}`;
  if (isTransientStatus(httpStatus)) {
    const retryAfter = httpStatus === 429 || httpStatus === 503 ? answer.headers["retry-after"] : void 0;
    return new ApiError("transient", what, {
      ...details,
      retryAfterMs: parseRetryAfter(retryAfter, nowMs)
    });
  }
  const refused2 = envelope?.success === false;
  if (httpStatus === 401 || httpStatus === 403 || refused2 && isAuthMessage(message ?? "")) {
    return new ApiError("auth", message ?? what, details);
  }
  if (refused2) {
    return new ApiError(
      "business",
      message ?? "NineData refused the request without a message",
      details
    );
  }
  if (httpStatus >= 200 && httpStatus < 300) {
    return isJson ? new ApiError(
      "protocol",
      `the answer is JSON but not NineData's envelope (no boolean "success")`,
      details
    ) : new ApiError("transient", what, details);
  }
  return new ApiError("fatal", what, { ...details, hint: hintFor(answer) });
}
function hintFor(answer) {
  if (answer.httpStatus === 404 || answer.httpStatus === 405) {
    return HINTS.apiPath;
  }
  if (answer.httpStatus === 400 && /https/i.test(answer.body.slice(0, 2e3))) return HINTS.scheme;
  return void 0;
}

// src/ninedata/transport.ts
var http = __toESM(require_node_http(), 1);
var https = __toESM(require_node_https(), 1);
var import_node_net = __toESM(require_node_net(), 1);
var tls = __toESM(require_node_tls(), 1);
var USER_AGENT = "ninedata-precheck-gate";
var ProxyError = class extends Error {
  constructor(message, proxyStatus) {
    super(message);
    this.proxyStatus = proxyStatus;
    this.name = "ProxyError";
  }
  proxyStatus;
};
function targetOf(url) {
  const secure = url.protocol === "https:";
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return { host, port, authority: `${url.hostname}:${port}`, secure };
}
var Transport = class {
  agents = {};
  /** Requests and sockets opened and not yet closed. */
  open = /* @__PURE__ */ new Set();
  /** Sends the request; resolves with the answer's head (the body is the caller's to read). */
  request(method, url, body, headers) {
    const target = targetOf(url);
    const proxy = getProxyUrl(url);
    const options = {
      method,
      host: target.host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: { "user-agent": USER_AGENT, ...headers }
    };
    if (proxy) options.createConnection = (_o, done) => this.tunnel(proxy, target, done);
    else options.agent = this.agent(target.secure);
    return new Promise((resolve, reject) => {
      const request = (target.secure ? https : http).request(options);
      this.track(request);
      request.once("response", resolve);
      request.once("error", reject);
      request.end(body ?? void 0);
    });
  }
  /** Frees every socket: pooled, tunnelled, or in use by a request given up on. */
  dispose() {
    this.agents.http?.destroy();
    this.agents.https?.destroy();
    delete this.agents.http;
    delete this.agents.https;
    for (const open of this.open) open.destroy();
    this.open.clear();
  }
  agent(secure) {
    if (secure) return this.agents.https ??= new https.Agent({ keepAlive: true });
    return this.agents.http ??= new http.Agent({ keepAlive: true });
  }
  track(item) {
    this.open.add(item);
    item.once("close", () => this.open.delete(item));
    return item;
  }
  /** A CONNECT tunnel to the target through the proxy, with TLS on top for an https target. */
  tunnel(proxy, target, done) {
    let settled = false;
    const settle = (error2, socket) => {
      if (settled) return;
      settled = true;
      done(error2, socket);
    };
    const shown = `${proxy.protocol}//${proxy.host}`;
    const viaTls = proxy.protocol === "https:";
    const credentials = proxy.username || proxy.password ? {
      "proxy-authorization": `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString("base64")}`
    } : {};
    const connect2 = (viaTls ? https : http).request({
      host: proxy.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: proxy.port ? Number(proxy.port) : viaTls ? 443 : 80,
      method: "CONNECT",
      path: target.authority,
      headers: { host: target.authority, "user-agent": USER_AGENT, ...credentials },
      agent: false
    });
    this.track(connect2);
    connect2.once("connect", (answer, socket, head) => {
      this.track(socket);
      if (answer.statusCode !== 200) {
        socket.destroy();
        return settle(
          new ProxyError(
            `the proxy ${shown} did not open a tunnel to ${target.authority}: HTTP ${answer.statusCode}`,
            answer.statusCode
          )
        );
      }
      if (head.length > 0) socket.unshift(head);
      if (!target.secure) return settle(null, socket);
      const secure = tls.connect({
        socket,
        host: target.host,
        servername: (0, import_node_net.isIP)(target.host) === 0 ? target.host : void 0,
        ALPNProtocols: ["http/1.1"]
      });
      this.track(secure);
      settle(null, secure);
    });
    connect2.once(
      "error",
      (error2) => settle(new ProxyError(`could not reach the proxy ${shown}: ${error2.message}`))
    );
    connect2.end();
    return void 0;
  }
};

// src/ninedata/http-exchange.ts
var MAX_BODY_BYTES = 64 * 1024 * 1024;
var HttpExchange = class {
  constructor(limits) {
    this.limits = limits;
  }
  limits;
  transport;
  /** Frees every socket (direct, pooled or tunnelled through a proxy), a request given up on too. */
  dispose() {
    this.transport?.dispose();
    this.transport = void 0;
  }
  async send(method, url, body, headers) {
    const transport = this.transport ??= new Transport();
    const work = (async () => {
      const message = await transport.request(method, new URL(url), body, headers);
      return {
        httpStatus: message.statusCode ?? 0,
        statusText: message.statusMessage ?? "",
        headers: message.headers,
        body: await readBody(message)
      };
    })();
    work.catch(() => void 0);
    const stop = this.stopper();
    try {
      return await Promise.race([work, stop.promise]);
    } catch (caught) {
      const error2 = caught instanceof StopError ? caught : classifyNetworkError(caught);
      if (error2 instanceof StopError || error2.kind === "transient") this.dispose();
      throw error2;
    } finally {
      stop.clear();
    }
  }
  /** Rejects at the per-request timeout, the deadline or a cancel, whichever comes first. */
  stopper() {
    const { signal, requestTimeoutMs, deadline } = this.limits;
    const now = this.limits.now ?? Date.now;
    const limit = Math.max(1, Math.min(requestTimeoutMs, deadline - now()));
    let timer;
    let onAbort;
    const promise = new Promise((_, reject) => {
      timer = setTimeout(() => {
        reject(
          limit < requestTimeoutMs ? new StopError("timeout") : new ApiError(
            "transient",
            `no answer within ${formatDuration(requestTimeoutMs)} (request-timeout-seconds)`,
            { symptom: "silent" }
          )
        );
      }, limit);
      onAbort = () => reject(new StopError("cancelled"));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    return {
      promise,
      clear: () => {
        clearTimeout(timer);
        if (onAbort) signal.removeEventListener("abort", onAbort);
      }
    };
  }
};
var CUT_SHORT = "the connection closed before the answer was complete";
function readBody(message) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const tooLarge = () => {
      reject(
        new ApiError(
          "fatal",
          `the answer was too large: over ${MAX_BODY_BYTES / 1024 / 1024} MiB, more than any precheck needs`
        )
      );
      message.destroy();
    };
    if (Number(message.headers["content-length"]) > MAX_BODY_BYTES) return tooLarge();
    message.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return tooLarge();
      chunks.push(chunk);
    });
    message.on("end", () => {
      if (message.complete) resolve(Buffer.concat(chunks).toString("utf8"));
      else reject(new ApiError("transient", CUT_SHORT, { symptom: "cut" }));
    });
    message.on("aborted", () => reject(new ApiError("transient", CUT_SHORT, { symptom: "cut" })));
    message.on("error", (error2) => reject(classifyNetworkError(error2)));
    message.on("close", () => {
      if (!message.complete) reject(new ApiError("transient", CUT_SHORT, { symptom: "cut" }));
    });
  });
}

// src/ninedata/retry.ts
var RETRY_POLICY = {
  /** Never sooner than this after a failure, whatever Retry-After says: no storms. */
  floorMs: 1e3,
  /** The longest wait between two tries is the larger of this and poll-interval-seconds. */
  minCapMs: 3e4
};
function retryDelay(failures, options) {
  const { floorMs, minCapMs } = RETRY_POLICY;
  const cap = Math.max(minCapMs, options.intervalMs);
  if (options.retryAfterMs !== void 0) {
    return Math.min(cap, Math.max(floorMs, options.retryAfterMs));
  }
  const ceiling = Math.min(cap, floorMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  const random = options.random ?? Math.random;
  return Math.round(floorMs + random() * (ceiling - floorMs));
}

// src/ninedata/signer.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
function formatTimestamp(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function sign(path, secret, timestamp) {
  return (0, import_node_crypto.createHash)("sha256").update(`${path}/${secret}&${timestamp}`, "utf8").digest("hex");
}
function authHeaders(path, credentials, now) {
  const timestamp = formatTimestamp(now);
  return {
    "access-key-id": credentials.accessKeyId,
    timestamp,
    signature: sign(path, credentials.accessKeySecret, timestamp)
  };
}

// src/ninedata/wire-guard.ts
var WireGuard = class {
  redactor;
  constructor(secret) {
    this.redactor = new Redactor(secret ? [secret, secret.trim()] : []);
  }
  /** Throws a final protocol error when the request would carry the secret in any form. */
  check(request) {
    const where = this.carrier(request);
    if (where === void 0) return;
    throw new ApiError(
      "protocol",
      `${request.method} ${request.path} was not sent: its ${where} would carry the access-key-secret (an ID from NineData's answer, or an input, contains it), and the secret never goes on the wire`,
      { mayHaveReachedServer: false }
    );
  }
  carrier(request) {
    if (!this.redactor.active) return void 0;
    const found = (text2) => this.redactor.finds(text2);
    if (found(request.path)) return "path";
    const values = Object.entries(request.query ?? {}).flat();
    if (values.some(found) || found(request.queryString)) return "query";
    if (request.body !== null && (found(request.body) || found(jsonStrings(request.bodyValue))))
      return "body";
    if (found(request.accessKeyId)) return "access-key-id header";
    return void 0;
  }
};

// src/ninedata/ninedata-client.ts
var ADDRESS_GRACE_MS = 6e4;
var LAST_TRY_MARGIN_MS = 500;
var NineDataClient = class {
  constructor(options) {
    this.options = options;
    this.time = options.time ?? realTime;
    this.clock = new ServerClock(() => this.time.now());
    this.http = new HttpExchange({ ...options, now: () => this.time.now() });
    this.wire = new WireGuard(options.credentials.accessKeySecret);
  }
  options;
  clock;
  /** requestId of the last answer that carried one. */
  lastRequestId;
  http;
  wire;
  clockProbed = false;
  /** Whether any answer so far was NineData's own (then failures are outages, not a wrong api-url). */
  reachedNineData = false;
  /** Whether the first failure before any NineData answer has been pointed at api-url. */
  suspicionSaid = false;
  /** Local ms of the first failure that pointed at the address, while NineData never answered. */
  misaddressedSince;
  time;
  /**
   * A signed call, retried through transient failures until the deadline. A StopError says whether
   * an attempt may have reached NineData, and (when NineData never answered) points at api-url.
   */
  async call(method, path, options = {}) {
    const tally = { failures: 0, unclear: 0, outage: void 0 };
    try {
      return await this.attempts(method, path, options, tally);
    } catch (error2) {
      if (!(error2 instanceof StopError)) throw error2;
      const seen = error2.outage ?? tally.outage;
      const outage = seen && { ...seen, lastError: this.addressed(seen) };
      throw new StopError(error2.reason, outage, error2.mayHaveActed || tally.unclear > 0);
    }
  }
  async attempts(method, path, options, tally) {
    const label = `${method} ${path}`;
    let clockCorrected = false;
    for (; ; ) {
      const { outage } = tally;
      this.stopIfDone(outage);
      const offsetSignedWith = this.clock.offsetMs;
      const attemptAt = this.time.now();
      try {
        const answer = await this.signedRequest(method, path, options);
        if (tally.failures > 0) {
          this.options.log.info(
            `${label} succeeded on attempt ${tally.failures + 1}, after ${plural(tally.failures, "failed attempt")}.`
          );
        }
        return { ...answer, attempts: tally.failures + 1, unclearAttempts: tally.unclear };
      } catch (caught) {
        if (caught instanceof StopError) {
          const lastError = new ApiError("transient", `${label} had not answered yet`, {
            symptom: "silent"
          });
          throw new StopError(caught.reason, outage ?? { sinceMs: attemptAt, lastError }, true);
        }
        const error2 = classifyNetworkError(caught);
        if (error2.kind === "auth" && !clockCorrected && await this.clockWasOff(offsetSignedWith)) {
          clockCorrected = true;
          continue;
        }
        if (error2.kind !== "transient") throw error2;
        this.suspectApiUrl(error2);
        this.endIfMisaddressed(error2, attemptAt);
        tally.failures++;
        if (error2.mayHaveReachedServer) tally.unclear++;
        options.onFailedAttempt?.(error2);
        tally.outage = { sinceMs: outage?.sinceMs ?? attemptAt, lastError: error2 };
        await this.pauseAfter(label, error2, tally.failures, tally.outage);
      }
    }
  }
  /** Frees sockets, including one stuck in a request that was given up on. */
  dispose() {
    this.http.dispose();
  }
  /** Waits `ms` (never past the deadline); throws StopError when cancelled. */
  async sleep(ms) {
    const { signal } = this.options;
    if (signal.aborted) throw new StopError("cancelled");
    await this.time.sleep(
      Math.max(0, Math.min(ms, this.options.deadline - this.time.now())),
      signal
    );
    if (signal.aborted) throw new StopError("cancelled");
  }
  /**
   * Waits before the next try, warning why. Transient failures never end the wait before the
   * deadline: when the next try would come after it, a last try is made just before it, or (when
   * NineData asked to wait longer, or no time is left) the wait runs out and the outage is reported.
   */
  async pauseAfter(label, error2, failures, outage) {
    const asked = error2.retryAfterMs !== void 0 ? ` (Retry-After asks for ${(error2.retryAfterMs / 1e3).toFixed(1)}s)` : "";
    let delay = retryDelay(failures, {
      intervalMs: this.options.pollIntervalMs,
      retryAfterMs: error2.retryAfterMs,
      random: this.options.random
    });
    const remaining = this.options.deadline - this.time.now();
    if (delay >= remaining) {
      const lastTry = remaining - LAST_TRY_MARGIN_MS;
      const serverWantsLonger = (error2.retryAfterMs ?? 0) >= remaining;
      if (serverWantsLonger || lastTry < RETRY_POLICY.floorMs) {
        await this.sleep(remaining);
        const last = new ApiError(
          error2.kind,
          `${error2.message}${asked}; no time was left for another try`,
          error2
        );
        throw new StopError("timeout", { ...outage, lastError: last });
      }
      delay = lastTry;
    }
    const down = formatDuration(this.time.now() - outage.sinceMs);
    this.options.log.warning(
      `${label} failed: ${error2.message}. Retrying in ${(delay / 1e3).toFixed(1)}s${asked}; no usable answer for ${down} so far.`
    );
    await this.sleep(delay);
  }
  stopIfDone(outage) {
    if (this.options.signal.aborted) throw new StopError("cancelled", outage);
    if (this.time.now() >= this.options.deadline) throw new StopError("timeout", outage);
  }
  /**
   * After an auth rejection: did the clock turn out to be off by more than we signed with? The
   * rejection's Date header has already been read; without one, ask `/openapi/now` once.
   */
  async clockWasOff(offsetSignedWith) {
    if (this.clock.offsetMs === offsetSignedWith && !this.clockProbed) {
      this.clockProbed = true;
      const rejectedRequestId = this.lastRequestId;
      try {
        const sentAt = this.time.now();
        const { data } = await this.signedRequest("GET", NOW_PATH, {});
        this.say(this.clock.learnFromNow(data, sentAt, this.time.now()));
      } catch (error2) {
        if (error2 instanceof StopError) throw error2;
        this.options.log.debug(
          `Could not read NineData's time from ${NOW_PATH}: ${errorMessage(error2)}`
        );
      } finally {
        this.lastRequestId = rejectedRequestId;
      }
    }
    return this.clock.offsetMs !== offsetSignedWith;
  }
  say(note) {
    if (note) this.options.log[note.level](note.message);
  }
  /**
   * Before NineData has ever answered, a failed attempt may just as well be a wrong scheme, host, port
   * or path: say so at once, naming api-url, rather than after timeout-seconds of silent retries.
   */
  suspectApiUrl(error2) {
    if (this.reachedNineData || this.suspicionSaid) return;
    const suspicion = apiUrlSuspicion(error2);
    if (suspicion === void 0) return;
    this.suspicionSaid = true;
    const then = pointsAtAddress(error2) ? `Retries go on for ${formatDuration(ADDRESS_GRACE_MS)} at most: if nothing answers as NineData by then, the step ends (a wrong address does not get better by waiting).` : "Retries go on until timeout-seconds, as for an outage (NineData may be restarting); if api-url is wrong, fix it rather than wait.";
    this.options.log.warning(
      `\`api-url\` (${this.options.apiUrl}) has given no answer from NineData yet: ${suspicion}. ${then}`
    );
  }
  /**
   * Until NineData has answered once, failures that point at the address rather than at an outage
   * (see pointsAtAddress) end the call once they have gone on for ADDRESS_GRACE_MS.
   */
  endIfMisaddressed(error2, attemptAt) {
    if (this.reachedNineData || !pointsAtAddress(error2)) return;
    this.misaddressedSince ??= attemptAt;
    const failing = this.time.now() - this.misaddressedSince;
    if (failing < ADDRESS_GRACE_MS) return;
    const address = this.addressed({ sinceMs: this.misaddressedSince, lastError: error2 });
    throw new ApiError(
      "fatal",
      `nothing answered as NineData in ${formatDuration(failing)} of tries, and a wrong address does not get better by waiting, so the step ends before timeout-seconds; the last error: ${error2.message}`,
      address
    );
  }
  /**
   * The outage's last error; when NineData has never answered and the failure says something about
   * the address, with the api-url hint (marked to lead the final message).
   */
  addressed(outage) {
    const error2 = outage.lastError;
    const suspicion = this.reachedNineData ? void 0 : apiUrlSuspicion(error2);
    if (suspicion === void 0) return error2;
    return new ApiError(error2.kind, error2.message, {
      ...error2,
      hint: `\`api-url\` (${this.options.apiUrl}) has never answered as NineData: ${suspicion}`,
      misaddressed: true
    });
  }
  /** One signed request and its envelope: the data as received, or a classified failure. */
  async signedRequest(method, path, options) {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
    const signedAt = this.clock.now();
    const headers = {
      accept: "application/json",
      ...authHeaders(path, this.options.credentials, signedAt)
    };
    const body = method === "POST" ? JSON.stringify(options.body ?? {}) : null;
    if (body !== null) headers["content-type"] = "application/json";
    this.wire.check({
      method,
      path,
      query: options.query,
      queryString: query,
      body,
      bodyValue: options.body,
      accessKeyId: this.options.credentials.accessKeyId
    });
    const sentAt = this.time.now();
    this.options.log.debug(`\u2192 ${method} ${path}${query}`);
    const raw = await this.http.send(method, `${this.options.apiUrl}${path}${query}`, body, headers);
    const receivedAt = this.time.now();
    const result = readEnvelope(raw, this.clock.answeredAt(raw.headers["date"], receivedAt));
    const accepted = !(result instanceof ApiError);
    if (accepted || result.fromNineData) this.reachedNineData = true;
    this.say(
      this.clock.learnFromAnswer({
        dateHeader: raw.headers["date"],
        path,
        signedAt: signedAt.getTime(),
        sentAt,
        receivedAt,
        accepted
      })
    );
    const requestId = result.requestId;
    if (typeof requestId === "string" && requestId) this.lastRequestId = requestId;
    this.options.log.debug(
      `\u2190 ${raw.httpStatus} for ${method} ${path} in ${receivedAt - sentAt} ms${typeof requestId === "string" && requestId ? `, requestId ${requestId}` : ""}`
    );
    if (result instanceof ApiError) throw result;
    return { data: result.data, requestId: typeof requestId === "string" ? requestId : "" };
  }
};

// src/phases/phase-context.ts
function retriedStartNote(call, what, id) {
  if (call.unclearAttempts > 0) {
    const times = call.unclearAttempts === 1 ? "1 earlier attempt" : `${call.unclearAttempts} earlier attempts`;
    return ` ${times} of the start call got no usable answer, so NineData may have started other ${what}s for this task; this run follows ${id} only.`;
  }
  return call.attempts > 1 ? ` Earlier attempts did not reach NineData; this run follows ${id} only.` : "";
}
function clientFor(inputs, limits) {
  return new NineDataClient({
    apiUrl: inputs.apiUrl,
    credentials: { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret },
    requestTimeoutMs: limits.requestTimeoutMs ?? inputs.requestTimeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    deadline: limits.deadline,
    signal: limits.signal,
    log: limits.log,
    time: limits.time
  });
}

// src/ninedata/answer-fields.ts
function protocolError(what) {
  return new ApiError("protocol", `NineData's answer does not have the documented shape: ${what}`);
}
function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function describeType(value) {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
function text(record, key, where) {
  const value = record[key];
  if (value === void 0 || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw protocolError(`${where}.${key} is ${describeType(value)}, not a string`);
}
function idText(record, key, where) {
  const value = record[key];
  if (value === void 0 || value === null) return "";
  if (typeof value === "string") return value;
  throw protocolError(`${where}.${key} is ${describeType(value)}, not a string ID`);
}
function integerText(value, where) {
  if (value === void 0 || value === null) return void 0;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === "string" && /^\d{1,30}$/.test(value)) return value;
  throw protocolError(`${where} is ${visibleKind(value)}, not a whole number`);
}
function count(value, where) {
  const digits = integerText(value, where);
  if (digits === void 0) return void 0;
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw protocolError(`${where} is too large to be a count`);
  return n;
}
function visibleKind(value) {
  if (typeof value === "string") return `the text of ${value.length} characters`;
  if (typeof value === "number") return `the number ${String(value)}`;
  return describeType(value);
}

// src/ninedata/comparison-api.ts
var BASE = {
  schema: "/openapi/v1/compareschema",
  data: "/openapi/v1/comparedata"
};
var PAGE_SIZE = 100;
function runPaths(kind) {
  const base = BASE[kind];
  return {
    execute: `${base}/execute`,
    status: `${base}/queryTaskExecInfo`,
    stop: `${base}/stop`,
    schemaResults: `${base}/describeSchemaCompareTask`,
    correctionSql: `${base}/result/correctionSql`,
    tableSummary: `${base}/result/tableSummary`,
    diffDetails: `${base}/result/diffDetails`
  };
}
async function executeRun(client, kind, taskId) {
  const body = kind === "schema" ? { taskId, runNow: true } : { taskId };
  const call = await client.call("POST", runPaths(kind).execute, { body });
  const execId = integerText(call.data, "data (the execId) of the execute call");
  if (execId === void 0) throw protocolError("the execute call returned no execId");
  return { execId, call };
}
async function getRunState(client, kind, taskId, execId) {
  const query = kind === "schema" ? { taskId, execId } : { execId };
  const call = await client.call("GET", runPaths(kind).status, { query });
  return parseRunState(call.data, kind, taskId, execId);
}
async function stopRun(client, kind, taskId) {
  return client.call("POST", runPaths(kind).stop, { body: { taskId } });
}
function parseRunState(data, kind, taskId, execId) {
  if (!isRecord(data)) throw protocolError("the run status call returned no data object");
  const status = text(data, "status", "data");
  if (status.trim() === "") throw protocolError("data.status of the run is missing");
  const answeredTask = idText(data, "taskId", "data");
  if (answeredTask !== "" && answeredTask !== taskId) {
    throw protocolError(`asked about a run of task ${taskId}, got an answer about ${answeredTask}`);
  }
  const idKey = kind === "schema" ? "execId" : "id";
  const answeredExec = integerText(data[idKey], `data.${idKey}`);
  if (answeredExec !== void 0 && answeredExec !== execId) {
    throw protocolError(`asked about run ${execId}, got an answer about run ${answeredExec}`);
  }
  const state = {
    taskId,
    execId,
    status,
    errorMessage: text(data, "errorMessage", "data"),
    raw: data
  };
  if (kind === "data") state.rows = rowCounts(data);
  return state;
}
function rowCounts(data) {
  return {
    differenceRows: count(data["differenceRows"], "data.differenceRows"),
    onlySourceRows: count(data["onlySourceRows"], "data.onlySourceRows"),
    onlyTargetRows: count(data["onlyTargetRows"], "data.onlyTargetRows"),
    skippedTables: count(data["skipTableCount"], "data.skipTableCount")
  };
}
function canonicalId(digits) {
  return digits.replace(/^0+(?=\d)/, "");
}
function idOf(value, where) {
  const digits = integerText(value, where);
  return digits === void 0 ? void 0 : canonicalId(digits);
}
async function getSchemaResultsPage(client, asked, onFailedAttempt) {
  const { taskId, execId, pageNumber } = asked;
  const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) };
  const call = await client.call("GET", runPaths("schema").schemaResults, {
    query,
    onFailedAttempt
  });
  return { value: parseSchemaResultsPage(call.data, taskId, execId), call };
}
function parseSchemaResultsPage(data, taskId, execId) {
  if (!isRecord(data)) throw protocolError("the results call returned no data object");
  checkAbout(data, { taskId, execId });
  const total = count(data["total"], "data.total");
  if (total === void 0) throw protocolError("data.total of the results is missing");
  const list = data["compareResults"];
  if (!Array.isArray(list)) throw protocolError("data.compareResults is not an array");
  const entries = list.map((entry, index) => {
    const where = `data.compareResults[${index}]`;
    if (!isRecord(entry)) throw protocolError(`${where} is not an object`);
    const progressId = idOf(entry["progressId"], `${where}.progressId`);
    if (progressId === void 0) throw protocolError(`${where}.progressId is missing`);
    return { kind: "object", progressId, raw: entry };
  });
  return { entries, total, pageNumber: answeredPage(data) };
}
function answeredPage(data) {
  const num = count(data["pageNum"], "data.pageNum");
  const number = count(data["pageNumber"], "data.pageNumber");
  if (num !== void 0 && number !== void 0 && num !== number) {
    throw protocolError(`the page says it is page ${num} (pageNum) and ${number} (pageNumber)`);
  }
  return num ?? number;
}
async function getCorrectionSql(client, asked, onFailedAttempt) {
  const call = await client.call("GET", runPaths("schema").correctionSql, {
    query: asked,
    onFailedAttempt
  });
  return { value: parseCorrectionSql(call.data, asked), call };
}
function parseCorrectionSql(data, asked) {
  if (!isRecord(data)) throw protocolError("the correction SQL call returned no data object");
  checkAbout(data, asked);
  if (!("correctSql" in data)) throw protocolError("data.correctSql is missing");
  const sql = data["correctSql"];
  if (sql === null) return "";
  if (typeof sql !== "string") throw protocolError("data.correctSql is not a string");
  return sql;
}
async function getTableSummaryPage(client, asked, onFailedAttempt) {
  const { taskId, execId, pageNumber } = asked;
  const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) };
  const call = await client.call("GET", runPaths("data").tableSummary, { query, onFailedAttempt });
  return { value: parseTableSummaryPage(call.data, taskId, execId), call };
}
function parseTableSummaryPage(data, taskId, execId) {
  if (!isRecord(data)) throw protocolError("the table summary call returned no data object");
  checkAbout(data, { taskId, execId });
  const total = count(data["totalTableCount"], "data.totalTableCount");
  const diffTableCount = count(data["diffTableCount"], "data.diffTableCount");
  if (total === void 0 || diffTableCount === void 0) {
    throw protocolError(
      "data.totalTableCount or data.diffTableCount of the table summary is missing"
    );
  }
  const list = data["tableSummaries"];
  if (!Array.isArray(list)) throw protocolError("data.tableSummaries is not an array");
  const entries = list.map((entry, index) => {
    const where = `data.tableSummaries[${index}]`;
    if (!isRecord(entry)) throw protocolError(`${where} is not an object`);
    const progressId = idOf(entry["progressId"], `${where}.progressId`);
    if (progressId === void 0) throw protocolError(`${where}.progressId is missing`);
    return {
      kind: "table",
      progressId,
      schemaName: text(entry, "schemaName", where),
      tableName: text(entry, "tableName", where),
      targetSchemaName: text(entry, "targetSchemaName", where),
      targetTableName: text(entry, "targetTableName", where),
      raw: entry
    };
  });
  return { entries, total, diffTableCount, pageNumber: answeredPage(data) };
}
async function getTableDifferenceCount(client, asked, onFailedAttempt) {
  const query = { ...asked, pageSize: "1", pageNumber: "1" };
  const call = await client.call("GET", runPaths("data").diffDetails, { query, onFailedAttempt });
  return { value: parseTableDifferenceCount(call.data, asked), call };
}
function parseTableDifferenceCount(data, asked) {
  if (!isRecord(data)) throw protocolError("the difference details call returned no data object");
  checkAbout(data, asked);
  const page = count(data["pageNumber"], "data.pageNumber");
  if (page !== void 0 && page !== 1) {
    throw protocolError(`asked for page 1 of the difference details, got page ${page}`);
  }
  const total = count(data["totalCount"], "data.totalCount");
  if (total === void 0)
    throw protocolError("data.totalCount of the difference details is missing");
  return total;
}
function checkAbout(data, asked) {
  const answeredTask = idText(data, "taskId", "data");
  if (answeredTask !== "" && answeredTask !== asked.taskId) {
    throw protocolError(`asked about task ${asked.taskId}, got an answer about ${answeredTask}`);
  }
  const answeredExec = idOf(data["execId"], "data.execId");
  if (answeredExec !== void 0 && answeredExec !== canonicalId(asked.execId)) {
    throw protocolError(`asked about run ${asked.execId}, got an answer about run ${answeredExec}`);
  }
  if (asked.progressId === void 0) return;
  const answeredObject = idOf(data["progressId"], "data.progressId");
  if (answeredObject !== void 0 && answeredObject !== canonicalId(asked.progressId)) {
    throw protocolError(
      `asked about progressId ${asked.progressId}, got an answer about progressId ${answeredObject}`
    );
  }
}

// src/phases/progress-lines.ts
function counts(state) {
  let done = 0;
  let failed2 = 0;
  for (const item of state.precheckItems) {
    const status = canonicalStatus(item.status);
    if (status === "Success" || status === "Failed") done++;
    if (status === "Failed") failed2++;
  }
  return { total: state.precheckItems.length, done, failed: failed2 };
}
function progressKey(state) {
  const c = counts(state);
  return `${state.status}\0${c.total}|${c.done}|${c.failed}`;
}
function progressLine(state, elapsedMs) {
  const c = counts(state);
  const items = c.total === 0 ? "no check items yet" : `${c.done}/${c.total} check items done, ${c.failed} failed`;
  return `[${formatDuration(elapsedMs)}] Precheck ${state.precheckTaskId}: ${state.status}, ${items}`;
}
function runProgressLine(state, elapsedMs) {
  const rows = state.rows;
  const counted = rows?.differenceRows !== void 0 ? `, ${rows.differenceRows} differing rows, ${rows.onlySourceRows ?? "?"} only in the source, ${rows.onlyTargetRows ?? "?"} only in the target` : "";
  return `[${formatDuration(elapsedMs)}] Comparison run ${state.execId}: ${state.status}${counted}`;
}

// src/ninedata/precheck-api.ts
var BASE2 = {
  schema: "/openapi/v1/compareschema/precheck",
  data: "/openapi/v1/comparedata/precheck"
};
function precheckPaths(kind) {
  return { start: `${BASE2[kind]}/start`, status: `${BASE2[kind]}/status` };
}
var MAX_ID_LENGTH = 128;
var ID_PROBLEM = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
function idProblem(id) {
  if (id === "") return "it is empty";
  if (id.length > MAX_ID_LENGTH)
    return `it is ${id.length} characters long (at most ${MAX_ID_LENGTH})`;
  if (ID_PROBLEM.test(id)) return "it contains whitespace, control or invisible characters";
  return void 0;
}
async function startPrecheck(client, kind, taskId) {
  const call = await client.call("POST", precheckPaths(kind).start, { body: { taskId } });
  return { ...parseStarted(call.data, taskId), call };
}
async function getPrecheckStatus(client, kind, taskId, precheckTaskId) {
  const call = await client.call("GET", precheckPaths(kind).status, {
    query: { taskId, precheckTaskId }
  });
  return parseStatus(call.data, taskId, precheckTaskId);
}
function parseStarted(data, taskId) {
  if (typeof data === "string") data = { precheckTaskId: data };
  if (!isRecord(data)) throw protocolError("the start call returned no data object");
  const answeredTask = idText(data, "taskId", "data");
  if (answeredTask !== "" && answeredTask !== taskId) {
    throw protocolError(
      `asked to start a precheck of task ${taskId}, got an answer about task ${answeredTask}`
    );
  }
  const precheckTaskId = idText(data, "precheckTaskId", "data");
  const problem = idProblem(precheckTaskId);
  if (problem)
    throw protocolError(`data.precheckTaskId of the start call is not an ID to follow: ${problem}`);
  return { taskId, precheckTaskId };
}
function parseStatus(data, taskId, precheckTaskId) {
  if (!isRecord(data)) throw protocolError("the status call returned no data object");
  const status = text(data, "status", "data");
  if (status.trim() === "") throw protocolError("data.status is missing");
  const answeredTask = idText(data, "taskId", "data");
  const answeredPrecheck = idText(data, "precheckTaskId", "data");
  if (answeredPrecheck !== "" && answeredPrecheck !== precheckTaskId) {
    throw protocolError(
      `asked about precheck ${precheckTaskId}, got an answer about ${answeredPrecheck}`
    );
  }
  if (answeredTask !== "" && answeredTask !== taskId) {
    throw protocolError(`asked about task ${taskId}, got an answer about ${answeredTask}`);
  }
  const rawItems = data["precheckItems"];
  if (rawItems !== void 0 && rawItems !== null && !Array.isArray(rawItems)) {
    throw protocolError("data.precheckItems is not an array");
  }
  const precheckItems = (rawItems ?? []).map(
    (item, index) => {
      const where = `data.precheckItems[${index}]`;
      if (!isRecord(item)) throw protocolError(`${where} is not an object`);
      return {
        precheckItem: text(item, "precheckItem", where),
        itemName: text(item, "itemName", where),
        itemDescription: text(item, "itemDescription", where),
        status: text(item, "status", where),
        errorMessage: text(item, "errorMessage", where),
        raw: item
      };
    }
  );
  const itemsMissing = rawItems === void 0 || rawItems === null;
  return {
    taskId,
    precheckTaskId,
    status,
    precheckItems,
    ...itemsMissing ? { itemsMissing } : {}
  };
}

// src/ninedata/task-api.ts
var BASE3 = "/openapi/v1/compareschema";
var TASK_PATHS = {
  list: `${BASE3}/queryTaskList`,
  create: `${BASE3}/create`
};
var DETAIL_PATH = {
  schema: "/openapi/v1/compareschema/queryTaskById",
  data: "/openapi/v1/comparedata/queryTaskById"
};
var TASK_PAGE_SIZE = 100;
async function listTasksPage(client, pageNumber) {
  const query = { pageSize: String(TASK_PAGE_SIZE), pageNumber: String(pageNumber) };
  const call = await client.call("GET", TASK_PATHS.list, { query });
  return { ...parseTaskPage(call.data, pageNumber), requestId: call.requestId };
}
function parseTaskPage(data, pageNumber) {
  if (!isRecord(data)) throw protocolError("the task list returned no data object");
  const answeredPage2 = count(data["pageNumber"], "data.pageNumber");
  if (answeredPage2 !== void 0 && answeredPage2 !== pageNumber)
    throw protocolError(`asked for page ${pageNumber} of the task list, got page ${answeredPage2}`);
  const total = count(data["total"], "data.total");
  if (total === void 0) throw protocolError("data.total of the task list is missing");
  const list = data["schemaComparisons"];
  if (list === null || list === void 0) return { tasks: [], total };
  if (!Array.isArray(list)) throw protocolError("data.schemaComparisons is not an array");
  if (list.length > TASK_PAGE_SIZE)
    throw protocolError(
      `a page of the task list holds ${list.length} tasks, more than the ${TASK_PAGE_SIZE} asked for`
    );
  return { tasks: list.map(listedTask), total };
}
function listedTask(entry, index) {
  const where = `data.schemaComparisons[${index}]`;
  if (!isRecord(entry)) throw protocolError(`${where} is not an object`);
  const taskId = idText(entry, "taskId", where);
  if (taskId === "") throw protocolError(`${where}.taskId is missing`);
  return {
    taskId,
    taskName: text(entry, "taskName", where),
    sourceDsId: idText(entry, "sourceDsId", where),
    targetDsId: idText(entry, "targetDsId", where),
    periodic: text(entry, "periodic", where),
    createTime: text(entry, "createTime", where)
  };
}
async function createTask(client, task) {
  const body = { ...task, taskType: "ONETIME" };
  const call = await client.call("POST", TASK_PATHS.create, { body });
  return { taskId: parseCreated(call.data), call };
}
function parseCreated(answer) {
  const data = typeof answer === "string" ? { taskId: answer } : answer;
  if (!isRecord(data)) throw protocolError("the create call returned no data object");
  const taskId = idText(data, "taskId", "data");
  const problem = idProblem(taskId);
  if (problem) throw protocolError(`data.taskId of the create call is not a task ID: ${problem}`);
  return taskId;
}
async function getTaskDetail(client, kind, taskId) {
  const call = await client.call("GET", DETAIL_PATH[kind], { query: { taskId } });
  return parseTaskDetail(call.data, kind, taskId);
}
function parseTaskDetail(data, kind, taskId) {
  if (!isRecord(data)) throw protocolError("the task details call returned no data object");
  const answered = idText(data, kind === "schema" ? "taskId" : "id", "data");
  if (answered !== "" && answered !== taskId)
    throw protocolError(`asked about task ${taskId}, got details of ${answered}`);
  const deleted = data["isDeleted"];
  if (deleted !== void 0 && deleted !== null && typeof deleted !== "boolean")
    throw protocolError("data.isDeleted is not true or false");
  return { taskId, status: text(data, "status", "data"), isDeleted: deleted === true };
}

// src/phases/poll-loop.ts
var RAMP_MS = [500, 500, 500, 1e3, 1e3, 2e3, 3e3];
function pollDelayMs(pollsDone, intervalMs) {
  const ramp = RAMP_MS[pollsDone - 1] ?? Number.POSITIVE_INFINITY;
  return Math.min(ramp, intervalMs);
}
async function pollUntilSettled(options) {
  const { time, deadline } = options;
  let last;
  const end = (ending) => ({ ending, last });
  try {
    for (let polls = 1; ; polls++) {
      const startedAt = time.now();
      last = await options.poll();
      const took = time.now() - startedAt;
      options.onState(last);
      if (options.isSettled(last)) return end(FINISHED);
      if (time.now() >= deadline) return end({ how: "timeout" });
      const next = Math.max(
        startedAt + pollDelayMs(polls, options.intervalMs),
        time.now() + 2 * took
      );
      await options.sleep(Math.max(0, Math.min(next, deadline) - time.now()));
      if (time.now() >= deadline) return end({ how: "timeout" });
    }
  } catch (error2) {
    return end(endingOf(error2, options.doing));
  }
}

// src/phases/busy-task-wait.ts
var BUSY_STATUSES = /* @__PURE__ */ new Set(["prechecking", "starting", "running"]);
async function startWhenFree(ctx, what, start3) {
  const wait = { polls: 0, since: 0, status: "" };
  for (; ; ) {
    try {
      return await start3();
    } catch (error2) {
      if (!isBusyRefusal(error2) || ctx.inputs.whenBusy === "fail")
        throw timedOutWaiting(error2, wait, ctx);
      if (wait.polls === 0) {
        const refusal = error2;
        wait.since = ctx.time.now();
        ctx.log.info(
          `Comparison task ${ctx.inputs.taskId} is busy: NineData refused to start a ${what} with ${visible(refusal.message)} (requestId ${refusal.requestId || "none"}), so another precheck or run of it is under way. when-busy is wait: waiting for the task to be free (Query Main Task Details, on the poll schedule) to start this step's own ${what}, until timeout-seconds.`
        );
      }
    }
    await untilFree(ctx, wait);
  }
}
async function untilFree(ctx, wait) {
  const { inputs, client } = ctx;
  do {
    wait.polls++;
    try {
      await client.sleep(pollDelayMs(wait.polls, inputs.pollIntervalMs));
      if (ctx.time.now() >= ctx.deadline) throw new EndingError({ how: "timeout" });
      const detail = await getTaskDetail(client, inputs.comparison, inputs.taskId);
      if (detail.isDeleted)
        throw new EndingError({
          how: "error",
          message: `Comparison task ${inputs.taskId} is deleted (NineData's task details say isDeleted: true).`
        });
      wait.status = detail.status;
    } catch (error2) {
      const doing = `The status query for busy comparison task ${inputs.taskId} failed`;
      throw timedOutWaiting(new EndingError(endingOf(error2, doing)), wait, ctx);
    }
  } while (BUSY_STATUSES.has(wait.status.toLowerCase()));
  ctx.log.info(
    `Comparison task ${inputs.taskId} reports ${visible(wait.status)} after ${formatDuration(ctx.time.now() - wait.since)} of waiting: starting again.`
  );
}
function timedOutWaiting(error2, wait, ctx) {
  const ending = error2 instanceof EndingError ? error2.ending : error2 instanceof StopError ? endingOf(error2, "") : void 0;
  if (wait.polls === 0 || ending?.how !== "timeout") return error2;
  const status = wait.status ? `; its last status was ${visible(wait.status)}` : "";
  return new EndingError({
    ...ending,
    waitingFor: `it was still waiting for comparison task ${ctx.inputs.taskId} to be free (another precheck or run of it was under way${status})`
  });
}

// src/phases/result-reader.ts
var import_node_events = __toESM(require_node_events(), 1);

// src/text/string-copy.ts
function detachedCopy(text2) {
  return Buffer.from(text2, "utf16le").toString("utf16le");
}

// src/phases/result-pages.ts
var MAX_RESULT_ENTRIES = 1e5;
async function readPages(fetch, run2, keep) {
  const book = new PageBook();
  const first = await fetch(1);
  book.take(1, first);
  const expected = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const later = [];
  await run2(expected - 1, async (index) => {
    later[index] = await fetch(index + 2);
  });
  later.forEach((page, index) => book.take(index + 2, page));
  for (let pageNumber = expected + 1; book.listed < first.total && !book.lastWasEmpty; pageNumber++) {
    book.take(pageNumber, await fetch(pageNumber));
  }
  book.checkReached();
  keep(book.entries);
  return first;
}
var PageBook = class {
  entries = [];
  total;
  /** progressId -> the page that listed it. */
  seen = /* @__PURE__ */ new Map();
  lastWasEmpty = false;
  /** The first page that came back empty. */
  emptyPage;
  get listed() {
    return this.entries.length;
  }
  take(asked, page) {
    if (page.pageNumber !== void 0 && page.pageNumber !== asked) {
      throw protocolError(
        `page ${asked} was asked for, but the answer says it is page ${page.pageNumber}`
      );
    }
    if (this.total !== void 0 && page.total !== this.total) {
      throw protocolError(
        `the total changed from ${this.total} to ${page.total} between result pages`
      );
    }
    this.total = page.total;
    if (page.total > MAX_RESULT_ENTRIES) {
      throw protocolError(
        `${page.total} results are more than this action reads (${MAX_RESULT_ENTRIES})`
      );
    }
    if (page.entries.length > PAGE_SIZE) {
      throw protocolError(
        `page ${asked} holds ${page.entries.length} results (asked for ${PAGE_SIZE})`
      );
    }
    for (const entry of page.entries) this.add(asked, entry);
    this.lastWasEmpty = page.entries.length === 0;
    if (this.lastWasEmpty) this.emptyPage ??= asked;
    if (this.listed > page.total) {
      throw protocolError(
        `the pages list ${this.listed} distinct results, more than the total of ${page.total}`
      );
    }
  }
  add(pageNumber, entry) {
    const earlier = this.seen.get(entry.progressId);
    if (earlier !== void 0) {
      const where = earlier === pageNumber ? `twice on page ${pageNumber}` : `on page ${earlier} and again on page ${pageNumber}`;
      throw protocolError(
        `progressId ${entry.progressId} is listed ${where}: the pages repeat themselves`
      );
    }
    this.seen.set(entry.progressId, pageNumber);
    this.entries.push(entry);
  }
  /** After the last page: the total must have been reached with distinct entries. */
  checkReached() {
    const total = this.total ?? 0;
    if (this.listed === total) return;
    const where = this.emptyPage === void 0 ? "the pages ended" : `page ${this.emptyPage} is empty`;
    throw protocolError(
      `${where}, but only ${this.listed} of ${total} results were listed (as distinct progressIds)`
    );
  }
};

// src/phases/request-window.ts
var MAX_IN_FLIGHT = 16;
var INITIAL_WINDOW = 4;
var BASELINE_ANSWERS = 8;
var LATENCY_FACTOR = 3;
var LATENCY_MARGIN_MS = 200;
var PROBE_WINDOWS = 8;
var RequestWindow = class {
  constructor(now, initial = INITIAL_WINDOW, adaptive = true) {
    this.now = now;
    this.adaptive = adaptive;
    this.size = Math.min(MAX_IN_FLIGHT, Math.max(1, initial));
    this.stats.peakWindow = this.size;
  }
  now;
  adaptive;
  size;
  inFlight = 0;
  /** Local epoch ms before which no new call is sent (Retry-After, for the whole reader). */
  pausedUntil = 0;
  stats = { calls: 0, pushBacks: 0, peakInFlight: 0, peakWindow: 0 };
  /** Bumped at every shrink: push-back on a call sent before it does not shrink again. */
  epoch = 0;
  goodInWindow = 0;
  /** The size at which NineData last pushed back: approached slowly. */
  ceiling = Number.POSITIVE_INFINITY;
  baseline = [];
  smoothedMs;
  /** Whether a new call may go out now, with `busy` calls under way. */
  hasRoom(busy) {
    return Math.max(busy, this.inFlight) < this.size && this.now() >= this.pausedUntil;
  }
  /** Sends `call` inside the window; `onFailedAttempt` goes to the client, which retries. */
  async track(send) {
    const epoch = this.epoch;
    const sentAt = this.now();
    this.inFlight++;
    this.stats.calls++;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    try {
      const result = await send((error2) => this.failedAttempt(error2, epoch));
      if (result.call.attempts === 1) this.answered(this.now() - sentAt, epoch);
      return result;
    } finally {
      this.inFlight--;
    }
  }
  failedAttempt(error2, epoch) {
    if (!isPushBack(error2)) return;
    this.stats.pushBacks++;
    if (error2.retryAfterMs !== void 0) {
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + error2.retryAfterMs);
    }
    this.shrink(epoch);
  }
  answered(latencyMs, epoch) {
    if (this.baseline.length < BASELINE_ANSWERS) this.baseline.push(latencyMs);
    this.smoothedMs = this.smoothedMs === void 0 ? latencyMs : 0.8 * this.smoothedMs + 0.2 * latencyMs;
    if (this.latencyClimbed(this.smoothedMs)) {
      this.smoothedMs = void 0;
      this.shrink(epoch);
      return;
    }
    this.grow();
  }
  latencyClimbed(smoothedMs) {
    if (this.baseline.length < BASELINE_ANSWERS) return false;
    const sorted = [...this.baseline].sort((a, b) => a - b);
    const base = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return smoothedMs > Math.max(base * LATENCY_FACTOR, base + LATENCY_MARGIN_MS);
  }
  grow() {
    if (!this.adaptive || this.size >= MAX_IN_FLIGHT) return;
    this.goodInWindow++;
    const windows = this.size + 1 >= this.ceiling ? PROBE_WINDOWS : 1;
    if (this.goodInWindow < windows * this.size) return;
    this.goodInWindow = 0;
    this.size++;
    if (this.size >= this.ceiling) this.ceiling = Number.POSITIVE_INFINITY;
    this.stats.peakWindow = Math.max(this.stats.peakWindow, this.size);
  }
  /** Halves the window, once per round of calls: the calls already out saw the old load. */
  shrink(epoch) {
    if (!this.adaptive || epoch !== this.epoch) return;
    this.epoch++;
    this.ceiling = this.size;
    this.size = Math.max(1, Math.floor(this.size / 2));
    this.goodInWindow = 0;
  }
};
function isPushBack(error2) {
  return error2.httpStatus === 429 || error2.httpStatus === 503 || error2.retryAfterMs !== void 0 || error2.symptom === "silent";
}
var fixedForBenchmark;
function newRequestWindow(now) {
  return fixedForBenchmark === void 0 ? new RequestWindow(now) : new RequestWindow(now, fixedForBenchmark, false);
}
async function runInWindow(window, count2, work, options) {
  const running = /* @__PURE__ */ new Map();
  let failure;
  let next = 0;
  const lowest = () => running.size === 0 ? next : Math.min(...running.keys());
  try {
    while (next < count2 && !failure) {
      const paused = window.pausedUntil - options.now();
      if (paused > 0 && running.size === 0) await options.wait(paused);
      else if (window.hasRoom(running.size) && next - lowest() < options.maxAhead) {
        const index = next++;
        const job = work(index).then(
          () => void running.delete(index),
          (error2) => {
            running.delete(index);
            failure ??= { error: error2 };
          }
        );
        running.set(index, job);
      } else await Promise.race(running.values());
    }
  } catch (error2) {
    failure ??= { error: error2 };
  }
  await Promise.all(running.values());
  if (failure) throw failure.error;
}

// src/phases/result-reader.ts
var MAX_AHEAD = 256;
var PROGRESS_EVERY_MS = 5e3;
var WHOLE_SQL_OBJECTS = LIMITS.differenceRows;
var WHOLE_SQL_CHARS = 1024 * 1024;
var SQL_START_CHARS = 200;
function emptyResults(kind) {
  return kind === "schema" ? { kind, total: 0, objects: [] } : { kind, totalTableCount: 0, diffTableCount: 0, tables: [] };
}
async function fillResults(ctx, execId, results, anyDifference, outcome = {}) {
  (0, import_node_events.setMaxListeners)(4 * MAX_IN_FLIGHT, ctx.signal);
  const now = () => ctx.time.now();
  const window = newRequestWindow(now);
  const run2 = (count2, work) => runInWindow(window, count2, work, {
    wait: async (ms) => {
      await ctx.client.sleep(ms);
      if (ctx.time.now() >= ctx.deadline) throw new StopError("timeout");
    },
    now,
    maxAhead: MAX_AHEAD
  });
  if (results.kind === "schema") await fillSchema(ctx, execId, results, { window, run: run2, outcome });
  else await fillData(ctx, execId, results, anyDifference, { window, run: run2 });
}
async function fillSchema(ctx, execId, results, { window, run: run2, outcome }) {
  const asked = { taskId: ctx.inputs.taskId, execId };
  const first = await readPages(
    (pageNumber) => window.track((f) => getSchemaResultsPage(ctx.client, { ...asked, pageNumber }, f)).then((answer) => answer.value),
    run2,
    (entries) => results.objects.push(...entries)
  );
  results.total = first.total;
  const objects = results.objects;
  announce(ctx, `Reading the correction SQL of ${plural(objects.length, "object")}`, execId);
  const order = new InOrder(objects, ctx.correctionSql?.(execId));
  try {
    await readEach(ctx, { window, run: run2 }, objects, "objects", {
      ask: (object, f) => getCorrectionSql(ctx.client, { ...asked, progressId: object.progressId }, f),
      keep: (object, sql) => object.correctSql = sql,
      done: (index) => order.done(index)
    });
  } catch (error2) {
    order.stopped(error2);
    throw error2;
  } finally {
    outcome.correctionSqlFile = order.finish();
  }
}
async function fillData(ctx, execId, results, anyDifference, { window, run: run2 }) {
  const asked = { taskId: ctx.inputs.taskId, execId };
  const first = await readPages(
    (pageNumber) => window.track((f) => getTableSummaryPage(ctx.client, { ...asked, pageNumber }, f)).then((answer) => answer.value),
    run2,
    (entries) => results.tables.push(...entries)
  );
  results.totalTableCount = first.total;
  results.diffTableCount = first.diffTableCount;
  if (!anyDifference && results.diffTableCount === 0) return;
  const tables = results.tables;
  announce(ctx, `Counting the differing records of ${plural(tables.length, "table")}`, execId);
  await readEach(ctx, { window, run: run2 }, tables, "tables", {
    ask: (table, f) => getTableDifferenceCount(ctx.client, { ...asked, progressId: table.progressId }, f),
    keep: (table, count2) => table.differences = count2,
    done: () => void 0
  });
}
async function readEach(ctx, { window, run: run2 }, entries, what, calls) {
  const progress = progressLine2(ctx, window, entries.length, what);
  try {
    await run2(entries.length, async (index) => {
      const entry = entries[index];
      try {
        calls.keep(entry, (await window.track((f) => calls.ask(entry, f))).value);
      } catch (error2) {
        entry.unreadable = unreadable(error2);
      }
      calls.done(index);
      progress();
    });
  } finally {
    summarise(ctx, window, entries.length, what);
  }
}
function announce(ctx, what, execId) {
  ctx.log.info(
    `${what} of comparison run ${execId} (up to ${MAX_IN_FLIGHT} calls at a time, fewer when NineData pushes back).`
  );
}
function progressLine2(ctx, window, total, what) {
  let read = 0;
  let saidAt = ctx.time.now();
  return () => {
    read++;
    const now = ctx.time.now();
    if (now - saidAt < PROGRESS_EVERY_MS || read === total) return;
    saidAt = now;
    ctx.log.info(
      `[${formatDuration(now - ctx.startedAt)}] Read ${read.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} ${what}, ${window.inFlight} in flight.`
    );
  };
}
function summarise(ctx, window, total, what) {
  const { calls, pushBacks, peakInFlight } = window.stats;
  const pushed = pushBacks > 0 ? `; NineData pushed back ${plural(pushBacks, "time")}, and the reader slowed down` : "";
  ctx.log.info(
    `Read ${total.toLocaleString("en-US")} ${what} with ${calls.toLocaleString("en-US")} result calls, up to ${peakInFlight} in flight${pushed}.`
  );
}
var InOrder = class {
  constructor(objects, sink) {
    this.objects = objects;
    this.sink = sink;
  }
  objects;
  sink;
  next = 0;
  finished = /* @__PURE__ */ new Set();
  kept = 0;
  keptChars = 0;
  stop;
  done(index) {
    this.finished.add(index);
    while (this.finished.delete(this.next)) this.emit(this.objects[this.next++]);
  }
  stopped(error2) {
    this.stop = error2 instanceof StopError ? error2.reason === "cancelled" ? "the step was cancelled" : "timeout-seconds ran out" : "the reading stopped";
  }
  finish() {
    return this.sink?.finish(missingOf(this.objects, this.stop));
  }
  emit(object) {
    const sql = object.correctSql;
    if (sql === void 0 || sql === "") return;
    this.sink?.add(object, sql);
    const whole = this.kept < WHOLE_SQL_OBJECTS && this.keptChars < WHOLE_SQL_CHARS;
    const room = whole ? LIMITS.sql : SQL_START_CHARS;
    this.kept++;
    if (sql.length > room) {
      object.correctSql = detachedCopy(sql.slice(0, room));
      object.correctSqlLength = sql.length;
    }
    this.keptChars += Math.min(sql.length, room);
  }
};
function missingOf(objects, stop) {
  const missing = objects.filter((o) => o.correctSql === void 0);
  if (missing.length === 0 && stop === void 0) return void 0;
  const refused2 = missing.filter((o) => o.unreadable !== void 0).length;
  const reasons = [
    refused2 > 0 ? `${refused2} could not be read` : "",
    missing.length > refused2 ? `${missing.length - refused2} were not read before ${stop ?? "the reading stopped"}` : ""
  ].filter(Boolean);
  return {
    count: missing.length,
    of: objects.length,
    progressIds: missing.slice(0, 20).map((o) => o.progressId),
    why: reasons.join(", ") || (stop ?? "the reading stopped")
  };
}
function unreadable(error2) {
  if (error2 instanceof ApiError) {
    return error2.requestId ? `${error2.message} (requestId ${error2.requestId})` : error2.message;
  }
  throw error2;
}

// src/phases/comparison-phase.ts
var STOP_BUDGET_MS = 5e3;
async function runComparison(ctx) {
  const { inputs } = ctx;
  const seen = {
    kind: inputs.comparison,
    ending: FINISHED,
    execId: "",
    last: void 0,
    stage: "start",
    timeoutMs: inputs.timeoutMs,
    endedAt: 0
  };
  const done = (ending, extra = {}) => ({
    ...seen,
    ...extra,
    ending,
    endedAt: ctx.time.now()
  });
  try {
    seen.execId = await start(ctx);
  } catch (error2) {
    const ending = endingOf(
      error2,
      `NineData did not start a run of comparison task ${inputs.taskId}`
    );
    const why2 = startMayHaveRun(error2);
    return done(ending, why2 ? { stop: await stopUnfinishedRun(ctx, "", why2) } : {});
  }
  seen.stage = "run";
  const run2 = await waitForRun(ctx, seen.execId);
  seen.last = run2.last;
  const why = givenUpOn(run2.ending, run2.last);
  if (why) return done(run2.ending, { stop: await stopUnfinishedRun(ctx, seen.execId, why) });
  if (run2.ending.how !== "finished" || canonicalRunStatus(run2.last?.status ?? "") !== "success") {
    return done(run2.ending);
  }
  seen.stage = "results";
  const results = emptyResults(inputs.comparison);
  const read = {};
  try {
    await fillResults(ctx, seen.execId, results, (rowTotal(run2.last) ?? 0) > 0, read);
    return done(FINISHED, { results, correctionSqlFile: read.correctionSqlFile });
  } catch (error2) {
    const doing = `Reading the results of comparison run ${seen.execId} failed`;
    return done(endingOf(error2, doing), { results, correctionSqlFile: read.correctionSqlFile });
  }
}
async function start(ctx) {
  const { inputs, log } = ctx;
  log.info(`Starting a run of ${inputs.comparison} comparison task ${inputs.taskId}.`);
  const started = await startWhenFree(
    ctx,
    "comparison run",
    () => executeRun(ctx.client, inputs.comparison, inputs.taskId)
  );
  const note = retriedStartNote(started.call, "run", started.execId);
  log.info(
    `Started comparison run ${started.execId} (requestId ${started.call.requestId || "none"}).${note}`
  );
  return started.execId;
}
function waitForRun(ctx, execId) {
  const { inputs, client, log } = ctx;
  let lastStatus;
  return pollUntilSettled({
    poll: () => getRunState(client, inputs.comparison, inputs.taskId, execId),
    isSettled: (state) => isRunSettled(state.status),
    onState: (state) => {
      if (state.status !== lastStatus)
        log.info(runProgressLine(state, ctx.time.now() - ctx.startedAt));
      lastStatus = state.status;
    },
    intervalMs: inputs.pollIntervalMs,
    deadline: ctx.deadline,
    time: ctx.time,
    sleep: (ms) => client.sleep(ms),
    doing: `The status query for comparison run ${execId} failed`
  });
}
function startMayHaveRun(error2) {
  if (error2 instanceof StopError && error2.mayHaveActed) {
    const when = error2.reason === "cancelled" ? "the step was cancelled" : "timeout-seconds ran out";
    return `the execute call got no answer before ${when}, so a run may have started`;
  }
  if (error2 instanceof ApiError && error2.kind === "protocol")
    return "the answer to the execute call could not be read, so a run may have started";
  return void 0;
}
function givenUpOn(ending, last) {
  if (ending.how === "cancelled") return "the step was cancelled while the run went on";
  if (ending.how === "timeout") return "timeout-seconds ran out while the run went on";
  if (ending.how === "error") return "its status could not be read, so the gate gave up on it";
  if (last && canonicalRunStatus(last.status) === void 0)
    return "it reported a status NineData does not document, so the gate gave up on it";
  return void 0;
}
async function stopUnfinishedRun(ctx, execId, why) {
  const { inputs, log } = ctx;
  const run2 = execId ? `comparison run ${execId}` : "the comparison run";
  const client = clientFor(inputs, {
    deadline: ctx.time.now() + STOP_BUDGET_MS,
    signal: new AbortController().signal,
    log,
    time: ctx.time,
    requestTimeoutMs: Math.min(inputs.requestTimeoutMs, STOP_BUDGET_MS)
  });
  try {
    const call = await stopRun(client, inputs.comparison, inputs.taskId);
    log.warning(
      `Asked NineData to stop ${run2} of task ${inputs.taskId} (requestId ${call.requestId || "none"}): ${why}.`
    );
    return { sent: true, message: "" };
  } catch (error2) {
    const ending = endingOf(error2, `Stopping ${run2} failed`);
    const message = ending.how === "error" ? ending.message : `no answer within ${STOP_BUDGET_MS / 1e3}s.`;
    log.warning(`Could not stop ${run2} (${why}): ${message}`);
    return { sent: false, message };
  } finally {
    client.dispose();
  }
}

// src/phases/precheck-phase.ts
async function runPrecheck(ctx) {
  const { inputs } = ctx;
  const history = new ItemHistory();
  const learned = (ending2, precheckTaskId2, last2) => ({
    ending: ending2,
    precheckTaskId: precheckTaskId2,
    last: last2,
    failedEarlier: history.failedEarlier(last2),
    vanished: history.vanished(last2),
    tooManyItems: history.overflowed,
    timeoutMs: inputs.timeoutMs,
    endedAt: ctx.time.now()
  });
  let precheckTaskId = inputs.precheckTaskId;
  if (precheckTaskId) {
    ctx.log.info(
      `Following precheck ${precheckTaskId} of ${inputs.comparison} comparison task ${inputs.taskId} (given as precheck-task-id; nothing is started).`
    );
  } else {
    try {
      precheckTaskId = await start2(ctx);
    } catch (error2) {
      const doing = `NineData did not start a precheck for task ${inputs.taskId}`;
      return learned(endingOf(error2, doing), "");
    }
  }
  const { ending, last } = await waitForVerdict(ctx, precheckTaskId, history);
  return learned(ending, precheckTaskId, last);
}
async function start2(ctx) {
  const { inputs, log } = ctx;
  log.info(
    `Starting a precheck of ${inputs.comparison} comparison task ${inputs.taskId} at ${inputs.apiUrl}.`
  );
  const started = await startWhenFree(
    ctx,
    "precheck",
    () => startPrecheck(ctx.client, inputs.comparison, inputs.taskId)
  );
  const id = started.precheckTaskId;
  const note = retriedStartNote(started.call, "precheck", id);
  log.info(`Started precheck ${id} (requestId ${started.call.requestId || "none"}).${note}`);
  return id;
}
function waitForVerdict(ctx, precheckTaskId, history) {
  const { inputs, client, log } = ctx;
  let lastKey = "";
  return pollUntilSettled({
    poll: () => getPrecheckStatus(client, inputs.comparison, inputs.taskId, precheckTaskId),
    isSettled,
    onState: (state) => {
      history.note(state);
      const key = progressKey(state);
      if (key !== lastKey) log.info(progressLine(state, ctx.time.now() - ctx.startedAt));
      lastKey = key;
    },
    intervalMs: inputs.pollIntervalMs,
    deadline: ctx.deadline,
    time: ctx.time,
    sleep: (ms) => client.sleep(ms),
    doing: `The status query for precheck ${precheckTaskId} failed`
  });
}

// src/task-definition.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
var MAX_TASK_NAME_LENGTH = 64;
var DATASOURCE_ID = /^ds-[A-Za-z0-9_-]{1,64}$/;
var NAME_PROBLEM = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
function parseDefinition(raw, problems) {
  const before = problems.length;
  const sourceDsId = checkDatasource("source-datasource", raw.sourceDatasource, problems);
  const targetDsId = checkDatasource("target-datasource", raw.targetDatasource, problems);
  const databases = parseDatabases(raw.databases, problems);
  if (databases !== "all" && databases !== void 0) addTables(databases, raw.tables, problems);
  else if (databases === "all" && raw.tables.trim() !== "") {
    problems.push(
      "`tables` narrows the databases listed in `databases`; with `databases: *` (the whole instance) leave it empty, or list the databases."
    );
  }
  const nameGiven = raw.taskName.trim() !== "";
  if (nameGiven) checkTaskName(raw.taskName.trim(), problems);
  if (problems.length > before || databases === void 0) return void 0;
  const definition = { sourceDsId, targetDsId, databases };
  return {
    ...definition,
    taskName: nameGiven ? raw.taskName.trim() : derivedTaskName(raw.repository, definition),
    nameGiven
  };
}
function checkDatasource(name, value, problems) {
  const id = value.trim();
  if (id === "") problems.push(`\`${name}\` is required with the other datasource input.`);
  else if (!DATASOURCE_ID.test(id)) {
    problems.push(
      `\`${name}\` ${visible(id)} is not a NineData datasource ID: they look like ds-ct192k3jlj4f (the console's datasource list, or data[].datasourceId of List Data Sources).`
    );
  }
  return id;
}
function checkTaskName(name, problems) {
  const length = [...name].length;
  if (length > MAX_TASK_NAME_LENGTH) {
    problems.push(
      `\`task-name\` is ${length} characters long: NineData allows at most ${MAX_TASK_NAME_LENGTH}. Shorten it, or leave it empty for a derived name.`
    );
  } else if (NAME_PROBLEM.test(name)) {
    problems.push(`\`task-name\` ${visible(name)} contains control or invisible characters.`);
  }
}
function entriesOf(raw) {
  const text2 = raw.trim();
  return text2 === "" ? [] : text2.split(/[,\n]/).map((entry) => entry.trim());
}
function sides(entry) {
  const parts = entry.split("=").map((part) => part.trim());
  if (parts.length > 2) return `${visible(entry)} has more than one "="`;
  const [source = "", target = source] = parts;
  if (source === "" || target === "")
    return `${visible(entry)} has an empty side of "=" (write source=target)`;
  return { source, target };
}
function parseDatabases(raw, problems) {
  const entries = entriesOf(raw);
  if (entries.length === 0) {
    problems.push(
      "`databases` is required with the datasources: list the databases to compare (app, or app=app_v2), or * for the whole instance."
    );
    return void 0;
  }
  if (entries.includes("*")) {
    if (entries.length === 1) return "all";
    problems.push(
      "`databases` has * (the whole instance) next to other entries: use * alone, or list the databases."
    );
    return void 0;
  }
  const databases = [];
  const before = problems.length;
  entries.forEach((entry, index) => {
    const read = entryProblem("databases", entry, index) ?? sides(entry);
    if (typeof read === "string") return void problems.push(`\`databases\`: ${read}.`);
    if (databases.some((db) => db.source === read.source))
      return void problems.push(`\`databases\` lists ${visible(read.source)} twice.`);
    databases.push({ ...read, tables: [] });
  });
  return problems.length > before ? void 0 : databases;
}
function entryProblem(input, entry, index) {
  if (entry === "") return `entry ${index + 1} is empty (two commas, or a comma at an end)`;
  if (entry === "*" && input === "tables") return "* is not a table (leave `tables` empty for all)";
  return void 0;
}
function addTables(databases, raw, problems) {
  entriesOf(raw).forEach((entry, index) => {
    const read = entryProblem("tables", entry, index) ?? tableSides(entry);
    if (typeof read === "string") return void problems.push(`\`tables\`: ${read}.`);
    const db = databases.find((d) => d.source === read.db);
    if (!db) {
      return void problems.push(
        `\`tables\`: ${visible(entry)} is in database ${visible(read.db)}, which \`databases\` does not list.`
      );
    }
    if (read.targetDb !== void 0 && read.targetDb !== db.target) {
      return void problems.push(
        `\`tables\`: ${visible(entry)} maps to database ${visible(read.targetDb)}, but \`databases\` maps ${visible(db.source)} to ${visible(db.target)}.`
      );
    }
    if (db.tables.some((t) => t.source === read.source))
      return void problems.push(`\`tables\` lists ${visible(`${db.source}.${read.source}`)} twice.`);
    db.tables.push({ source: read.source, target: read.target });
  });
}
function tableSides(entry) {
  const read = sides(entry);
  if (typeof read === "string") return read;
  const source = splitTable(read.source);
  const target = read.target === read.source ? source : splitTable(read.target);
  if (!source || !target)
    return `${visible(entry)} is not database.table (or database.table=database.table)`;
  return read.target === read.source ? { db: source.db, source: source.table, target: source.table } : { db: source.db, source: source.table, targetDb: target.db, target: target.table };
}
function splitTable(text2) {
  const dot = text2.indexOf(".");
  const db = text2.slice(0, dot).trim();
  const table = text2.slice(dot + 1).trim();
  return dot > 0 && db !== "" && table !== "" ? { db, table } : void 0;
}
function canonicalForm(definition) {
  const byName = (a, b) => a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
  const databases = definition.databases === "all" ? "*" : [...definition.databases].sort(byName).map((db) => ({
    s: db.source,
    t: db.target,
    tables: [...db.tables].sort(byName).map((t) => [t.source, t.target])
  }));
  return JSON.stringify({ s: definition.sourceDsId, t: definition.targetDsId, databases });
}
var HASH_LENGTH = 10;
var NAME_PREFIX = "gate-";
function derivedTaskName(repository, definition) {
  const hash = (0, import_node_crypto2.createHash)("sha256").update(canonicalForm(definition)).digest("hex");
  const room = MAX_TASK_NAME_LENGTH - NAME_PREFIX.length - HASH_LENGTH - 1;
  const repo = repository.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, room);
  return `${NAME_PREFIX}${repo ? `${repo}-` : ""}${hash.slice(0, HASH_LENGTH)}`;
}
function objectConfigOf(definition) {
  if (definition.databases === "all") return { all: true };
  return {
    all: false,
    databaseList: definition.databases.map((db) => ({
      databaseName: db.source,
      targetDatabase: db.target,
      all: db.tables.length === 0,
      ...db.tables.length > 0 ? { tableList: db.tables.map((t) => ({ tableName: t.source, targetTable: t.target })) } : {}
    }))
  };
}

// src/phases/task-phase.ts
var MAX_LISTED_TASKS = 1e4;
async function findOrCreateTask(ctx) {
  const definition = ctx.inputs.definition;
  if (!definition)
    return { ending: FINISHED, taskId: ctx.inputs.taskId, how: "given", taskName: "", calls: 0 };
  const phase = {
    ending: FINISHED,
    taskId: "",
    how: "found",
    taskName: definition.taskName,
    calls: 0
  };
  try {
    const found = await findTask(ctx, definition, phase);
    if (found) return { ...phase, taskId: found.taskId };
  } catch (error2) {
    const doing = "Listing NineData schema comparison tasks";
    return { ...phase, ending: failed(error2, doing, "Reading the task list", definition) };
  }
  try {
    return { ...phase, how: "created", taskId: await create(ctx, definition, phase) };
  } catch (error2) {
    const doing = `Creating schema comparison task ${visible(definition.taskName)}`;
    return { ...phase, how: "created", ending: failed(error2, doing, "Creating a task", definition) };
  }
}
async function findTask(ctx, definition, phase) {
  ctx.log.info(
    `Looking for schema comparison task ${visible(definition.taskName)} from ${definition.sourceDsId} to ${definition.targetDsId} (NineData's task list has no name filter: every page is read).`
  );
  const matches = [];
  let seen = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await listTasksPage(ctx.client, pageNumber);
    phase.calls++;
    if (page.total > MAX_LISTED_TASKS) throw tooManyTasks(page.total);
    matches.push(...page.tasks.filter((task) => isTheTask(task, definition)));
    seen += page.tasks.length;
    if (page.tasks.length < TASK_PAGE_SIZE || seen >= page.total) break;
  }
  return chooseTask(ctx, matches, definition, phase.calls);
}
function isTheTask(task, definition) {
  return task.taskName === definition.taskName && task.sourceDsId === definition.sourceDsId && task.targetDsId === definition.targetDsId;
}
function chooseTask(ctx, matches, definition, calls) {
  const periodic = matches.find((task2) => task2.periodic.toUpperCase() === "PERIODIC");
  if (periodic) {
    throw new EndingError({
      how: "error",
      message: `Schema comparison task ${periodic.taskId} has the name ${visible(definition.taskName)} and both datasources, but it is a scheduled (PERIODIC) task: running it would enable its schedule. Give another task-name, or that task's ID as task-id.`
    });
  }
  const oldestFirst = [...matches].sort(
    (a, b) => a.createTime.localeCompare(b.createTime) || a.taskId.localeCompare(b.taskId)
  );
  const task = oldestFirst[0];
  const read = `${plural(calls, "page")} of the task list read`;
  if (!task) return void ctx.log.info(`No task has that name and both datasources (${read}).`);
  if (matches.length > 1) {
    ctx.log.warning(
      `${matches.length} schema comparison tasks have the name ${visible(definition.taskName)} and both datasources (${oldestFirst.map((t) => t.taskId).join(", ")}): using the oldest, ${task.taskId}.`
    );
  }
  const byHand = definition.nameGiven ? " NineData does not list what a task compares: with a task-name of your own, change the name when databases or tables change." : "";
  ctx.log.info(
    `Found schema comparison task ${task.taskId} (${read}). Pin it as \`task-id: ${task.taskId}\` to skip this search.${byHand}`
  );
  return task;
}
async function create(ctx, definition, phase) {
  ctx.log.info(`Creating a one-time schema comparison task named ${visible(definition.taskName)}.`);
  phase.calls++;
  const created = await createTask(ctx.client, {
    taskName: definition.taskName,
    sourceDsId: definition.sourceDsId,
    targetDsId: definition.targetDsId,
    objectConfig: objectConfigOf(definition)
  });
  const note = created.call.unclearAttempts > 0 ? ` ${plural(created.call.unclearAttempts, "earlier attempt")} of the create call got no usable answer, so NineData may hold another task with this name; later runs use the oldest.` : "";
  ctx.log.info(
    `Created schema comparison task ${created.taskId} (requestId ${created.call.requestId || "none"}).${note} Later runs with the same definition find it by name; to skip that search, pin it as \`task-id: ${created.taskId}\` and drop source-datasource, target-datasource, databases, tables and task-name.`
  );
  return created.taskId;
}
function tooManyTasks(total) {
  return new EndingError({
    how: "error",
    message: `NineData lists ${total} schema comparison tasks, more than the ${MAX_LISTED_TASKS} this action reads to find one by name: give the task as task-id instead.`
  });
}
var PERMISSION_WORDS = /permission|denied|forbidden|unauthori[sz]ed|no privilege|权限/i;
function failed(error2, doing, needing, definition) {
  const ending = endingOf(error2, `${doing} failed`);
  if (ending.how !== "error" || !(error2 instanceof ApiError) || !PERMISSION_WORDS.test(error2.message))
    return ending;
  const named = [definition.sourceDsId, definition.targetDsId].filter(
    (id) => error2.message.includes(id)
  );
  const where = named.length === 1 ? `datasource ${named[0]}` : `both datasources (source ${definition.sourceDsId}, target ${definition.targetDsId})`;
  return {
    ...ending,
    hint: `${needing} needs NineData's SchemaCompare permission on ${where} for the AccessKey's user (NineData console: Permission, or the user's role). Or create the task in the console and give its ID as task-id.`
  };
}

// src/verdict/gate-verdict.ts
function gateVerdict(precheck, comparison, runComparison2) {
  if (!precheck.passed) {
    if (!runComparison2) return precheck;
    const unsoftened = precheck.softenedBy === "fail-on-failure" ? " fail-on-failure: false does not soften this: with run-comparison true, a precheck that did not pass means nothing was compared." : "";
    return {
      ...precheck,
      reason: `${precheck.reason} The comparison was not started (run-comparison is true).${unsoftened}`,
      softenedBy: void 0
    };
  }
  if (!comparison) return precheck;
  return {
    ...comparison,
    reason: `The precheck passed. ${comparison.reason}`,
    failedItems: precheck.failedItems
  };
}

// src/verdict/precheck-verdict.ts
function decidePrecheck(seen) {
  const { last, ending } = seen;
  const failedNow = last?.precheckItems.filter((i) => canonicalStatus(i.status) === "Failed") ?? [];
  const failedItems = [...failedNow, ...seen.failedEarlier];
  const verdict = (kind, reason, soft = false) => ({
    kind,
    passed: kind === "passed",
    reason,
    phase: "precheck",
    failedItems,
    ...soft ? { softenedBy: "fail-on-failure" } : {}
  });
  if (ending.how === "error") return verdict("error", ending.message);
  if (ending.how === "cancelled") {
    return verdict(
      "cancelled",
      `The wait was cancelled before the precheck finished.${lastSeen(last)}`
    );
  }
  const odd = last ? undocumented(last) : void 0;
  if (odd) return verdict("error", odd);
  if (seen.tooManyItems) {
    return verdict(
      "error",
      `NineData listed more than ${MAX_TRACKED_ITEMS} distinct check items across its answers: not a precheck this action can verify, so not a pass.`
    );
  }
  if (ending.how === "timeout" || !last) return verdict("timeout", timeoutReason(seen));
  if (seen.vanished.length > 0) return verdict("error", vanishedReason(seen.vanished));
  return finishedVerdict(last, failedNow, seen.failedEarlier, verdict);
}
function vanishedReason(vanished) {
  const were = vanished.length === 1 ? "was" : "were";
  return `NineData's last answer no longer lists ${plural(vanished.length, "check item")} that ${were} seen at an earlier poll: ${listLabels(vanished)}. Every item seen must end in Success, so this is not a pass.`;
}
function finishedVerdict(last, failedNow, earlier, verdict) {
  const overall = canonicalStatus(last.status);
  const total = last.precheckItems.length;
  const earlierText = earlier.length > 0 ? ` ${listLabels(earlier)} ${earlier.length === 1 ? "was" : "were"} seen Failed at an earlier poll and ${earlier.length === 1 ? "counts" : "count"} as failed, whatever NineData reports now.` : "";
  const failedCount = failedNow.length + earlier.length;
  const unfinished = last.precheckItems.filter((i) => !isFinalStatus(canonicalStatus(i.status)));
  const neverRan = unfinished.length > 0 ? ` ${plural(unfinished.length, "check item")} never reported a final status: ${listLabels(unfinished)}.` : "";
  const soft = failedCount > 0 && unfinished.length === 0;
  if (overall === "Failed") {
    const items = failedCount > 0 ? `${plural(failedCount, "check item")} of ${total} failed${failedNow.length ? `: ${listLabels(failedNow)}` : ""}.` : "NineData reported the overall status Failed without a failed check item.";
    return verdict("failed", `The precheck failed: ${items}${earlierText}${neverRan}`, soft);
  }
  if (overall === "Success" && failedCount > 0) {
    const named = failedNow.length ? `: ${listLabels(failedNow)}` : "";
    return verdict(
      "failed",
      `NineData reported Success, but ${plural(failedCount, "check item")} of ${total} failed${named}.${earlierText}${neverRan}`,
      soft
    );
  }
  if (overall === "Success" && unfinished.length === 0) {
    return verdict(
      "passed",
      total === 0 ? "The precheck passed: NineData reported Success and returned no check items." : `The precheck passed: NineData reported Success and ${total === 1 ? "the check item" : `all ${total} check items`} succeeded.`
    );
  }
  return verdict("error", `The precheck ended without a final status.${lastSeen(last)}`);
}
function undocumented(state) {
  if (itemsMissingAtEnd(state)) {
    return `NineData reported the overall status ${visible(state.status)} without a precheckItems list, so no check item can be verified. An answer this action does not understand is never a pass.`;
  }
  const overall = canonicalStatus(state.status) === void 0;
  const odd = oddItems(state);
  if (!overall && odd.length === 0) return void 0;
  const parts = [];
  if (overall) parts.push(`the overall status ${visible(state.status)}`);
  if (odd.length > 0) {
    const shown = odd.slice(0, LIMITS.namesInReason).map((item) => `${itemLabel(item)} (${visible(item.status)})`);
    const more = odd.length > shown.length ? ` and ${odd.length - shown.length} more` : "";
    parts.push(
      `${odd.length === 1 ? "the status of" : `the statuses of ${odd.length} check items:`} ${shown.join(", ")}${more}`
    );
  }
  return `NineData reported ${parts.join(" and ")}: not a status NineData documents (Unstarted, Running, Failed, Success). An answer this action does not understand is never a pass.`;
}
function timeoutReason(end) {
  const last = end.last;
  const head = `The precheck did not finish within timeout-seconds (${formatSeconds(end.timeoutMs)}).`;
  const raise = " Raise `timeout-seconds` to wait longer.";
  const outage = end.ending.how === "timeout" ? end.ending.outage : void 0;
  if (end.ending.how === "timeout" && end.ending.waitingFor) {
    return `No precheck was started within timeout-seconds (${formatSeconds(end.timeoutMs)}): ${end.ending.waitingFor}.${raise}`;
  }
  if (outage) {
    const down = formatDuration(end.endedAt - outage.sinceMs);
    return `${head} NineData gave no usable answer for the last ${down}; the last error: ${outage.lastError.message}.${lastSeen(last)}${raise}`;
  }
  if (last && canonicalStatus(last.status) === "Success") {
    const pending = last.precheckItems.filter((i) => !isFinalStatus(canonicalStatus(i.status)));
    return `${head} NineData reported Success, but ${plural(pending.length, "check item")} never reported a final status: ${listLabels(pending)}.${raise}`;
  }
  return `${head}${lastSeen(last)}${raise}`;
}
function lastSeen(last) {
  return last ? ` The last status seen was ${visible(last.status)}.` : " No status was seen.";
}
function listLabels(items, max = LIMITS.namesInReason) {
  const names = items.slice(0, max).map(itemLabel);
  const rest = items.length - names.length;
  return rest > 0 ? `${names.join(", ")} and ${rest} more` : names.join(", ");
}

// src/verdict/step-verdict.ts
function afterPrecheck(seen, runComparison2) {
  const precheck = decidePrecheck(seen);
  return { step: gateVerdict(precheck, void 0, runComparison2), precheck, runComparison: runComparison2 };
}
function comparisonMayStart(decided) {
  return decided.runComparison && decided.precheck.passed;
}
function afterComparison(decided, seen) {
  const comparison = decideComparison(seen);
  return {
    ...decided,
    step: gateVerdict(decided.precheck, comparison, decided.runComparison),
    comparison
  };
}
function beforeAnyPhase(ending, runComparison2) {
  return afterPrecheck(
    {
      ending,
      last: void 0,
      failedEarlier: [],
      vanished: [],
      tooManyItems: false,
      timeoutMs: 0,
      endedAt: 0
    },
    runComparison2
  );
}

// src/gate-run.ts
async function runGate(inputs, env) {
  const deadline = env.startedAt + inputs.timeoutMs;
  const client = clientFor(inputs, { ...env, deadline });
  try {
    const task = await findOrCreateTask({ ...env, inputs, client, deadline });
    if (task.ending.how !== "finished") {
      const precheck2 = notStarted(task, inputs.timeoutMs, env.time.now());
      const verdict2 = afterPrecheck(precheck2, inputs.runComparison);
      return { task, precheck: precheck2, verdict: verdict2, requestId: client.lastRequestId ?? "" };
    }
    const ctx = {
      ...env,
      inputs: { ...inputs, taskId: task.taskId },
      client,
      deadline
    };
    const precheck = await runPrecheck(ctx);
    const decided = afterPrecheck(precheck, inputs.runComparison);
    if (!comparisonMayStart(decided)) {
      return { task, precheck, verdict: decided, requestId: client.lastRequestId ?? "" };
    }
    const comparison = await runComparison(ctx);
    const verdict = afterComparison(decided, comparison);
    return { task, precheck, comparison, verdict, requestId: client.lastRequestId ?? "" };
  } finally {
    client.dispose();
  }
}
function notStarted(task, timeoutMs, endedAt) {
  const ending = task.ending.how === "timeout" ? {
    ...task.ending,
    waitingFor: `it was still looking for (or creating) the comparison task named "${task.taskName}"`
  } : task.ending;
  return {
    ending,
    precheckTaskId: "",
    last: void 0,
    failedEarlier: [],
    vanished: [],
    tooManyItems: false,
    timeoutMs,
    endedAt
  };
}

// src/inputs.ts
var REQUIRED_INPUTS = ["api-url", "access-key-id", "access-key-secret"];
var INPUT_DEFAULTS = {
  "task-id": "",
  comparison: "auto",
  "precheck-task-id": "",
  "source-datasource": "",
  "target-datasource": "",
  databases: "",
  tables: "",
  "task-name": "",
  "when-busy": "wait",
  "poll-interval-seconds": "5",
  "timeout-seconds": "900",
  "request-timeout-seconds": "30",
  "fail-on-failure": "true",
  "run-comparison": "false",
  "fail-on-difference": "true",
  "job-summary": "true",
  "pr-comment": "false",
  // action.yml's default is `${{ github.token }}`, which only a runner can fill in.
  "github-token": ""
};
var INPUT_NAMES = [
  .../* @__PURE__ */ new Set([...REQUIRED_INPUTS, ...Object.keys(INPUT_DEFAULTS)])
];
var SECONDS_RANGE = {
  // GitHub ends a job after 6 hours on hosted runners (and a workflow run after 35 days).
  "timeout-seconds": { min: 1, max: 35 * 24 * 3600, examples: "900 or 1800" },
  "poll-interval-seconds": { min: 0.1, max: 3600, examples: "5 or 0.5" },
  "request-timeout-seconds": { min: 1, max: 600, examples: "30 or 60" }
};
var FROM_SECRETS = /* @__PURE__ */ new Set(["access-key-id", "access-key-secret"]);
var EMPTY_SECRET_CAUSES = " A workflow run from a fork's pull request (or Dependabot's) gets no secrets, and a misspelled secret name gives an empty value: check the name in `secrets.` against the repository's or environment's secrets.";
var InputError = class extends Error {
  constructor(problems) {
    super(
      problems.length === 1 ? `Invalid input: ${problems[0]}` : `Invalid inputs:
${problems.map((p) => `- ${p}`).join("\n")}`
    );
    this.problems = problems;
    this.name = "InputError";
  }
  problems;
};
var TRUE_WORDS = ["true", "True", "TRUE"];
var FALSE_WORDS = ["false", "False", "FALSE"];
var KIND_PREFIX = { schema: "cc-", data: "cd-" };
function parseInputs(get, repository = process.env["GITHUB_REPOSITORY"] ?? "") {
  const problems = [];
  const read = (name) => {
    const value = (get(name) ?? "").trim();
    return value === "" ? INPUT_DEFAULTS[name] ?? "" : value;
  };
  const required = (name) => {
    const value = read(name);
    if (value === "")
      problems.push(
        `\`${name}\` is required but was empty or not set.${FROM_SECRETS.has(name) ? EMPTY_SECRET_CAUSES : ""}`
      );
    return value;
  };
  const apiUrl = parseApiUrl(required("api-url"), problems);
  const accessKeyId = checkId("access-key-id", required("access-key-id"), problems);
  const accessKeySecret = required("access-key-secret");
  const taskId = checkId("task-id", read("task-id"), problems);
  const precheckTaskId = checkId("precheck-task-id", read("precheck-task-id"), problems);
  const definition = readDefinition(read, taskId, precheckTaskId, repository, problems);
  const inputs = {
    apiUrl,
    accessKeyId,
    accessKeySecret,
    taskId,
    definition,
    whenBusy: parseWhenBusy(read("when-busy"), problems),
    comparison: parseComparison(read("comparison"), taskId, problems),
    precheckTaskId,
    timeoutMs: seconds("timeout-seconds", read("timeout-seconds"), problems),
    pollIntervalMs: seconds("poll-interval-seconds", read("poll-interval-seconds"), problems),
    requestTimeoutMs: seconds("request-timeout-seconds", read("request-timeout-seconds"), problems),
    failOnFailure: bool("fail-on-failure", read("fail-on-failure"), problems),
    runComparison: bool("run-comparison", read("run-comparison"), problems),
    failOnDifference: bool("fail-on-difference", read("fail-on-difference"), problems),
    jobSummary: bool("job-summary", read("job-summary"), problems),
    prComment: bool("pr-comment", read("pr-comment"), problems),
    githubToken: read("github-token")
  };
  checkSwappedIds(taskId, precheckTaskId, problems);
  if (problems.length > 0) throw new InputError(problems);
  return inputs;
}
var DEFINITION_INPUTS = [
  "source-datasource",
  "target-datasource",
  "databases",
  "tables",
  "task-name"
];
function readDefinition(read, taskId, precheckTaskId, repository, problems) {
  const given = DEFINITION_INPUTS.filter((name) => read(name) !== "");
  if (given.length === 0) {
    if (taskId === "")
      problems.push(
        "`task-id` is required, or instead `source-datasource`, `target-datasource` and `databases` (the task is then found by name or created)."
      );
    return void 0;
  }
  if (taskId !== "") {
    problems.push(
      `\`task-id\` and ${given.map((n) => `\`${n}\``).join(", ")} were both given: name the task one way only (task-id, or the datasources with databases).`
    );
    return void 0;
  }
  if (precheckTaskId !== "")
    problems.push("`precheck-task-id` follows a precheck of a `task-id`: give task-id with it.");
  if (read("comparison") === "data") {
    problems.push(
      "`comparison: data` with datasources: NineData documents no way to list data comparison tasks, so every run would create a new task in your console. Create the data comparison task once and give its cd-... ID as `task-id`."
    );
  }
  return parseDefinition(
    {
      sourceDatasource: read("source-datasource"),
      targetDatasource: read("target-datasource"),
      databases: read("databases"),
      tables: read("tables"),
      taskName: read("task-name"),
      repository
    },
    problems
  );
}
function parseWhenBusy(raw, problems) {
  if (raw === "wait" || raw === "fail") return raw;
  problems.push(`\`when-busy\` must be wait or fail, got ${visible(raw)}.`);
  return "wait";
}
function checkId(name, value, problems) {
  const problem = value === "" ? void 0 : idProblem(value);
  if (problem) problems.push(`\`${name}\` ${visible(value)} is not a valid ID: ${problem}.`);
  return value;
}
function checkSwappedIds(taskId, precheckTaskId, problems) {
  if (/^pcte-/i.test(taskId)) {
    problems.push(
      `\`task-id\` ${visible(taskId)} looks like a precheck ID (pcte-...): task-id takes the comparison task (cc-... or cd-...); a precheck to follow goes in precheck-task-id.`
    );
  }
  if (/^c[cd]-/i.test(precheckTaskId)) {
    problems.push(
      `\`precheck-task-id\` ${visible(precheckTaskId)} looks like a comparison task ID: put it in task-id, and leave precheck-task-id empty to start a new precheck.`
    );
  }
}
function parseComparison(raw, taskId, problems) {
  const fromPrefix = Object.keys(KIND_PREFIX).find(
    (kind) => taskId.toLowerCase().startsWith(KIND_PREFIX[kind])
  );
  if (raw === "schema" || raw === "data") {
    if (fromPrefix && fromPrefix !== raw) {
      problems.push(
        `\`comparison\` is "${raw}", but \`task-id\` ${visible(taskId)} is a ${fromPrefix} comparison task (${KIND_PREFIX[fromPrefix]}...): set comparison to ${fromPrefix} or auto, or check task-id.`
      );
    }
    return raw;
  }
  if (raw !== "auto") {
    problems.push(`\`comparison\` must be schema, data or auto, got ${visible(raw)}.`);
    return "schema";
  }
  if (!fromPrefix && taskId !== "" && !/^pcte-/i.test(taskId)) {
    problems.push(
      `\`comparison\` is auto, but \`task-id\` ${visible(taskId)} starts with neither cc- (schema comparison) nor cd- (data comparison): check task-id, or set comparison to schema or data.`
    );
  }
  return fromPrefix ?? "schema";
}
function seconds(name, raw, problems) {
  const { min, max, examples } = SECONDS_RANGE[name];
  if (!/^(\d{1,12}(\.\d{0,9})?|\.\d{1,9})$/.test(raw)) {
    problems.push(
      `\`${name}\` must be a number of seconds (e.g. ${examples}), got ${visible(raw)}.`
    );
    return NaN;
  }
  const value = Number(raw);
  if (value < min) problems.push(`\`${name}\` must be at least ${min} seconds, got "${raw}".`);
  else if (value > max) problems.push(`\`${name}\` must be at most ${max} seconds, got "${raw}".`);
  return Math.round(value * 1e3);
}
function bool(name, raw, problems) {
  if (TRUE_WORDS.includes(raw)) return true;
  if (FALSE_WORDS.includes(raw)) return false;
  problems.push(`\`${name}\` must be true or false, got ${visible(raw)}.`);
  return true;
}
function withoutUserinfo(raw) {
  const at = raw.lastIndexOf("@");
  if (at < 0) return raw;
  const prefix = /^(?:[a-z][a-z0-9+.-]*:[/\\]+|https?:)?[/\\]*/i.exec(raw)?.[0] ?? "";
  return at < prefix.length ? raw : `${prefix}***${raw.slice(at)}`;
}
function parseApiUrl(raw, problems) {
  if (raw === "") return "";
  const shown = visible(withoutUserinfo(raw));
  if (/^https?:\/?(?!\/)/i.test(raw)) {
    problems.push(
      `\`api-url\` ${shown} needs two slashes after the scheme, e.g. https://ninedata.example.com.`
    );
    return "";
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    problems.push(
      `\`api-url\` ${shown} has no scheme: add https:// (or http://) in front, e.g. https://${withoutUserinfo(raw).replace(/^\/+/, "")}.`
    );
    return "";
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    problems.push(
      `\`api-url\` ${shown} is not a valid URL; expected e.g. https://ninedata.example.com.`
    );
    return "";
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    problems.push(`\`api-url\` must start with https:// or http://, got ${visible(url.protocol)}.`);
  } else if (url.username || url.password) {
    problems.push(
      "`api-url` must not contain a user name or password; use access-key-id and access-key-secret."
    );
  } else if (url.search || url.hash) {
    problems.push("`api-url` must be a base URL without a query string or fragment.");
  } else if (/\/openapi(\/|$)/i.test(path)) {
    problems.push(
      `\`api-url\` must be the base URL without the API path: drop "${path.slice(path.toLowerCase().indexOf("/openapi"))}" (use ${url.origin}${path.slice(0, path.toLowerCase().indexOf("/openapi"))}); the action adds /openapi/v1/... itself.`
    );
  }
  return `${url.origin}${path}`;
}
function wantsJobSummary(get) {
  return !FALSE_WORDS.includes((get("job-summary") ?? "").trim());
}
function stepSecrets(get) {
  const raw = [get("access-key-secret") ?? ""];
  if (!FALSE_WORDS.includes((get("pr-comment") ?? "").trim())) raw.push(get("github-token") ?? "");
  return [...new Set(raw.flatMap((s) => [s, s.trim()]).filter((s) => s !== ""))];
}

// src/safe-log.ts
var SafeLog = class {
  constructor(safe, sink) {
    this.safe = safe;
    this.sink = sink;
  }
  safe;
  sink;
  info(message) {
    this.sink.info(this.safe.line(message));
  }
  warning(message) {
    this.sink.warning(this.safe.line(message));
  }
  /** An error annotation of its own, for a problem that is one of several (the step's failure says the whole). */
  error(message, title) {
    this.sink.error(this.safe.line(message), this.safe.line(title, LIMITS.name));
  }
  debug(message) {
    this.sink.debug(this.safe.line(message));
  }
  /** A collapsed group of lines that are already safe (see report/log-lines.ts). */
  group(title, lines) {
    if (lines.length === 0) return;
    this.sink.group(this.safe.line(title, LIMITS.name), lines);
  }
};

// src/gate-step.ts
async function runStep(get, log, env, options = {}) {
  let inputs;
  try {
    inputs = checkedInputs(get, options.usage ?? []);
    const gate = await runGate(inputs, { log, ...env, correctionSql: options.correctionSql });
    return { inputs, gate, decided: gate.verdict };
  } catch (error2) {
    if (error2 instanceof InputError) {
      if (error2.problems.length > 1)
        for (const problem of error2.problems)
          log.error(`Invalid input: ${problem}`, "Invalid input");
      return {
        ...refused(void 0, { how: "error", message: error2.message }),
        inputsRefused: true
      };
    }
    if (error2 instanceof Error && error2.stack) log.debug(error2.stack);
    return refused(inputs, crashEnding(error2));
  }
}
function refused(inputs, ending) {
  return {
    inputs,
    refused: ending,
    decided: beforeAnyPhase(ending, inputs?.runComparison ?? false)
  };
}
function openLog(surface, secrets) {
  for (const secret of secrets) surface.maskSecret(secret);
  process.stdout.on("error", () => void 0);
  process.stderr.on("error", () => void 0);
  return new SafeLog(new SafeText(secrets), surface);
}
function warnIfShortSecret(log, accessKeySecret) {
  const secret = accessKeySecret.trim();
  if (secret && secret.length < 8) {
    log.warning(
      "access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read."
    );
  }
}
function checkedInputs(get, usage) {
  let inputs;
  try {
    inputs = parseInputs(get);
  } catch (error2) {
    if (error2 instanceof InputError) throw new InputError([...usage, ...error2.problems]);
    throw error2;
  }
  if (usage.length > 0) throw new InputError([...usage]);
  return inputs;
}

// src/pull-request/pr-comment.ts
async function commentOnPullRequest(report, options) {
  if (!options.enabled) return { action: "off" };
  const token = options.token.trim();
  if (token) setSecret(token);
  try {
    const { postComment } = await import("./comment-post-R6PFTYCX.js");
    return await postComment(report, options);
  } catch (error2) {
    const safe = new SafeText([...options.secrets ?? [], token].filter(Boolean));
    const why = errorMessage(error2);
    warning(safe.line(`No pull request comment: ${why}. The verdict is unchanged.`));
    return { action: "failed" };
  }
}

// src/report/correction-sql-writer.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var import_node_os = __toESM(require_node_os(), 1);
var import_node_path = __toESM(require_node_path(), 1);

// src/report/report-file.ts
function fileNamePart(id, safe, fallback) {
  const part = id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 128);
  return part && safe.value(id) === id && safe.value(part) === part ? part : fallback;
}
function reportFileName(report, safe) {
  return `ninedata-precheck-${fileNamePart(report.precheckTaskId, safe, "report")}.json`;
}
function reportFileParts(report, safe) {
  const entries = report.run ? runEntries(report.run) : [];
  if (entries.length === 0) return [safe.json(reportRecord(report, entries))];
  const head = safe.json(reportRecord(report, []));
  if (!head.endsWith("[]}}")) return [safe.json(reportRecord(report, entries))];
  return safe.jsonParts(head.slice(0, -3), entries, head.slice(-3));
}
function reportRecord(report, entries) {
  const { verdict, state } = report;
  return {
    taskId: report.taskId,
    ...report.taskSource ? { task: report.taskSource } : {},
    precheckTaskId: report.precheckTaskId,
    comparison: report.comparison ?? null,
    status: state?.status ?? null,
    items: state?.precheckItems.map((item) => item.raw) ?? [],
    failedItems: verdict.failedItems.map((item) => item.raw),
    verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
    requestId: report.requestId || null,
    durationMs: report.durationMs,
    ...report.run ? { comparisonRun: runSection(report.run, entries) } : {}
  };
}
function runSection(run2, entries) {
  const { seen, differences, verdict } = run2;
  const results = seen.results;
  return {
    execId: seen.execId || null,
    status: seen.last?.status ?? null,
    state: seen.last?.raw ?? null,
    verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
    differenceCount: differences?.count ?? null,
    stop: seen.stop ?? null,
    ...seen.correctionSqlFile ? { correctionSqlFile: seen.correctionSqlFile } : {},
    ...results?.kind === "schema" ? { total: results.total, objects: entries } : {},
    ...results?.kind === "data" ? {
      totalTableCount: results.totalTableCount,
      diffTableCount: results.diffTableCount,
      tables: entries
    } : {}
  };
}
function runEntries(run2) {
  const results = run2.seen.results;
  if (results?.kind === "schema") {
    return results.objects.map((o) => ({
      progressId: o.progressId,
      result: o.raw,
      correctSql: o.correctSql ?? null,
      ...o.correctSqlLength !== void 0 ? { correctSqlLength: o.correctSqlLength, correctSqlCut: true } : {},
      ...o.unreadable !== void 0 ? { unreadable: o.unreadable } : {}
    }));
  }
  if (results?.kind === "data") {
    return results.tables.map((t) => ({
      progressId: t.progressId,
      result: t.raw,
      differences: t.differences ?? null,
      ...t.unreadable !== void 0 ? { unreadable: t.unreadable } : {}
    }));
  }
  return [];
}

// src/report/correction-sql-file.ts
var HEADER_BYTES = 640;
function correctionSqlFileName(execId, safe, state) {
  const run2 = fileNamePart(execId, safe, "run");
  const suffix = state === "complete" ? "" : state === "partial" ? ".partial" : ".INCOMPLETE";
  return `ninedata-correction-${run2}${suffix}.sql`;
}
var REVIEW = "-- Review before running: it makes the target match the source.";
function headerWhileWriting(execId) {
  return padHeader([
    `-- INCOMPLETE: correction SQL of comparison run ${idText2(execId)} from NineData, still being written.`,
    "-- Do not apply it: if this line is still here, the step ended before the file was finished."
  ]);
}
function finalHeader(execId, objects, missing) {
  const run2 = `comparison run ${idText2(execId)}`;
  if (!missing) {
    return padHeader([
      `-- Correction SQL from NineData: ${plural(objects, "differing object")} of ${run2}.`,
      "-- COMPLETE: the SQL of every object of the run that differs.",
      REVIEW
    ]);
  }
  return padHeader([
    `-- INCOMPLETE: NOT the whole correction SQL of ${run2}. Do not apply it as a fix.`,
    `-- It holds the SQL of ${plural(objects, "differing object")}; ${missingLine(missing)}`,
    REVIEW
  ]);
}
function footer(objects, missing) {
  return missing ? `
-- END: INCOMPLETE (${missingLine(missing)})
` : `
-- END: COMPLETE, ${plural(objects, "differing object")}.
`;
}
function missingLine(missing) {
  const shown = missing.progressIds.slice(0, 10).map(idText2);
  const more = missing.count - shown.length;
  const ids = shown.length ? `: progressId ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "";
  return `${missing.count} of ${missing.of} objects are missing (${missing.why})${ids}.`;
}
function sqlEntryParts(object, sql, safe) {
  const name = safe.line(objectLabel(object), LIMITS.name);
  const text2 = safe.value(sql);
  const head = `
-- progressId ${safe.line(object.progressId, LIMITS.id)}: ${name}
`;
  return text2.endsWith("\n") ? [head, text2] : [head, text2, "\n"];
}
function idText2(id) {
  return /^\d{1,40}$/.test(id) ? id : "(unnamed)";
}
function padHeader(lines) {
  let text2 = `${lines.join("\n")}
`;
  while (Buffer.byteLength(text2) > HEADER_BYTES - 4) text2 = `${text2.slice(0, -40)}
`;
  return `${text2}--${" ".repeat(HEADER_BYTES - Buffer.byteLength(text2) - 3)}
`;
}

// src/report/correction-sql-writer.ts
function correctionSqlFiles(safe, folder = runnerTemp()) {
  return (execId) => new CorrectionSqlWriter(safe, folder, execId);
}
function runnerTemp() {
  return process.env["RUNNER_TEMP"] || (0, import_node_os.tmpdir)();
}
var CorrectionSqlWriter = class {
  constructor(safe, folder, execId) {
    this.safe = safe;
    this.folder = folder;
    this.execId = execId;
  }
  safe;
  folder;
  execId;
  fd;
  objects = 0;
  failed;
  path(state) {
    return (0, import_node_path.join)(this.folder, correctionSqlFileName(this.execId, this.safe, state));
  }
  add(object, sql) {
    if (this.failed !== void 0) return;
    try {
      if (this.fd === void 0) {
        (0, import_node_fs.mkdirSync)(this.folder, { recursive: true });
        this.fd = (0, import_node_fs.openSync)(this.path("partial"), "w");
        (0, import_node_fs.writeSync)(this.fd, headerWhileWriting(this.execId));
      }
      for (const part of sqlEntryParts(object, sql, this.safe)) (0, import_node_fs.writeSync)(this.fd, part);
      this.objects++;
    } catch (error2) {
      this.failed = error2.message;
    }
  }
  finish(missing) {
    if (this.fd === void 0 && this.failed === void 0) return void 0;
    const complete = missing === void 0 && this.failed === void 0;
    const facts = {
      path: this.path(complete ? "complete" : "incomplete"),
      complete,
      objects: this.objects,
      missing: missing ? `${missing.count} of ${missing.of} objects (${missing.why})` : ""
    };
    if (this.failed !== void 0) {
      this.close();
      return { ...facts, path: this.path("partial"), failed: this.failed };
    }
    try {
      const fd = this.fd;
      (0, import_node_fs.writeSync)(fd, footer(this.objects, missing));
      (0, import_node_fs.writeSync)(fd, finalHeader(this.execId, this.objects, missing), 0);
      (0, import_node_fs.closeSync)(fd);
      this.fd = void 0;
      (0, import_node_fs.renameSync)(this.path("partial"), facts.path);
      return facts;
    } catch (error2) {
      this.close();
      return {
        ...facts,
        complete: false,
        path: this.path("partial"),
        failed: error2.message
      };
    }
  }
  close() {
    try {
      if (this.fd !== void 0) (0, import_node_fs.closeSync)(this.fd);
    } catch {
    }
    this.fd = void 0;
  }
};

// src/report/publish-report.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
var import_node_path2 = __toESM(require_node_path(), 1);

// src/report/annotations.ts
var ANNOTATIONS_SHOWN_PER_STEP = 10;
function annotationOf(finding, level, safe) {
  if ("item" in finding) {
    const { item } = finding;
    const message2 = item.errorMessage.trim() ? safe.line(item.errorMessage, LIMITS.message) : "NineData gave no reason for this failure.";
    return { level, title: safe.line(itemLabel(item), LIMITS.name), message: message2 };
  }
  const { entry } = finding;
  const message = entry.kind === "table" ? `${entry.differences === void 0 ? "Some records differ" : recordsDiffer(entry.differences)} between source and target.` : "Source and target differ; the correction-sql-file output has the SQL that makes the target match.";
  return { level, title: `Differs: ${safe.line(objectLabel(entry), LIMITS.name)}`, message };
}
function planAnnotations(report, safe) {
  const findings = [
    ...report.verdict.failedItems.map((item) => ({ item })),
    ...(report.run?.differences?.differing ?? []).map((entry) => ({ entry }))
  ];
  if (findings.length === 0) return [];
  const fails = stepFails(report);
  const level = fails ? "error" : "warning";
  const room = ANNOTATIONS_SHOWN_PER_STEP - (fails ? 1 : 0);
  if (findings.length <= room) return findings.map((f) => annotationOf(f, level, safe));
  const shown = findings.slice(0, room - 1).map((f) => annotationOf(f, level, safe));
  const rest = findings.length - shown.length;
  const onlyItems = findings.every((f) => "item" in f);
  shown.push(
    onlyItems ? {
      level,
      title: plural(rest, "more failed check item"),
      message: `${plural(rest, "more check item")} failed; the job summary lists the failed items first, and the report-file output has every item.`
    } : {
      level,
      title: plural(rest, "more finding"),
      message: `${plural(rest, "more failed check item or difference", "more failed check items or differences")}; the job summary lists them first, and the report-file output has every result.`
    }
  );
  return shown;
}

// src/report/outputs.ts
var JSON_OUTPUT_BUDGET_BYTES = 1e5;
function jsonArrayWithin(items, budget, safe) {
  const parts = [];
  let size = 2;
  for (const item of items) {
    const plain = JSON.stringify(item.raw);
    if (plain.length > 4 * budget) break;
    const json = safe.json(item.raw, plain);
    const extra = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
    if (size + extra > budget) break;
    parts.push(json);
    size += extra;
  }
  return { json: `[${parts.join(",")}]`, kept: parts.length };
}
function scalar(safe, text2) {
  return shorten(safe.value(text2), LIMITS.outputValue);
}
function planOutputs(report, safe, budget = JSON_OUTPUT_BUDGET_BYTES) {
  const values = {};
  const truncated = [];
  if (report.taskId) values["task-id"] = scalar(safe, report.taskId);
  if (report.precheckTaskId) values["precheck-task-id"] = scalar(safe, report.precheckTaskId);
  if (report.requestId) values["request-id"] = scalar(safe, report.requestId);
  const state = report.state;
  values["status"] = scalar(safe, state?.status ?? "");
  if (report.run) Object.assign(values, runOutputs(report.run, safe));
  if (!state) return { values, truncated };
  values["item-count"] = String(state.precheckItems.length);
  values["failed-count"] = String(report.verdict.failedItems.length);
  for (const [name, list] of [
    ["items", state.precheckItems],
    ["failed-items", report.verdict.failedItems]
  ]) {
    const { json, kept } = jsonArrayWithin(list, budget, safe);
    values[name] = json;
    if (kept < list.length) truncated.push({ name, kept, total: list.length });
  }
  return { values, truncated };
}
function runOutputs(run2, safe) {
  const { seen, differences } = run2;
  const values = {};
  if (!seen.execId) return values;
  values["comparison-exec-id"] = scalar(safe, seen.execId);
  values["comparison-status"] = scalar(safe, seen.last?.status ?? "");
  const finished = canonicalRunStatus(seen.last?.status ?? "") === "success";
  if (seen.kind === "data" && finished && seen.last?.rows) {
    const rows = seen.last.rows;
    const counts2 = [
      ["difference-rows", rows.differenceRows],
      ["only-source-rows", rows.onlySourceRows],
      ["only-target-rows", rows.onlyTargetRows],
      ["skipped-tables", rows.skippedTables]
    ];
    for (const [name, n] of counts2) if (n !== void 0) values[name] = String(n);
  }
  if (!countedDifferences(run2) || !differences || !seen.results) return values;
  values["difference-count"] = String(differences.count);
  if (seen.results.kind === "schema") {
    values["different-objects"] = String(differences.differing.length);
  } else {
    values["different-tables"] = String(seen.results.diffTableCount);
  }
  return values;
}

// src/report/log-lines.ts
function itemLines(state, safe, max = LIMITS.logItems) {
  const ordered = orderForReport(state.precheckItems);
  const lines = ordered.slice(0, max).map((item) => {
    const id = item.precheckItem ? ` [${safe.line(item.precheckItem, LIMITS.id)}]` : "";
    const reason = item.errorMessage.trim() ? ` \u2014 ${safe.line(item.errorMessage, LIMITS.message)}` : "";
    return `${safe.line(item.status || "(no status)", LIMITS.id)}: ${safe.line(itemLabel(item), LIMITS.name)}${id}${reason}`;
  });
  const left = state.precheckItems.length - lines.length;
  if (left > 0) {
    lines.push(
      `\u2026 and ${plural(left, "more check item")}, left out to keep the log readable: the report-file output has every item.`
    );
  }
  return lines;
}
function differenceLines(differences, safe, max = LIMITS.logItems) {
  const lines = differences.differing.slice(0, max).map((entry) => {
    const detail = entry.kind === "table" ? entry.differences === void 0 ? "differing records not counted" : plural(entry.differences, "differing record") : `correction SQL of ${plural(entry.correctSqlLength ?? (entry.correctSql ?? "").length, "character")}`;
    return `Differs: ${safe.line(objectLabel(entry), LIMITS.name)} [progressId ${safe.line(entry.progressId, LIMITS.id)}] \u2014 ${detail}`;
  });
  const left = differences.differing.length - lines.length;
  if (left > 0) {
    lines.push(`\u2026 and ${left} more: the report-file output has every result.`);
  }
  return lines;
}

// src/report/junit-report.ts
var JUNIT_BUDGET_BYTES = 4 * 1024 * 1024;
var RESERVED_BYTES = 128 * 1024;
function junitFileName(report, safe) {
  return `ninedata-junit-${fileNamePart(report.precheckTaskId, safe, "report")}.xml`;
}
function junitReportParts(report, safe, budget = JUNIT_BUDGET_BYTES) {
  const suites = [precheckSuite(report)];
  if (report.run) suites.push(comparisonSuite(report));
  let room = budget - RESERVED_BYTES;
  const rendered = suites.map((suite) => {
    const kept = [];
    const counts2 = { tests: 1, failures: 0, errors: 0 };
    const count2 = (c) => {
      if (c.outcome === "failure") counts2.failures++;
      if (c.outcome === "error") counts2.errors++;
    };
    count2(suite.verdict);
    let index = 0;
    for (; index < suite.cases.length; index++) {
      const testCase = suite.cases[index];
      const xml = renderCase(testCase, suite.classname, safe);
      const size = Buffer.byteLength(xml);
      if (size > room) break;
      room -= size;
      kept.push(xml);
      counts2.tests++;
      count2(testCase);
    }
    const left = suite.cases.slice(index);
    if (left.length > 0) {
      const closing = leftOutCase(left, suite.what);
      kept.push(renderCase(closing, suite.classname, safe));
      counts2.tests++;
      count2(closing);
    }
    const verdict = renderCase(suite.verdict, suite.classname, safe);
    return { suite, counts: counts2, body: [verdict, ...kept] };
  });
  return document(report, rendered, safe);
}
function document(report, rendered, safe) {
  const time = (report.durationMs / 1e3).toFixed(3);
  const total = { tests: 0, failures: 0, errors: 0 };
  for (const { counts: counts2 } of rendered) {
    total.tests += counts2.tests;
    total.failures += counts2.failures;
    total.errors += counts2.errors;
  }
  const attrs = (c) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0"`;
  const suites = rendered.flatMap(({ suite, counts: counts2, body }) => [
    `  <testsuite name="${attr(safe, suite.name)}" ${attrs(counts2)} time="${time}">
`,
    ...body,
    "  </testsuite>\n"
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<testsuites name="NineData precheck gate" ${attrs(total)} time="${time}">
`,
    ...suites,
    "</testsuites>\n"
  ];
}
var attr = (safe, text2, max = LIMITS.name) => safe.xml(text2, max, true);
function renderCase(testCase, classname, safe) {
  const head = `    <testcase classname="${attr(safe, classname)}" name="${attr(safe, testCase.name)}"`;
  if (testCase.outcome === "passed") {
    const out = testCase.text ? `<system-out>${safe.xml(testCase.text, LIMITS.reason)}</system-out>` : "";
    return out ? `${head}>${out}</testcase>
` : `${head}/>
`;
  }
  const message = attr(safe, testCase.message ?? "", LIMITS.description);
  const text2 = safe.xml(testCase.text ?? "", testCase.textMax ?? LIMITS.message);
  const tag = testCase.outcome;
  return `${head}>
      <${tag} message="${message}" type="${tag === "failure" ? "Failed" : "NotVerified"}">${text2}</${tag}>
    </testcase>
`;
}
function verdictCase(name, verdict, fails, hint) {
  const reason = hint ? `${verdict.reason} ${hint}` : verdict.reason;
  if (verdict.passed || !fails) return { name, outcome: "passed", text: reason };
  const outcome = verdict.kind === "failed" ? "failure" : "error";
  return { name, outcome, message: reason, text: reason, textMax: LIMITS.reason };
}
function leftOutCase(left, what) {
  const outcome = left.some((c) => c.outcome === "failure") ? "failure" : left.some((c) => c.outcome === "error") ? "error" : "passed";
  const failing = left.filter((c) => c.outcome !== "passed").length;
  const text2 = `${plural(left.length, `more ${what.replace(/s$/, "")}`, `more ${what}`)} (${failing} of them not passed) left out to keep this file under ${JUNIT_BUDGET_BYTES / 1024 / 1024} MiB: the report file has every one.`;
  return { name: `${left.length} more ${what}`, outcome, message: text2, text: text2 };
}
function precheckSuite(report) {
  const onPrecheck = report.verdict.phase === "precheck";
  const verdict = onPrecheck ? verdictCase("Precheck verdict", report.verdict, stepFails(report), report.hint) : { name: "Precheck verdict", outcome: "passed", text: "The precheck passed." };
  const items = report.state ? orderForReport(report.state.precheckItems) : [];
  const failedNow = new Set(items.filter((i) => canonicalStatus(i.status) === "Failed"));
  const earlier = report.verdict.failedItems.filter((i) => !failedNow.has(i));
  return {
    name: `NineData precheck ${report.precheckTaskId || "(not started)"} of task ${report.taskId}`,
    classname: `ninedata.precheck.${report.taskId || "task"}`,
    verdict,
    cases: [
      ...items.map(itemCase),
      ...earlier.map(
        (i) => seenCase(
          i,
          "failure",
          "seen Failed at an earlier poll: it counts as failed, whatever NineData reports now"
        )
      ),
      ...report.vanished.map(
        (i) => seenCase(i, "error", "listed at an earlier poll, no longer listed in the last answer")
      )
    ],
    what: "check items"
  };
}
function caseName(item) {
  return item.precheckItem ? `${itemLabel(item)} [${item.precheckItem}]` : itemLabel(item);
}
function itemCase(item) {
  const status = canonicalStatus(item.status);
  const said = item.errorMessage.trim();
  if (status === "Success") return { name: caseName(item), outcome: "passed" };
  if (status === "Failed") {
    const message2 = said || "NineData gave no reason for this failure.";
    return { name: caseName(item), outcome: "failure", message: message2, text: message2 };
  }
  const message = `No final status: NineData reported ${item.status ? visible(item.status) : "no status"}.${said ? ` ${said}` : ""}`;
  return { name: caseName(item), outcome: "error", message, text: message };
}
function seenCase(item, outcome, why) {
  const said = item.errorMessage.trim();
  const message = `${itemLabel(item)} was ${why}.${said ? ` ${said}` : ""}`;
  return { name: `${caseName(item)} (earlier answer)`, outcome, message, text: message };
}
function comparisonSuite(report) {
  const run2 = report.run;
  if (!run2) throw new Error("comparisonSuite needs a run");
  const results = run2.seen.results;
  const entries = results?.kind === "schema" ? results.objects : results?.tables ?? [];
  const execId = run2.seen.execId || "(not started)";
  return {
    name: `NineData ${run2.seen.kind} comparison run ${execId} of task ${report.taskId}`,
    classname: `ninedata.comparison.${report.taskId || "task"}`,
    verdict: verdictCase("Comparison run verdict", run2.verdict, stepFails(report), report.hint),
    cases: entries.map(resultCase),
    what: "results"
  };
}
function resultCase(entry) {
  const name = `${objectLabel(entry)} [progressId ${entry.progressId}]`;
  if (entry.unreadable !== void 0) {
    const message = `The result could not be read, so it is not verified: ${entry.unreadable}`;
    return { name, outcome: "error", message, text: message };
  }
  if ("tableName" in entry) {
    if ((entry.differences ?? 0) === 0) return { name, outcome: "passed" };
    const message = `${recordsDiffer(entry.differences ?? 0)} between source and target.`;
    return { name, outcome: "failure", message, text: message };
  }
  if (entry.correctSql === void 0) {
    const message = "The correction SQL could not be read, so this object is not verified.";
    return { name, outcome: "error", message, text: message };
  }
  if (entry.correctSql === "") return { name, outcome: "passed" };
  return {
    name,
    outcome: "failure",
    message: "Source and target differ; the text is the SQL that makes the target match.",
    text: entry.correctSql,
    textMax: LIMITS.sql
  };
}

// src/report/publish-report.ts
var WRITE_BATCH = 64 * 1024;
async function publishReport(report, log, surface, writeSummary) {
  try {
    logGroups(report, log);
    setOutputs(report, log, surface);
    for (const annotation of planAnnotations(report, log.safe))
      surface.annotate(annotation.level, annotation.title, annotation.message);
    if (writeSummary) await writeJobSummary(report, log, surface);
    conclude(report, log, surface);
    return true;
  } catch (error2) {
    await publishCrash(error2, log, surface);
    return false;
  }
}
function logGroups(report, log) {
  const state = report.state;
  if (state) {
    const title = `All ${plural(state.precheckItems.length, "check item")} of precheck ${state.precheckTaskId}`;
    log.group(title, itemLines(state, log.safe));
  }
  const run2 = report.run;
  if (run2?.differences && run2.differences.differing.length > 0) {
    const title = `Differences found by comparison run ${run2.seen.execId}`;
    log.group(title, differenceLines(run2.differences, log.safe));
  }
}
async function publishCrash(error2, log, surface) {
  const message = `The action crashed while writing its report: ${errorMessage(error2)}`;
  surface.fail(log.safe.line(message));
  try {
    await surface.writeSummary(
      `## \u274C NineData precheck gate crashed

<p>${log.safe.html(message, LIMITS.reason)}</p>
`
    );
  } catch {
  }
}
function setOutputs(report, log, surface) {
  const { values, truncated } = planOutputs(report, log.safe);
  const write = (kind, what, name, parts) => writeFile(what, surface.reportPath(kind, name), parts, log);
  if (report.state || report.run) {
    const parts = reportFileParts(report, log.safe);
    const file = write("report", "report file", reportFileName(report, log.safe), parts);
    if (file) values["report-file"] = log.safe.value(file);
  }
  const sqlFile = report.run && correctionSqlOutput(report.run, log, surface);
  if (sqlFile) values["correction-sql-file"] = sqlFile;
  const junit = junitReportParts(report, log.safe);
  const junitFile = write("junit", "JUnit report", junitFileName(report, log.safe), junit);
  if (junitFile) values["junit-file"] = log.safe.value(junitFile);
  const failed2 = [];
  for (const [name, value] of Object.entries(values)) {
    try {
      surface.setOutput(name, value);
    } catch {
      failed2.push(name);
    }
  }
  if (failed2.length > 0) {
    log.warning(
      `Could not write the step's outputs (${failed2.join(", ")}): GITHUB_OUTPUT is not writable. The verdict stands.`
    );
  }
  for (const cut of truncated) {
    log.info(
      `The ${cut.name} output holds the first ${cut.kept} of ${cut.total} items (it is capped at 100 KB); the report-file output has them all.`
    );
  }
}
function correctionSqlOutput(run2, log, surface) {
  const file = run2.seen.correctionSqlFile;
  if (!file) return void 0;
  if (file.failed !== void 0) {
    log.warning(`Could not write the correction SQL file ${file.path}: ${file.failed}`);
    return void 0;
  }
  if (file.complete && countedDifferences(run2)) {
    const path = surface.reportPath("correction-sql", (0, import_node_path2.basename)(file.path));
    try {
      if (path !== file.path) (0, import_node_fs2.renameSync)(file.path, path);
      return log.safe.value(path);
    } catch (error2) {
      log.warning(
        `Could not move the correction SQL file ${file.path} to ${path}: ${errorMessage(error2)}`
      );
      return void 0;
    }
  }
  const what = file.complete ? "the results were not verified" : `it is INCOMPLETE: ${file.missing}`;
  log.warning(
    `The correction SQL file ${file.path} is not set as correction-sql-file (${what}), so no later step applies half a fix.`
  );
  return void 0;
}
function writeFile(what, path, parts, log) {
  let fd;
  try {
    (0, import_node_fs2.mkdirSync)((0, import_node_path2.dirname)(path), { recursive: true });
    fd = (0, import_node_fs2.openSync)(path, "w");
    let batch = [];
    let size = 0;
    for (const part of parts) {
      batch.push(part);
      size += part.length;
      if (size < WRITE_BATCH) continue;
      (0, import_node_fs2.writeSync)(fd, batch.join(""));
      batch = [];
      size = 0;
    }
    (0, import_node_fs2.writeSync)(fd, batch.join(""));
    const done = fd;
    fd = void 0;
    (0, import_node_fs2.closeSync)(done);
    return path;
  } catch (error2) {
    if (fd !== void 0) closeQuietly(fd);
    log.warning(`Could not write the ${what} ${path}: ${errorMessage(error2)}`);
    return void 0;
  }
}
function closeQuietly(fd) {
  try {
    (0, import_node_fs2.closeSync)(fd);
  } catch {
  }
}
async function writeJobSummary(report, log, surface) {
  try {
    await surface.writeSummary(renderSummary(report, log.safe));
  } catch (error2) {
    log.warning(`Could not write the job summary: ${errorMessage(error2)}`);
  }
}
function conclude(report, log, surface) {
  const { hint } = report;
  const said = report.verdict.reason;
  const reason = hint ? report.hintFirst ? `${hint} ${said}` : `${said} ${hint}` : said;
  if (stepFails(report)) {
    surface.fail(log.safe.line(reason));
  } else if (!report.verdict.passed) {
    const input = report.verdict.softenedBy ?? "fail-on-failure";
    log.warning(`${reason} The step passes because ${input} is false.`);
  } else {
    log.info(reason);
  }
}

// src/stop-signals.ts
function watchSignals(log) {
  const wait = new AbortController();
  const comment = new AbortController();
  let reached = false;
  const onSignal = (signal) => {
    if (comment.signal.aborted) return;
    comment.abort();
    if (reached) {
      log.warning(
        `Received ${signal} after the verdict was reached: finishing the summary; no pull request comment is written.`
      );
    } else {
      log.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`);
      wait.abort();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: wait.signal,
    commentSignal: comment.signal,
    verdictReached: () => reached = true,
    release: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  };
}

// src/surface/github-surface.ts
var import_node_os2 = __toESM(require_node_os(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);
function githubSurface() {
  return {
    info: (line) => info(line),
    warning: (line) => warning(line),
    error: (line, title) => error(line, { title }),
    debug: (line) => debug(line),
    group: (title, lines) => {
      startGroup(title);
      for (const line of lines) info(line);
      endGroup();
    },
    maskSecret: (secret) => setSecret(secret),
    annotate: (level, title, message) => (level === "error" ? error : warning)(message, { title }),
    setOutput: (name, value) => setOutput(name, value),
    reportPath: (_kind, name) => (0, import_node_path3.join)(process.env["RUNNER_TEMP"] || (0, import_node_os2.tmpdir)(), name),
    writeSummary: async (markdown) => {
      await summary.addRaw(markdown, true).write();
    },
    fail: (message) => setFailed(message)
  };
}

// src/main.ts
async function run(time = realTime) {
  const startedAt = time.now();
  const surface = githubSurface();
  const log = openLog(surface, stepSecrets(getInput));
  warnIfShortSecret(log, getInput("access-key-secret"));
  const signals = watchSignals(log);
  const step = await runStep(
    getInput,
    log,
    { time, signal: signals.signal, startedAt },
    { correctionSql: correctionSqlFiles(log.safe) }
  );
  signals.verdictReached();
  const report = reportOf(
    { ...step, taskId: getInput("task-id").trim() },
    time.now() - startedAt
  );
  const summary2 = step.inputs?.jobSummary ?? wantsJobSummary(getInput);
  await publishReport(report, log, surface, summary2);
  if (step.inputs) {
    const options = prCommentOptions(step.inputs, time, startedAt);
    await commentOnPullRequest(report, { ...options, signal: signals.commentSignal });
  }
  signals.release();
}
var COMMENT_GRACE_MS = 1e4;
function prCommentOptions(inputs, time, startedAt) {
  return {
    enabled: inputs.prComment,
    token: inputs.githubToken,
    deadline: Math.max(startedAt + inputs.timeoutMs, time.now() + COMMENT_GRACE_MS),
    requestTimeoutMs: inputs.requestTimeoutMs,
    secrets: [inputs.accessKeySecret],
    time
  };
}
export {
  run
};
//# sourceMappingURL=main-7OFJI4PS.js.map
