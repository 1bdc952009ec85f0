#!/usr/bin/env node
import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// builtin:node:fs
var require_node_fs = __commonJS({
  "builtin:node:fs"(exports, module) {
    module.exports = __require("node:fs");
  }
});

// builtin:node:crypto
var require_node_crypto = __commonJS({
  "builtin:node:crypto"(exports, module) {
    module.exports = __require("node:crypto");
  }
});

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

// builtin:node:fs/promises
var require_promises = __commonJS({
  "builtin:node:fs/promises"(exports, module) {
    module.exports = __require("node:fs/promises");
  }
});

// package.json
var package_default = {
  name: "ninedata-precheck-gate",
  version: "1.0.0",
  private: true,
  description: "GitHub Action that gates schema migrations on NineData's schema-comparison precheck",
  type: "module",
  license: "MIT",
  engines: {
    node: ">=24"
  },
  bin: {
    "ninedata-gate": "dist/cli.js"
  },
  scripts: {
    build: "node scripts/build.js",
    "check-dist": "scripts/check-dist.sh",
    typecheck: "tsc --noEmit",
    lint: "eslint .",
    imports: "node scripts/lint/import-graph.js src",
    "format:write": "prettier --write .",
    "format:check": "prettier --check .",
    test: "NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' jest",
    "test:unit": "NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' jest __tests__/unit __tests__/in-process --maxWorkers=100%",
    "test:coverage": "npm run test:unit -- --coverage",
    "test:integration": "NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' jest __tests__/integration __tests__/judges",
    "test:judges": "NODE_OPTIONS='--experimental-vm-modules --disable-warning=ExperimentalWarning' jest __tests__/judges",
    ci: ".ci/run",
    simulator: "tsx simulator/cli.ts",
    demo: "tsx scripts/demo.ts",
    "docs:summary": "tsx scripts/render-summary.ts",
    "local-action": "tsx scripts/local-action.ts",
    bench: "tsx scripts/bench.ts",
    "bench:items": "tsx scripts/bench-items.ts",
    "bench:compare": "tsx scripts/bench-compare.ts",
    "bench:large": "tsx scripts/bench-large.ts"
  },
  dependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@actions/http-client": "^4.0.1"
  },
  devDependencies: {
    "@actions/workflow-parser": "^0.3.61",
    "@eslint/js": "^10.0.1",
    "@jest/globals": "^30.5.2",
    "@types/node": "^24.19.2",
    "cmark-gfm": "^0.9.0",
    esbuild: "0.28.2",
    eslint: "^10.15.0",
    "eslint-config-prettier": "^10.1.8",
    "eslint-plugin-jest": "^29.17.0",
    "fast-check": "^4.11.0",
    globals: "^17.14.0",
    jest: "^30.5.2",
    prettier: "^3.10.1",
    "test-results-parser": "^0.4.6",
    tsx: "^4.23.15",
    typescript: "5.9",
    "typescript-eslint": "^8.74.0",
    yaml: "^2.9.1"
  },
  allowScripts: {
    "cmark-gfm": true
  }
};

// src/hints.ts
var HINTS = {
  /** NineData rejected the credentials or the request signature. */
  credentials: "Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) and that the runner's clock is right.",
  /** `task status invalid`: the task is busy with another precheck or run. */
  busyTask: "Another precheck or comparison run of this task may be under way, e.g. from a second workflow run: give the job a `concurrency:` group per comparison task.",
  /** `task not found`: the task ID, its kind or the account is not the one meant. */
  taskNotFound: "Check `task-id`: it must be the ID of a comparison task of the kind the message names (cc-... for a schema comparison, cd-... for a data comparison), in the NineData account the AccessKey belongs to, and visible to that AccessKey user.",
  /** TLS failed as a wrong scheme for the port does. */
  scheme: "check the scheme and port of `api-url`: https:// to a plain-http port (or http:// to an https port) fails like this",
  /** The server's certificate is not one Node trusts. */
  privateCa: "if NineData uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate",
  /** The host name does not resolve. */
  hostName: "check the host name in `api-url` (and the runner's DNS or proxy settings)",
  /** Nothing accepted the connection. */
  port: "check the port in `api-url`, and that NineData is reachable from the runner",
  /** An answer of 404/405: not NineData's OpenAPI address. */
  apiPath: "check `api-url`: it should be the base URL of the NineData OpenAPI (without /openapi)",
  /** The proxy refused its credentials (407). */
  proxyCredentials: "the proxy wants credentials: put them in the proxy URL (http://user:password@proxy:port)",
  /** The proxy did not open the tunnel. */
  proxy: "check https_proxy / http_proxy and no_proxy on the runner"
};

// src/error-message.ts
function errorMessage(error) {
  if (typeof error === "object" && error !== null && "message" in error) {
    const { message } = error;
    if (typeof message === "string") return message;
  }
  return String(error);
}

// src/ninedata/api-errors.ts
var ApiError = class extends Error {
  kind;
  requestId;
  httpStatus;
  retryAfterMs;
  hint;
  mayHaveReachedServer;
  symptom;
  fromNineData;
  misaddressed;
  constructor(kind, message, details = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
    this.hint = details.hint;
    this.mayHaveReachedServer = details.mayHaveReachedServer ?? true;
    this.symptom = details.symptom;
    this.fromNineData = details.fromNineData ?? false;
    this.misaddressed = details.misaddressed ?? false;
  }
};
var StopError = class extends Error {
  constructor(reason, outage, mayHaveActed = false) {
    super(reason === "cancelled" ? "The run was cancelled." : "The timeout passed.");
    this.reason = reason;
    this.outage = outage;
    this.mayHaveActed = mayHaveActed;
    this.name = "StopError";
  }
  reason;
  outage;
  mayHaveActed;
};
function isTransientStatus(status) {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
function mayHaveReachedServer(httpStatus) {
  return httpStatus !== 429;
}
function parseRetryAfter(value, nowMs) {
  const text2 = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text2) return void 0;
  if (/^\d{1,9}(\.\d{1,6})?$/.test(text2)) return Math.round(Number(text2) * 1e3);
  const at = Date.parse(text2);
  if (Number.isNaN(at)) return void 0;
  return Math.max(0, at - nowMs);
}
var NOT_SENT_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "UND_ERR_CONNECT_TIMEOUT"
]);
var CUT_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "ERR_STREAM_PREMATURE_CLOSE"
]);
var CUT_MESSAGES = /socket hang up|request timeout|aborted|tunneling socket could not be established/i;
var CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|ALTNAME/;
var WRONG_PROTOCOL = /WRONG_VERSION_NUMBER|ERR_SSL_|EPROTO|packet length too long|http request/i;
function classifyNetworkError(error) {
  if (error instanceof ApiError) return error;
  const code = typeof error?.code === "string" ? error.code : "";
  const message = errorMessage(error);
  if (error instanceof Error && error.name === "ProxyError") return proxyFailure(error);
  const sent = !NOT_SENT_CODES.has(code);
  if (CERTIFICATE_CODES.test(code)) {
    return new ApiError("fatal", `TLS certificate problem (${code})`, {
      hint: HINTS.privateCa,
      mayHaveReachedServer: false,
      symptom: "cut"
    });
  }
  if (WRONG_PROTOCOL.test(code) || code === "" && WRONG_PROTOCOL.test(message)) {
    return new ApiError("fatal", `the TLS handshake failed (${code || "no TLS answer"})`, {
      hint: HINTS.scheme,
      mayHaveReachedServer: false,
      symptom: "cut"
    });
  }
  const text2 = code && !message.includes(code) ? `${code}${message ? ` (${message})` : ""}` : message;
  const hint = code === "ENOTFOUND" || code === "EAI_AGAIN" ? HINTS.hostName : code === "ECONNREFUSED" ? HINTS.port : void 0;
  const transient = NOT_SENT_CODES.has(code) || CUT_CODES.has(code) || code.startsWith("HPE_") || CUT_MESSAGES.test(message);
  return new ApiError(transient ? "transient" : "fatal", text2, {
    hint,
    mayHaveReachedServer: sent,
    symptom: symptomOf(code)
  });
}
function symptomOf(code) {
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "unresolved";
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") return "silent";
  return "cut";
}
function apiUrlSuspicion(error) {
  if (error.fromNineData) return void 0;
  switch (error.symptom) {
    case "refused":
      return "nothing accepted the connection: check the port (and that NineData is reachable from the runner)";
    case "unresolved":
      return "the host name does not resolve: check the host (and the runner's DNS or proxy settings)";
    case "cut":
      return "the connection was cut or TLS failed before any answer: check the scheme (http:// to an https port, or https:// to a plain-http one, fails like this) and the port";
    case "silent":
      return "nothing answered: check the host and port, and any firewall between the runner and NineData";
    case "foreign":
      if ((error.httpStatus ?? 0) >= 500) {
        return `HTTP ${error.httpStatus} with an error page, not NineData's JSON: a gateway in front of NineData may be failing, or it is not NineData's OpenAPI address`;
      }
      return "the answer is not NineData's OpenAPI JSON (an HTML page, a 404): check that it is the base URL of NineData's OpenAPI (without /openapi), not another site or the console's page";
    case "proxy":
      return "the proxy did not open the way: check https_proxy / http_proxy and no_proxy";
    default:
      return void 0;
  }
}
function pointsAtAddress(error) {
  if (error.fromNineData) return false;
  switch (error.symptom) {
    case "unresolved":
    case "cut":
      return true;
    case "foreign":
      return !isTransientStatus(error.httpStatus ?? 0);
    default:
      return false;
  }
}
function proxyFailure(error) {
  const status = error.proxyStatus;
  const hint = status === 407 ? HINTS.proxyCredentials : HINTS.proxy;
  return new ApiError(status === 407 ? "fatal" : "transient", error.message, {
    hint,
    mayHaveReachedServer: false,
    symptom: "proxy"
  });
}

// src/ending.ts
var FINISHED = { how: "finished" };
var EndingError = class extends Error {
  constructor(ending) {
    super(ending.how === "error" ? ending.message : ending.how);
    this.ending = ending;
    this.name = "EndingError";
  }
  ending;
};
function endingOf(error, doing) {
  if (error instanceof EndingError) return error.ending;
  if (error instanceof StopError) {
    return error.reason === "timeout" ? { how: "timeout", outage: error.outage } : { how: "cancelled", outage: error.outage };
  }
  if (!(error instanceof ApiError)) return crashEnding(error);
  const id = error.requestId ? ` (requestId ${error.requestId})` : "";
  const said = error.kind === "business" ? `NineData said "${error.message}"` : error.kind === "auth" ? `NineData rejected the credentials or the request signature: "${error.message}"` : error.kind === "protocol" ? `${error.message}. This is not treated as a pass` : error.message;
  const ending = { how: "error", message: `${doing}: ${said}${id}.`, hint: hintOf(error) };
  return error.misaddressed ? { ...ending, hintFirst: true } : ending;
}
function crashEnding(error) {
  return {
    how: "error",
    message: `The action crashed: ${errorMessage(error)}`
  };
}
function hintOf(error) {
  if (!error) return void 0;
  if (error.kind === "auth") return HINTS.credentials;
  if (isBusyRefusal(error)) return HINTS.busyTask;
  if (error.kind === "business" && /(?<!precheck )task not found/i.test(error.message))
    return HINTS.taskNotFound;
  return error.hint && sentence(error.hint);
}
function isBusyRefusal(error) {
  return error instanceof ApiError && error.kind === "business" && /status invalid/i.test(error.message);
}
function endingHint(ending) {
  if (ending.how === "error") return ending.hint;
  if (ending.how === "timeout" || ending.how === "cancelled")
    return hintOf(ending.outage?.lastError);
  return void 0;
}
function hintLeads(ending) {
  if (ending.how === "error") return ending.hintFirst === true;
  if (ending.how === "timeout" || ending.how === "cancelled")
    return ending.outage?.lastError.misaddressed === true;
  return false;
}
function sentence(text2) {
  return `${text2.charAt(0).toUpperCase()}${text2.slice(1)}.`;
}

// src/ninedata/api-types.ts
var PRECHECK_STATUSES = ["Unstarted", "Running", "Failed", "Success"];
var RUN_STATUSES = ["starting", "running", "success", "failed", "stopped"];

// src/status/status-word.ts
var LONGEST_WORD = 16;
function canonicalWord(text2, vocabulary) {
  let from = 0;
  let to = text2.length;
  while (from < to && isSpace(text2.charCodeAt(from))) from++;
  while (to > from && isSpace(text2.charCodeAt(to - 1))) to--;
  if (to - from > LONGEST_WORD) return void 0;
  const word = text2.slice(from, to);
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 126) return void 0;
  const lower = word.toLowerCase();
  return vocabulary.find((w) => w.toLowerCase() === lower);
}
function isSpace(code) {
  return code === 32 || code === 9;
}

// src/status/precheck-status.ts
function canonicalStatus(status) {
  return canonicalWord(status, PRECHECK_STATUSES);
}
var isFinalStatus = (s) => s === "Success" || s === "Failed";
function itemLabel(item) {
  return item.itemName || item.precheckItem || "(unnamed item)";
}
function oddItems(state) {
  return state.precheckItems.filter((item) => canonicalStatus(item.status) === void 0);
}
function itemsMissingAtEnd(state) {
  return state.itemsMissing === true && canonicalStatus(state.status) === "Success";
}
function isSettled(state) {
  const overall = canonicalStatus(state.status);
  if (overall === void 0 || oddItems(state).length > 0 || itemsMissingAtEnd(state)) return true;
  if (overall === "Failed") return true;
  return overall === "Success" && state.precheckItems.every((i) => isFinalStatus(canonicalStatus(i.status)));
}
var MAX_TRACKED_ITEMS = 2e5;
var ItemHistory = class {
  seen = /* @__PURE__ */ new Map();
  failed = /* @__PURE__ */ new Map();
  /** True when more distinct items were seen than can be tracked. */
  overflowed = false;
  note(state) {
    state.precheckItems.forEach((item, index) => {
      const key = itemKey(item, index);
      if (!this.seen.has(key) && this.seen.size >= MAX_TRACKED_ITEMS) {
        this.overflowed = true;
        return;
      }
      this.seen.set(key, item);
      if (canonicalStatus(item.status) === "Failed") this.failed.set(key, item);
    });
  }
  /** Items seen Failed earlier that `last` no longer reports as Failed. */
  failedEarlier(last) {
    const failedNow = keysOf(last, (item) => canonicalStatus(item.status) === "Failed");
    return [...this.failed.entries()].filter(([key]) => !failedNow.has(key)).map(([, i]) => i);
  }
  /** Items seen at an earlier poll that `last` does not list at all (failed ones aside). */
  vanished(last) {
    const listed = keysOf(last, () => true);
    return [...this.seen.entries()].filter(([key]) => !listed.has(key) && !this.failed.has(key)).map(([, item]) => item);
  }
};
function keysOf(state, keep) {
  const keys = /* @__PURE__ */ new Set();
  state?.precheckItems.forEach((item, index) => {
    if (keep(item)) keys.add(itemKey(item, index));
  });
  return keys;
}
function itemKey(item, index) {
  return item.precheckItem || item.itemName ? `${item.precheckItem}\0${item.itemName}` : `#${index}`;
}

// src/text/wording.ts
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
function formatDuration(ms) {
  const abs = Math.abs(ms);
  if (abs < 1e4 && abs % 1e3 !== 0) return `${(abs / 1e3).toFixed(1).replace(/\.0$/, "")}s`;
  const total = Math.round(abs / 1e3);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
function formatSeconds(ms) {
  return `${Number((ms / 1e3).toFixed(3))} s`;
}
var LIMITS = {
  /** An item's name, in a cell, a log line or an annotation title. */
  name: 300,
  /** IDs and status values. */
  id: 128,
  description: 600,
  /** An item's message from NineData. */
  message: 2e3,
  /** A message of the action that embeds server text (reasons, errors). */
  reason: 4e3,
  /** Lines in the all-items log group. */
  logItems: 2e3,
  /** One object's correction SQL in the job summary. */
  sql: 2e4,
  /** Rows of the table of objects or tables that differ. */
  differenceRows: 500,
  /** A one-value output (IDs, statuses, request IDs). */
  outputValue: 1e3,
  /** Failed items named in a one-line reason. */
  namesInReason: 5
};

// src/status/run-status.ts
function canonicalRunStatus(status) {
  return canonicalWord(status, RUN_STATUSES);
}
function isRunSettled(status) {
  const run = canonicalRunStatus(status);
  return run !== "starting" && run !== "running";
}

// src/text/clean.ts
var INVISIBLE = (
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g
);
var NEWLINES = /\r\n?|[\n\u0085\u2028\u2029]/;
function shorten(text2, max, total = text2.length) {
  if (text2.length <= max && total <= text2.length) return text2;
  let cut = Math.min(max, text2.length);
  const code = text2.charCodeAt(cut - 1);
  if (code >= 55296 && code <= 56319) cut--;
  const escape = text2.lastIndexOf("<U+", cut - 1);
  if (escape >= 0 && escape > cut - 8 && text2.indexOf(">", escape) >= cut) cut = escape;
  return `${text2.slice(0, cut)}\u2026 (${total - cut} more characters)`;
}
function cleanText(text2) {
  return text2.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(INVISIBLE, "");
}
function showInvisible(text2) {
  return text2.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
}
function flattenLine(text2) {
  return text2.split(NEWLINES).map((part) => part.replace(INVISIBLE, "").replace(/\s+/g, " ").trim()).filter((part) => part !== "").join(" \u23CE ");
}
function inertLine(line) {
  const broken = line.includes("##[") ? line.replace(/##\[/g, "## [") : line;
  return broken.startsWith("::") ? `\u203A ${broken}` : broken;
}
function visible(text2) {
  const escaped = text2.replace(
    /[^\x20-\x7e]|["\\]/g,
    (c) => c === '"' || c === "\\" ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return `"${escaped}"`;
}
var HTML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
  "#": "&#35;",
  "@": "&#64;",
  ":": "&#58;"
};
var HTML_SPECIAL = /[&<>"'`#@:]/g;
var BREAK_EVERY = 40;
function escapeHtml(text2) {
  return text2.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] ?? c);
}
function escapeWithBreaks(text2) {
  return text2.split(/(\s+)/).map((part) => {
    if (part.length <= BREAK_EVERY || /^\s/.test(part)) return escapeHtml(part);
    const pieces = [];
    for (let i = 0; i < part.length; i += BREAK_EVERY) {
      pieces.push(escapeHtml(part.slice(i, i + BREAK_EVERY)));
    }
    return pieces.join("<wbr>");
  }).join("");
}
function htmlBlock(shaped) {
  return escapeWithBreaks(shaped).replace(/\n/g, "<br>");
}
function codeText(line) {
  return escapeWithBreaks(line);
}
function codeSpans(escaped) {
  const parts = escaped.split("&#96;");
  if (parts.length < 3) return escaped;
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const inner = parts[i] ?? "";
    out += i + 1 < parts.length ? `<code>${inner}</code>${parts[i + 1] ?? ""}` : `&#96;${inner}`;
  }
  return out;
}
var XML_FORBIDDEN = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;
function xmlChars(text2) {
  return text2.replace(XML_FORBIDDEN, "");
}
var XML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;"
};
function xmlEscape(text2) {
  return text2.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

// src/verdict/comparison-verdict.ts
function differencesOf(results, last) {
  if (results.kind === "schema") {
    const differing2 = results.objects.filter((o) => o.correctSql !== void 0 && o.correctSql !== "");
    const unverified2 = results.objects.filter((o) => o.correctSql === void 0);
    return { count: differing2.length, differing: differing2, unverified: unverified2 };
  }
  const differing = results.tables.filter((t) => (t.differences ?? 0) > 0);
  const unverified = results.tables.filter((t) => t.unreadable !== void 0);
  return { count: rowTotal(last) ?? 0, differing, unverified };
}
function rowTotal(last) {
  const rows = last?.rows;
  if (!rows) return void 0;
  const { differenceRows: d, onlySourceRows: s, onlyTargetRows: t } = rows;
  return d === void 0 || s === void 0 || t === void 0 ? void 0 : d + s + t;
}
function objectLabel(entry) {
  switch (entry.kind) {
    case "table": {
      const source = [entry.schemaName, entry.tableName].filter(Boolean).join(".");
      return source || `progressId ${entry.progressId}`;
    }
    case "object":
      return schemaObjectLabel(entry);
  }
}
function schemaObjectLabel(entry) {
  const raw = entry.raw;
  for (const key of ["objectName", "name", "tableName", "sourceObjectName"]) {
    const value = raw[key];
    if (typeof value === "string" && value.trim() !== "") {
      const schema = raw["schemaName"] ?? raw["sourceSchemaName"];
      return typeof schema === "string" && schema ? `${schema}.${value}` : value;
    }
  }
  return `progressId ${entry.progressId}`;
}
function decideComparison(seen) {
  const verdict = (kind, reason, soft = false) => ({
    kind,
    passed: kind === "passed",
    reason,
    phase: "comparison",
    failedItems: [],
    ...soft ? { softenedBy: "fail-on-difference" } : {}
  });
  const { ending, last } = seen;
  if (ending.how === "error") return verdict("error", `${ending.message}${stopNote(seen)}`);
  if (ending.how === "cancelled") return verdict("cancelled", cancelledReason(seen));
  const status = last ? canonicalRunStatus(last.status) : void 0;
  if (last && status === void 0) {
    return verdict(
      "error",
      `NineData reported the run status ${visible(last.status)} for comparison run ${seen.execId}: not a status NineData documents (starting, running, success, failed, stopped). An answer this action does not understand is never a pass.${stopNote(seen)}`
    );
  }
  if (ending.how === "timeout" || !last) return verdict("timeout", timeoutReason(seen));
  if (status === "failed" || status === "stopped") {
    const said = last.errorMessage.trim() ? `: ${last.errorMessage}` : ".";
    return verdict("failed", `The comparison run ${seen.execId} ended ${status}${said}`);
  }
  if (status !== "success" || !seen.results) {
    return verdict(
      "error",
      `The comparison run ${seen.execId} ended without its results being read.`
    );
  }
  return resultsVerdict(seen, seen.results, last, verdict);
}
function resultsVerdict(seen, results, last, verdict) {
  const problem = results.kind === "schema" ? schemaProblem(results) : dataProblem(results, last);
  if (problem)
    return verdict("error", `${problem} An answer this action cannot verify is never a pass.`);
  const found2 = differencesOf(results, last);
  const compared = results.kind === "schema" ? plural(results.objects.length, "object") : plural(results.tables.length, "table");
  const skipped = results.kind === "data" ? last.rows?.skippedTables ?? 0 : 0;
  const skippedNote = skipped > 0 ? ` NineData skipped ${plural(skipped, "table")}, which ${skipped === 1 ? "was" : "were"} not compared (skipped-tables).` : "";
  if (found2.count === 0) {
    return verdict(
      "passed",
      `The comparison run ${seen.execId} found no difference: ${compared} compared, all consistent.${skippedNote}`
    );
  }
  const counted = results.kind === "schema" ? `${found2.count} of ${results.objects.length} objects differ` : `${plural(found2.count, "row")} differ, in ${found2.differing.length} of ${results.tables.length} tables`;
  return verdict(
    "failed",
    `The comparison run ${seen.execId} found differences (${counted}): ${listNames(found2.differing)}.`,
    true
  );
}
function schemaProblem(results) {
  if (results.objects.length !== results.total) {
    return `NineData reported ${results.total} objects but listed ${results.objects.length}.`;
  }
  const unreadable2 = results.objects.filter((o) => o.correctSql === void 0);
  if (unreadable2.length === 0) return void 0;
  const first = unreadable2[0]?.unreadable ?? "no answer";
  return `The correction SQL of ${plural(unreadable2.length, "object")} could not be read, so ${unreadable2.length === 1 ? "it is" : "they are"} not verified: ${listNames(unreadable2)} (${first}).`;
}
function dataProblem(results, last) {
  const rows = rowTotal(last);
  if (rows === void 0) {
    return "NineData did not report differenceRows, onlySourceRows and onlyTargetRows for the run.";
  }
  if (results.tables.length !== results.totalTableCount) {
    return `NineData reported ${results.totalTableCount} tables but listed ${results.tables.length}.`;
  }
  if (rows > 0 !== results.diffTableCount > 0) {
    return `NineData's counts contradict each other: ${plural(rows, "row")} differ, but ${plural(results.diffTableCount, "table")} ${results.diffTableCount === 1 ? "differs" : "differ"}.`;
  }
  const skipped = last.rows?.skippedTables ?? 0;
  if (skipped > 0 && skipped >= results.tables.length) {
    return `NineData skipped every table of the run (skipTableCount ${skipped}, ${plural(results.tables.length, "table")} listed): nothing was compared.`;
  }
  const unreadable2 = results.tables.filter((t) => t.unreadable !== void 0);
  if (unreadable2.length > 0) {
    return `The differences of ${plural(unreadable2.length, "table")} could not be read: ${listNames(unreadable2)} (${unreadable2[0]?.unreadable ?? ""}).`;
  }
  const asked = results.tables.some((t) => t.differences !== void 0);
  const differing = results.tables.filter((t) => (t.differences ?? 0) > 0).length;
  if (asked && differing !== results.diffTableCount) {
    return `NineData's counts contradict each other: diffTableCount is ${results.diffTableCount}, but ${plural(differing, "table")} ${differing === 1 ? "has" : "have"} differing records.`;
  }
  return void 0;
}
function cancelledReason(seen) {
  const run = seen.execId ? `comparison run ${seen.execId}` : "the comparison run";
  const status = seen.last ? ` The last run status seen was ${visible(seen.last.status)}.` : "";
  return `The wait for ${run} was cancelled before it finished.${status}${stopNote(seen)}`;
}
function timeoutReason(seen) {
  if (seen.ending.how === "timeout" && seen.ending.waitingFor) {
    return `No comparison run was started within timeout-seconds (${formatSeconds(seen.timeoutMs)}): ${seen.ending.waitingFor}. Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`;
  }
  const head = seen.stage === "results" ? `Reading the results of comparison run ${seen.execId} did not finish within timeout-seconds (${formatSeconds(seen.timeoutMs)}).` : `The comparison run ${seen.execId || "(not started)"} did not finish within timeout-seconds (${formatSeconds(seen.timeoutMs)}).`;
  const outage = seen.ending.how === "timeout" ? seen.ending.outage : void 0;
  const down = outage ? ` NineData gave no usable answer for the last ${formatDuration(seen.endedAt - outage.sinceMs)}; the last error: ${outage.lastError.message}.` : "";
  const status = seen.last ? ` The last run status seen was ${visible(seen.last.status)}.` : "";
  return `${head}${down}${status}${stopNote(seen)} Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`;
}
function stopNote(seen) {
  if (!seen.stop) return "";
  return seen.stop.sent ? " NineData was asked to stop the run." : ` Asking NineData to stop the run failed: ${seen.stop.message}`;
}
function listNames(entries, max = LIMITS.namesInReason) {
  const names = entries.slice(0, max).map(objectLabel);
  const rest = entries.length - names.length;
  return rest > 0 ? `${names.join(", ")} and ${rest} more` : names.join(", ");
}

// src/report/report-model.ts
function reportOf(step, durationMs) {
  const { inputs, gate, decided } = step;
  const verdict = decided.step;
  const precheckSeen = gate?.precheck;
  const run = gate?.comparison && decided.comparison ? runReport(gate.comparison, decided.comparison) : void 0;
  const ending = verdict.phase === "comparison" && run ? run.seen.ending : precheckSeen?.ending ?? step.refused;
  return {
    verdict,
    comparison: inputs?.comparison,
    taskId: gate?.task.taskId || inputs?.taskId || step.taskId,
    taskSource: gate && gate.task.how !== "given" ? { how: gate.task.how, taskName: gate.task.taskName } : void 0,
    precheckTaskId: precheckSeen?.precheckTaskId ?? inputs?.precheckTaskId ?? "",
    state: precheckSeen?.last,
    vanished: precheckSeen?.vanished ?? [],
    requestId: gate?.requestId ?? "",
    durationMs,
    failOnFailure: inputs?.failOnFailure ?? true,
    failOnDifference: inputs?.failOnDifference ?? true,
    hint: ending && endingHint(ending),
    hintFirst: ending !== void 0 && hintLeads(ending),
    run
  };
}
function runReport(seen, verdict) {
  return {
    seen,
    verdict,
    differences: seen.results ? differencesOf(seen.results, seen.last) : void 0
  };
}
function stepFails(report) {
  const { verdict } = report;
  if (verdict.passed) return false;
  if (verdict.softenedBy === "fail-on-failure") return report.failOnFailure;
  if (verdict.softenedBy === "fail-on-difference") return report.failOnDifference;
  return true;
}
function countedDifferences(run) {
  const counted = run.verdict.passed || run.verdict.softenedBy === "fail-on-difference";
  return counted ? run.differences : void 0;
}
function recordsDiffer(n) {
  return `${plural(n, "record")} ${n === 1 ? "differs" : "differ"}`;
}
function comparisonWords(report) {
  return report.comparison ? `${report.comparison} comparison` : "comparison";
}
function statusRank(item) {
  const status = canonicalStatus(item.status);
  return status === "Failed" ? 0 : status === "Success" ? 2 : 1;
}
function orderForReport(items) {
  return items.map((item, index) => ({ item, index, rank: statusRank(item) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.item);
}

// src/cli/exit-code.ts
var EXIT_CODES = {
  passed: 0,
  /** Failed check items or differences: NineData's answer, read and understood. */
  failed: 1,
  /** Bad usage or inputs: nothing was asked. */
  usage: 2,
  /** No verdict: timeout, cancelled, unreachable, rejected key, an answer that could not be verified. */
  noVerdict: 3
};
function exitCodeOf(report, step) {
  if (step.inputsRefused) return EXIT_CODES.usage;
  if (!stepFails(report)) return step.reported ? EXIT_CODES.passed : EXIT_CODES.noVerdict;
  return report.verdict.kind === "failed" ? EXIT_CODES.failed : EXIT_CODES.noVerdict;
}

// src/cli/cli-options.ts
var import_node_fs = __toESM(require_node_fs(), 1);

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

// src/ninedata/precheck-api.ts
var BASE = {
  schema: "/openapi/v1/compareschema/precheck",
  data: "/openapi/v1/comparedata/precheck"
};
function precheckPaths(kind) {
  return { start: `${BASE[kind]}/start`, status: `${BASE[kind]}/status` };
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

// src/task-definition.ts
var import_node_crypto = __toESM(require_node_crypto(), 1);
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
  const hash = (0, import_node_crypto.createHash)("sha256").update(canonicalForm(definition)).digest("hex");
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

// src/cli/cli-options.ts
var GITHUB_ONLY_INPUTS = ["pr-comment", "github-token", "job-summary"];
var DEFAULT_REPORT_DIR = "ninedata-gate-report";
var CLI_ONLY = {
  "access-key-secret-file": "path",
  "report-dir": "path"
};
function variableOf(name) {
  return `NINEDATA_${name.toUpperCase().replace(/-/g, "_")}`;
}
var cliInputs = () => INPUT_NAMES.filter((name) => !GITHUB_ONLY_INPUTS.includes(name));
var isBoolean = (name) => /^(true|false)$/.test(INPUT_DEFAULTS[name] ?? "");
function readCliOptions(argv, env) {
  const flags = /* @__PURE__ */ new Map();
  const problems = [];
  const help = argv.includes("--help") || argv.includes("-h");
  const version = argv.includes("--version") || argv.includes("-V");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (["--help", "-h", "--version", "-V"].includes(arg)) continue;
    const taken = readFlag(arg, argv[i + 1], flags, problems);
    if (taken) i++;
  }
  const reportDir = flags.get("report-dir") ?? env[variableOf("report-dir")] ?? DEFAULT_REPORT_DIR;
  const secret = readSecret(flags.get("access-key-secret-file"), env, problems);
  const get = (name) => name === "access-key-secret" ? secret : GITHUB_ONLY_INPUTS.includes(name) ? "" : flags.get(name) ?? env[variableOf(name)] ?? "";
  return { help, version, reportDir, get, problems, unknownVariables: unknownVariables(env) };
}
function readFlag(arg, next, flags, problems) {
  const match = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
  if (!match) {
    problems.push(
      "an argument is not an option: options are --name value or --name=value (see --help)."
    );
    return false;
  }
  const [, name = "", inline] = match;
  const refusal = refused(name);
  if (refusal) {
    problems.push(refusal);
    return inline === void 0 && next !== void 0 && !isOption(next);
  }
  if (!isKnown(name)) {
    problems.push(`\`--${name}\` is not an option of ninedata-gate (see --help).`);
    return false;
  }
  if (flags.has(name)) problems.push(`\`--${name}\` is given more than once.`);
  if (inline !== void 0) {
    flags.set(name, inline);
    return false;
  }
  if (isBoolean(name) && (next === void 0 || next.startsWith("--"))) {
    flags.set(name, "true");
    return false;
  }
  if (next === void 0) {
    problems.push(`\`--${name}\` needs a value.`);
    return false;
  }
  flags.set(name, next);
  return true;
}
var isKnown = (name) => cliInputs().includes(name) || name in CLI_ONLY;
function isOption(arg) {
  const name = /^--([a-z][a-z0-9-]*)(?:=|$)/.exec(arg)?.[1];
  return name !== void 0 && (isKnown(name) || name === "access-key-secret");
}
function refused(name) {
  if (name === "access-key-secret") {
    return "`--access-key-secret` is refused: a secret on the command line shows in process lists, shell history and CI logs of the command. Put it in the NINEDATA_ACCESS_KEY_SECRET variable (a masked CI variable or credential), or in a file named by --access-key-secret-file.";
  }
  if (GITHUB_ONLY_INPUTS.includes(name)) {
    return `\`--${name}\` is an input of the GitHub Action only; the command line has no pull request comment or job summary (it writes summary.md in --report-dir).`;
  }
  return void 0;
}
function readSecret(file, env, problems) {
  const fromEnv = env[variableOf("access-key-secret")] ?? "";
  const path = file ?? env[variableOf("access-key-secret-file")];
  if (path === void 0 || path === "") return fromEnv;
  if (fromEnv !== "") {
    problems.push(
      "the secret is given twice: NINEDATA_ACCESS_KEY_SECRET is set and --access-key-secret-file names a file; keep one."
    );
  }
  try {
    return (0, import_node_fs.readFileSync)(path, "utf8").replace(/\r?\n$/, "");
  } catch (error) {
    const code = error.code ?? "unreadable";
    problems.push(`\`--access-key-secret-file\` names a file that cannot be read (${code}).`);
    return "";
  }
}
function unknownVariables(env) {
  const known = new Set(
    [...INPUT_NAMES, ...Object.keys(CLI_ONLY)].map(variableOf).concat("NINEDATA_GATE_DEBUG")
  );
  return Object.keys(env).filter((key) => key.startsWith("NINEDATA_") && !known.has(key));
}
function helpText(version) {
  const required = new Set(REQUIRED_INPUTS);
  const rows = [
    ...cliInputs().filter((name) => name !== "access-key-secret").map((name) => {
      const fallback = INPUT_DEFAULTS[name];
      const shown = required.has(name) ? "required" : `default: ${fallback === "" ? "(empty)" : fallback}`;
      const value = isBoolean(name) ? "[true|false]" : "<value>";
      return `  --${name} ${value}
      ${variableOf(name)}; ${shown}`;
    }),
    `  --access-key-secret-file <path>
      or NINEDATA_ACCESS_KEY_SECRET (the secret itself); one of them required`,
    `  --report-dir <path>
      ${variableOf("report-dir")}; default: ${DEFAULT_REPORT_DIR}`
  ];
  return [
    `ninedata-gate ${version}: gate a migration on NineData's precheck (and comparison run) of a comparison task.`,
    "",
    "Usage: node dist/cli.js --api-url URL --access-key-id ID --task-id cc-... [options]",
    "       (the secret in NINEDATA_ACCESS_KEY_SECRET or a file: never on the command line)",
    "",
    "Options (each also from the variable shown; a flag wins over its variable):",
    ...rows,
    "  --help, --version",
    "",
    `Not here (GitHub Action only): ${GITHUB_ONLY_INPUTS.map((n) => `--${n}`).join(", ")}.`,
    "A boolean option alone means true (--run-comparison); otherwise --name value or --name=value.",
    "",
    "Reports in --report-dir: summary.md, report.json, junit.xml, and correction.sql when objects differ.",
    "Exit codes: 0 passed; 1 the gate failed (failed check items or differences); 2 bad usage or inputs;",
    "3 no verdict (timeout, cancelled, NineData unreachable or rejected the key, an answer that could not be verified).",
    "More: docs/other-ci.md"
  ].join("\n");
}

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
      const found2 = parseServerTime(record[key]);
      if (found2 !== void 0) return found2;
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
  const refused3 = envelope?.success === false;
  if (httpStatus === 401 || httpStatus === 403 || refused3 && isAuthMessage(message ?? "")) {
    return new ApiError("auth", message ?? what, details);
  }
  if (refused3) {
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

// src/ninedata/transport.ts
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
    const options2 = {
      method,
      host: target.host,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: { "user-agent": USER_AGENT, ...headers }
    };
    if (proxy) options2.createConnection = (_o, done) => this.tunnel(proxy, target, done);
    else options2.agent = this.agent(target.secure);
    return new Promise((resolve, reject) => {
      const request = (target.secure ? https : http).request(options2);
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
    const settle = (error, socket) => {
      if (settled) return;
      settled = true;
      done(error, socket);
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
      (error) => settle(new ProxyError(`could not reach the proxy ${shown}: ${error.message}`))
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
      const error = caught instanceof StopError ? caught : classifyNetworkError(caught);
      if (error instanceof StopError || error.kind === "transient") this.dispose();
      throw error;
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
    message.on("error", (error) => reject(classifyNetworkError(error)));
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
function retryDelay(failures, options2) {
  const { floorMs, minCapMs } = RETRY_POLICY;
  const cap = Math.max(minCapMs, options2.intervalMs);
  if (options2.retryAfterMs !== void 0) {
    return Math.min(cap, Math.max(floorMs, options2.retryAfterMs));
  }
  const ceiling = Math.min(cap, floorMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  const random = options2.random ?? Math.random;
  return Math.round(floorMs + random() * (ceiling - floorMs));
}

// src/ninedata/signer.ts
var import_node_crypto2 = __toESM(require_node_crypto(), 1);
function formatTimestamp(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
function sign(path, secret, timestamp) {
  return (0, import_node_crypto2.createHash)("sha256").update(`${path}/${secret}&${timestamp}`, "utf8").digest("hex");
}
function authHeaders(path, credentials, now) {
  const timestamp = formatTimestamp(now);
  return {
    "access-key-id": credentials.accessKeyId,
    timestamp,
    signature: sign(path, credentials.accessKeySecret, timestamp)
  };
}

// src/text/text-work.ts
var textWork = {
  /** Characters the secret search read: each position tried as a start, each one a copy compared. */
  searched: 0,
  /** Characters handed to shaping (cleaning, one-line, HTML) after the cut to what a surface shows. */
  shaped: 0
};

// src/text/redact.ts
var MASK = "***";
var NAMED_ENTITIES = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  nbsp: 160
};
function jsonEscape(next) {
  switch (next) {
    case 34:
    // "
    case 92:
    // \
    case 47:
      return next;
    case 98:
      return 8;
    case 102:
      return 12;
    case 110:
      return 10;
    case 114:
      return 13;
    case 116:
      return 9;
    default:
      return -1;
  }
}
var ESCAPE_STARTS = [92, 37, 38, 43];
function isEscapeStart(code) {
  return ESCAPE_STARTS.includes(code);
}
var JSON_ESCAPES = 1;
var URL_ESCAPES = 2;
var HTML_ESCAPES = 4;
var ANY_ESCAPE = JSON_ESCAPES | URL_ESCAPES | HTML_ESCAPES;
function hexValue(text2, from, count2) {
  if (from + count2 > text2.length) return -1;
  let value = 0;
  for (let i = from; i < from + count2; i++) {
    const c = text2.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
var escapedCode = 0;
var escapedLength = 0;
function escapeAt(text2, i, families) {
  const c = text2.charCodeAt(i);
  if (families & URL_ESCAPES) {
    if (c === 43) return found(32, 1);
    if (c === 37) {
      const code = hexValue(text2, i + 1, 2);
      return code >= 0 && found(code, 3);
    }
  }
  if (c === 92 && families & JSON_ESCAPES) {
    const next = text2.charCodeAt(i + 1);
    if (next === 117) {
      const code = hexValue(text2, i + 2, 4);
      return code >= 0 && found(code, 6);
    }
    const simple = jsonEscape(next);
    return simple >= 0 && found(simple, 2);
  }
  return c === 38 && (families & HTML_ESCAPES) !== 0 && entityAt(text2, i);
}
function found(code, length) {
  escapedCode = code;
  escapedLength = length;
  return true;
}
function entityAt(text2, i) {
  const next = text2.charCodeAt(i + 1) | 32;
  if (next !== 35 && (next < 97 || next > 122)) return false;
  let end = -1;
  for (let j = i + 1; j <= i + 10 && j < text2.length; j++) {
    if (text2.charCodeAt(j) === 59) {
      end = j;
      break;
    }
  }
  if (end < 0) return false;
  const name = text2.slice(i + 1, end);
  let code;
  if (/^#\d{1,7}$/.test(name)) code = Number(name.slice(1));
  else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  else code = NAMED_ENTITIES[name];
  return code !== void 0 && code <= 1114111 && found(code, end - i + 1);
}
function matchTarget(text2, start3, target, families) {
  let i = start3;
  let t = 0;
  while (t < target.length && i < text2.length) {
    textWork.searched++;
    const code = text2.charCodeAt(i);
    if (families !== 0 && isEscapeStart(code) && escapeAt(text2, i, families)) {
      const astral = escapedCode > 65535;
      if ((astral ? target.codePointAt(t) : target.charCodeAt(t)) === escapedCode) {
        t += astral ? 2 : 1;
        i += escapedLength;
        continue;
      }
    }
    if (code !== target.charCodeAt(t)) return 0;
    t++;
    i++;
  }
  return t === target.length ? i - start3 : 0;
}
function matchAt(text2, start3, secret) {
  const length = matchTarget(text2, start3, secret.text, ANY_ESCAPE);
  if (length > 0) return length;
  if (secret.bytes !== secret.text) {
    const bytes = matchTarget(text2, start3, secret.bytes, ANY_ESCAPE);
    if (bytes > 0) return bytes;
  }
  if (!secret.literalEscapes) return 0;
  return Math.max(
    matchTarget(text2, start3, secret.text, 0),
    matchTarget(text2, start3, secret.text, JSON_ESCAPES),
    matchTarget(text2, start3, secret.bytes, URL_ESCAPES),
    matchTarget(text2, start3, secret.text, HTML_ESCAPES)
  );
}
function base64Cores(secret) {
  const bytes = Buffer.from(secret, "utf8");
  const cores = /* @__PURE__ */ new Set();
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const b64 = padded.toString("base64");
    const from = Math.ceil(8 * shift / 6);
    const to = Math.floor(8 * padded.length / 6);
    const core = b64.slice(from, to);
    if (core.length >= 6) {
      cores.add(core);
      cores.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...cores];
}
function mergeSpans(spans) {
  if (spans.length <= 2) return spans;
  const order = [];
  for (let k = 0; k < spans.length; k += 2) order.push(k);
  order.sort((a, b) => spans[a] - spans[b] || spans[b + 1] - spans[a + 1]);
  const merged = [];
  for (const k of order) {
    const start3 = spans[k];
    const end = spans[k + 1];
    const last = merged.length - 1;
    if (last > 0 && start3 <= merged[last]) merged[last] = Math.max(merged[last], end);
    else merged.push(start3, end);
  }
  return merged;
}
var Redactor = class {
  secrets;
  cores;
  constructor(secrets) {
    const usable = [...new Set(secrets.filter((s) => s.length > 0))];
    this.secrets = usable.map((text2) => {
      const bytes = Buffer.from(text2, "utf8").toString("latin1");
      const starts = new Uint8Array(65536);
      for (const code of [text2.charCodeAt(0), bytes.charCodeAt(0), ...ESCAPE_STARTS])
        starts[code] = 1;
      const first = [text2.charCodeAt(0), text2.codePointAt(0) ?? -1, bytes.charCodeAt(0)];
      return { text: text2, bytes, first, starts, literalEscapes: /[%\\&]/.test(text2) };
    });
    this.cores = usable.flatMap(base64Cores);
  }
  get active() {
    return this.secrets.length > 0;
  }
  /** Where `text` holds a copy of a secret: sorted, merged [start, end, ...] spans. */
  spans(text2) {
    if (!this.active || text2.length === 0) return [];
    const spans = [];
    for (const secret of this.secrets) findCopies(text2, secret, spans);
    for (const core of this.cores) {
      for (let at = text2.indexOf(core); at >= 0; at = text2.indexOf(core, at + core.length)) {
        spans.push(at, at + core.length);
      }
    }
    return mergeSpans(spans);
  }
  /** Whether `text` holds a copy of a secret in any form. */
  finds(text2) {
    return this.spans(text2).length > 0;
  }
  /** `text` with every decodable copy of a secret replaced by `***` (`spans`: its copies, if known). */
  redact(text2, spans) {
    return this.redactPrefix(text2, text2.length, spans).text;
  }
  /**
   * The part of `text` before `limit`, secrets hidden; a copy that starts before `limit` is hidden
   * whole and ends the part. `end` is where in `text` the part ends. Copies are found in all of
   * `text`, so a copy cut at `limit` is never shown in part.
   */
  redactPrefix(text2, limit, spans = this.spans(text2)) {
    if (spans.length === 0) return { text: text2.slice(0, limit), end: Math.min(limit, text2.length) };
    const parts = [];
    let copied = 0;
    for (let k = 0; k < spans.length && spans[k] < limit; k += 2) {
      parts.push(text2.slice(copied, spans[k]), MASK);
      copied = spans[k + 1];
    }
    const end = Math.max(copied, Math.min(limit, text2.length));
    parts.push(text2.slice(copied, end));
    return { text: parts.join(""), end };
  }
};
function findCopies(text2, secret, spans) {
  const { starts, first } = secret;
  const [unit, point, byte] = first;
  const isFirst = (code) => code === unit || code === point || code === byte;
  textWork.searched += text2.length;
  for (let at = 0; at < text2.length; at++) {
    const code = text2.charCodeAt(at);
    if (starts[code] !== 1) continue;
    if (!isFirst(code) && !(escapeAt(text2, at, ANY_ESCAPE) && isFirst(escapedCode))) continue;
    const length = matchAt(text2, at, secret);
    if (length > 0) {
      spans.push(at, at + length);
      at += length - 1;
    }
  }
}
function jsonStrings(value) {
  const strings = [];
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === "object") {
      for (const [key, x] of Object.entries(v)) {
        strings.push(key);
        stack.push(x);
      }
    }
  }
  return strings.join("\n");
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
    const found2 = (text2) => this.redactor.finds(text2);
    if (found2(request.path)) return "path";
    const values = Object.entries(request.query ?? {}).flat();
    if (values.some(found2) || found2(request.queryString)) return "query";
    if (request.body !== null && (found2(request.body) || found2(jsonStrings(request.bodyValue))))
      return "body";
    if (found2(request.accessKeyId)) return "access-key-id header";
    return void 0;
  }
};

// src/time.ts
var realTime = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener("abort", done, { once: true });
  })
};

// src/ninedata/ninedata-client.ts
var ADDRESS_GRACE_MS = 6e4;
var LAST_TRY_MARGIN_MS = 500;
var NineDataClient = class {
  constructor(options2) {
    this.options = options2;
    this.time = options2.time ?? realTime;
    this.clock = new ServerClock(() => this.time.now());
    this.http = new HttpExchange({ ...options2, now: () => this.time.now() });
    this.wire = new WireGuard(options2.credentials.accessKeySecret);
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
  async call(method, path, options2 = {}) {
    const tally = { failures: 0, unclear: 0, outage: void 0 };
    try {
      return await this.attempts(method, path, options2, tally);
    } catch (error) {
      if (!(error instanceof StopError)) throw error;
      const seen = error.outage ?? tally.outage;
      const outage = seen && { ...seen, lastError: this.addressed(seen) };
      throw new StopError(error.reason, outage, error.mayHaveActed || tally.unclear > 0);
    }
  }
  async attempts(method, path, options2, tally) {
    const label = `${method} ${path}`;
    let clockCorrected = false;
    for (; ; ) {
      const { outage } = tally;
      this.stopIfDone(outage);
      const offsetSignedWith = this.clock.offsetMs;
      const attemptAt = this.time.now();
      try {
        const answer = await this.signedRequest(method, path, options2);
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
        const error = classifyNetworkError(caught);
        if (error.kind === "auth" && !clockCorrected && await this.clockWasOff(offsetSignedWith)) {
          clockCorrected = true;
          continue;
        }
        if (error.kind !== "transient") throw error;
        this.suspectApiUrl(error);
        this.endIfMisaddressed(error, attemptAt);
        tally.failures++;
        if (error.mayHaveReachedServer) tally.unclear++;
        options2.onFailedAttempt?.(error);
        tally.outage = { sinceMs: outage?.sinceMs ?? attemptAt, lastError: error };
        await this.pauseAfter(label, error, tally.failures, tally.outage);
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
  async pauseAfter(label, error, failures, outage) {
    const asked = error.retryAfterMs !== void 0 ? ` (Retry-After asks for ${(error.retryAfterMs / 1e3).toFixed(1)}s)` : "";
    let delay = retryDelay(failures, {
      intervalMs: this.options.pollIntervalMs,
      retryAfterMs: error.retryAfterMs,
      random: this.options.random
    });
    const remaining = this.options.deadline - this.time.now();
    if (delay >= remaining) {
      const lastTry = remaining - LAST_TRY_MARGIN_MS;
      const serverWantsLonger = (error.retryAfterMs ?? 0) >= remaining;
      if (serverWantsLonger || lastTry < RETRY_POLICY.floorMs) {
        await this.sleep(remaining);
        const last = new ApiError(
          error.kind,
          `${error.message}${asked}; no time was left for another try`,
          error
        );
        throw new StopError("timeout", { ...outage, lastError: last });
      }
      delay = lastTry;
    }
    const down = formatDuration(this.time.now() - outage.sinceMs);
    this.options.log.warning(
      `${label} failed: ${error.message}. Retrying in ${(delay / 1e3).toFixed(1)}s${asked}; no usable answer for ${down} so far.`
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
      } catch (error) {
        if (error instanceof StopError) throw error;
        this.options.log.debug(
          `Could not read NineData's time from ${NOW_PATH}: ${errorMessage(error)}`
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
  suspectApiUrl(error) {
    if (this.reachedNineData || this.suspicionSaid) return;
    const suspicion = apiUrlSuspicion(error);
    if (suspicion === void 0) return;
    this.suspicionSaid = true;
    const then = pointsAtAddress(error) ? `Retries go on for ${formatDuration(ADDRESS_GRACE_MS)} at most: if nothing answers as NineData by then, the step ends (a wrong address does not get better by waiting).` : "Retries go on until timeout-seconds, as for an outage (NineData may be restarting); if api-url is wrong, fix it rather than wait.";
    this.options.log.warning(
      `\`api-url\` (${this.options.apiUrl}) has given no answer from NineData yet: ${suspicion}. ${then}`
    );
  }
  /**
   * Until NineData has answered once, failures that point at the address rather than at an outage
   * (see pointsAtAddress) end the call once they have gone on for ADDRESS_GRACE_MS.
   */
  endIfMisaddressed(error, attemptAt) {
    if (this.reachedNineData || !pointsAtAddress(error)) return;
    this.misaddressedSince ??= attemptAt;
    const failing = this.time.now() - this.misaddressedSince;
    if (failing < ADDRESS_GRACE_MS) return;
    const address = this.addressed({ sinceMs: this.misaddressedSince, lastError: error });
    throw new ApiError(
      "fatal",
      `nothing answered as NineData in ${formatDuration(failing)} of tries, and a wrong address does not get better by waiting, so the step ends before timeout-seconds; the last error: ${error.message}`,
      address
    );
  }
  /**
   * The outage's last error; when NineData has never answered and the failure says something about
   * the address, with the api-url hint (marked to lead the final message).
   */
  addressed(outage) {
    const error = outage.lastError;
    const suspicion = this.reachedNineData ? void 0 : apiUrlSuspicion(error);
    if (suspicion === void 0) return error;
    return new ApiError(error.kind, error.message, {
      ...error,
      hint: `\`api-url\` (${this.options.apiUrl}) has never answered as NineData: ${suspicion}`,
      misaddressed: true
    });
  }
  /** One signed request and its envelope: the data as received, or a classified failure. */
  async signedRequest(method, path, options2) {
    const query = options2.query ? `?${new URLSearchParams(options2.query).toString()}` : "";
    const signedAt = this.clock.now();
    const headers = {
      accept: "application/json",
      ...authHeaders(path, this.options.credentials, signedAt)
    };
    const body = method === "POST" ? JSON.stringify(options2.body ?? {}) : null;
    if (body !== null) headers["content-type"] = "application/json";
    this.wire.check({
      method,
      path,
      query: options2.query,
      queryString: query,
      body,
      bodyValue: options2.body,
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

// src/ninedata/comparison-api.ts
var BASE2 = {
  schema: "/openapi/v1/compareschema",
  data: "/openapi/v1/comparedata"
};
var PAGE_SIZE = 100;
function runPaths(kind) {
  const base = BASE2[kind];
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
async function pollUntilSettled(options2) {
  const { time, deadline } = options2;
  let last;
  const end = (ending) => ({ ending, last });
  try {
    for (let polls = 1; ; polls++) {
      const startedAt = time.now();
      last = await options2.poll();
      const took = time.now() - startedAt;
      options2.onState(last);
      if (options2.isSettled(last)) return end(FINISHED);
      if (time.now() >= deadline) return end({ how: "timeout" });
      const next = Math.max(
        startedAt + pollDelayMs(polls, options2.intervalMs),
        time.now() + 2 * took
      );
      await options2.sleep(Math.max(0, Math.min(next, deadline) - time.now()));
      if (time.now() >= deadline) return end({ how: "timeout" });
    }
  } catch (error) {
    return end(endingOf(error, options2.doing));
  }
}

// src/phases/busy-task-wait.ts
var BUSY_STATUSES = /* @__PURE__ */ new Set(["prechecking", "starting", "running"]);
async function startWhenFree(ctx, what, start3) {
  const wait = { polls: 0, since: 0, status: "" };
  for (; ; ) {
    try {
      return await start3();
    } catch (error) {
      if (!isBusyRefusal(error) || ctx.inputs.whenBusy === "fail")
        throw timedOutWaiting(error, wait, ctx);
      if (wait.polls === 0) {
        const refusal = error;
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
    } catch (error) {
      const doing = `The status query for busy comparison task ${inputs.taskId} failed`;
      throw timedOutWaiting(new EndingError(endingOf(error, doing)), wait, ctx);
    }
  } while (BUSY_STATUSES.has(wait.status.toLowerCase()));
  ctx.log.info(
    `Comparison task ${inputs.taskId} reports ${visible(wait.status)} after ${formatDuration(ctx.time.now() - wait.since)} of waiting: starting again.`
  );
}
function timedOutWaiting(error, wait, ctx) {
  const ending = error instanceof EndingError ? error.ending : error instanceof StopError ? endingOf(error, "") : void 0;
  if (wait.polls === 0 || ending?.how !== "timeout") return error;
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
async function readPages(fetch, run, keep) {
  const book = new PageBook();
  const first = await fetch(1);
  book.take(1, first);
  const expected = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const later = [];
  await run(expected - 1, async (index) => {
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
      const result = await send((error) => this.failedAttempt(error, epoch));
      if (result.call.attempts === 1) this.answered(this.now() - sentAt, epoch);
      return result;
    } finally {
      this.inFlight--;
    }
  }
  failedAttempt(error, epoch) {
    if (!isPushBack(error)) return;
    this.stats.pushBacks++;
    if (error.retryAfterMs !== void 0) {
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + error.retryAfterMs);
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
function isPushBack(error) {
  return error.httpStatus === 429 || error.httpStatus === 503 || error.retryAfterMs !== void 0 || error.symptom === "silent";
}
var fixedForBenchmark;
function newRequestWindow(now) {
  return fixedForBenchmark === void 0 ? new RequestWindow(now) : new RequestWindow(now, fixedForBenchmark, false);
}
async function runInWindow(window, count2, work, options2) {
  const running = /* @__PURE__ */ new Map();
  let failure;
  let next = 0;
  const lowest = () => running.size === 0 ? next : Math.min(...running.keys());
  try {
    while (next < count2 && !failure) {
      const paused = window.pausedUntil - options2.now();
      if (paused > 0 && running.size === 0) await options2.wait(paused);
      else if (window.hasRoom(running.size) && next - lowest() < options2.maxAhead) {
        const index = next++;
        const job = work(index).then(
          () => void running.delete(index),
          (error) => {
            running.delete(index);
            failure ??= { error };
          }
        );
        running.set(index, job);
      } else await Promise.race(running.values());
    }
  } catch (error) {
    failure ??= { error };
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
  const run = (count2, work) => runInWindow(window, count2, work, {
    wait: async (ms) => {
      await ctx.client.sleep(ms);
      if (ctx.time.now() >= ctx.deadline) throw new StopError("timeout");
    },
    now,
    maxAhead: MAX_AHEAD
  });
  if (results.kind === "schema") await fillSchema(ctx, execId, results, { window, run, outcome });
  else await fillData(ctx, execId, results, anyDifference, { window, run });
}
async function fillSchema(ctx, execId, results, { window, run, outcome }) {
  const asked = { taskId: ctx.inputs.taskId, execId };
  const first = await readPages(
    (pageNumber) => window.track((f) => getSchemaResultsPage(ctx.client, { ...asked, pageNumber }, f)).then((answer) => answer.value),
    run,
    (entries) => results.objects.push(...entries)
  );
  results.total = first.total;
  const objects = results.objects;
  announce(ctx, `Reading the correction SQL of ${plural(objects.length, "object")}`, execId);
  const order = new InOrder(objects, ctx.correctionSql?.(execId));
  try {
    await readEach(ctx, { window, run }, objects, "objects", {
      ask: (object, f) => getCorrectionSql(ctx.client, { ...asked, progressId: object.progressId }, f),
      keep: (object, sql) => object.correctSql = sql,
      done: (index) => order.done(index)
    });
  } catch (error) {
    order.stopped(error);
    throw error;
  } finally {
    outcome.correctionSqlFile = order.finish();
  }
}
async function fillData(ctx, execId, results, anyDifference, { window, run }) {
  const asked = { taskId: ctx.inputs.taskId, execId };
  const first = await readPages(
    (pageNumber) => window.track((f) => getTableSummaryPage(ctx.client, { ...asked, pageNumber }, f)).then((answer) => answer.value),
    run,
    (entries) => results.tables.push(...entries)
  );
  results.totalTableCount = first.total;
  results.diffTableCount = first.diffTableCount;
  if (!anyDifference && results.diffTableCount === 0) return;
  const tables = results.tables;
  announce(ctx, `Counting the differing records of ${plural(tables.length, "table")}`, execId);
  await readEach(ctx, { window, run }, tables, "tables", {
    ask: (table, f) => getTableDifferenceCount(ctx.client, { ...asked, progressId: table.progressId }, f),
    keep: (table, count2) => table.differences = count2,
    done: () => void 0
  });
}
async function readEach(ctx, { window, run }, entries, what, calls) {
  const progress = progressLine2(ctx, window, entries.length, what);
  try {
    await run(entries.length, async (index) => {
      const entry = entries[index];
      try {
        calls.keep(entry, (await window.track((f) => calls.ask(entry, f))).value);
      } catch (error) {
        entry.unreadable = unreadable(error);
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
  stopped(error) {
    this.stop = error instanceof StopError ? error.reason === "cancelled" ? "the step was cancelled" : "timeout-seconds ran out" : "the reading stopped";
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
  const refused3 = missing.filter((o) => o.unreadable !== void 0).length;
  const reasons = [
    refused3 > 0 ? `${refused3} could not be read` : "",
    missing.length > refused3 ? `${missing.length - refused3} were not read before ${stop ?? "the reading stopped"}` : ""
  ].filter(Boolean);
  return {
    count: missing.length,
    of: objects.length,
    progressIds: missing.slice(0, 20).map((o) => o.progressId),
    why: reasons.join(", ") || (stop ?? "the reading stopped")
  };
}
function unreadable(error) {
  if (error instanceof ApiError) {
    return error.requestId ? `${error.message} (requestId ${error.requestId})` : error.message;
  }
  throw error;
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
  } catch (error) {
    const ending = endingOf(
      error,
      `NineData did not start a run of comparison task ${inputs.taskId}`
    );
    const why2 = startMayHaveRun(error);
    return done(ending, why2 ? { stop: await stopUnfinishedRun(ctx, "", why2) } : {});
  }
  seen.stage = "run";
  const run = await waitForRun(ctx, seen.execId);
  seen.last = run.last;
  const why = givenUpOn(run.ending, run.last);
  if (why) return done(run.ending, { stop: await stopUnfinishedRun(ctx, seen.execId, why) });
  if (run.ending.how !== "finished" || canonicalRunStatus(run.last?.status ?? "") !== "success") {
    return done(run.ending);
  }
  seen.stage = "results";
  const results = emptyResults(inputs.comparison);
  const read = {};
  try {
    await fillResults(ctx, seen.execId, results, (rowTotal(run.last) ?? 0) > 0, read);
    return done(FINISHED, { results, correctionSqlFile: read.correctionSqlFile });
  } catch (error) {
    const doing = `Reading the results of comparison run ${seen.execId} failed`;
    return done(endingOf(error, doing), { results, correctionSqlFile: read.correctionSqlFile });
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
function startMayHaveRun(error) {
  if (error instanceof StopError && error.mayHaveActed) {
    const when = error.reason === "cancelled" ? "the step was cancelled" : "timeout-seconds ran out";
    return `the execute call got no answer before ${when}, so a run may have started`;
  }
  if (error instanceof ApiError && error.kind === "protocol")
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
  const run = execId ? `comparison run ${execId}` : "the comparison run";
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
      `Asked NineData to stop ${run} of task ${inputs.taskId} (requestId ${call.requestId || "none"}): ${why}.`
    );
    return { sent: true, message: "" };
  } catch (error) {
    const ending = endingOf(error, `Stopping ${run} failed`);
    const message = ending.how === "error" ? ending.message : `no answer within ${STOP_BUDGET_MS / 1e3}s.`;
    log.warning(`Could not stop ${run} (${why}): ${message}`);
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
    } catch (error) {
      const doing = `NineData did not start a precheck for task ${inputs.taskId}`;
      return learned(endingOf(error, doing), "");
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
    const found2 = await findTask(ctx, definition, phase);
    if (found2) return { ...phase, taskId: found2.taskId };
  } catch (error) {
    const doing = "Listing NineData schema comparison tasks";
    return { ...phase, ending: failed(error, doing, "Reading the task list", definition) };
  }
  try {
    return { ...phase, how: "created", taskId: await create(ctx, definition, phase) };
  } catch (error) {
    const doing = `Creating schema comparison task ${visible(definition.taskName)}`;
    return { ...phase, how: "created", ending: failed(error, doing, "Creating a task", definition) };
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
function failed(error, doing, needing, definition) {
  const ending = endingOf(error, `${doing} failed`);
  if (ending.how !== "error" || !(error instanceof ApiError) || !PERMISSION_WORDS.test(error.message))
    return ending;
  const named = [definition.sourceDsId, definition.targetDsId].filter(
    (id) => error.message.includes(id)
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
  if (ending.how === "timeout" || !last) return verdict("timeout", timeoutReason2(seen));
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
function timeoutReason2(end) {
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

// src/text/safe-text.ts
var PRE_CUT_FACTOR = 4;
var REMEMBER_FROM = 64 * 1024;
var SafeText = class {
  redactor;
  /** Room past a cut for the longest encoded copy of a secret (`&#x00005F;`: 10 per character). */
  margin;
  /** Copies found in long texts, by text (a long string's hash is cheap: V8 hashes its length). */
  known = /* @__PURE__ */ new Map();
  constructor(secrets) {
    this.redactor = new Redactor(secrets);
    this.margin = 12 * Math.max(0, ...secrets.map((s) => s.length)) + 16;
  }
  /** The secret hidden, nothing else changed: for outputs and the report file. */
  value(text2) {
    return this.redactor.redact(text2, this.spans(text2));
  }
  /** One inert log line. */
  line(text2, max = LIMITS.reason) {
    const part = this.hidden(text2, max);
    textWork.shaped += part.text.length;
    const line = this.redactor.redact(inertLine(flattenLine(part.text)));
    return this.cut(line, max, part.dropped);
  }
  /**
   * Escaped HTML for the job summary and the comment, invisible characters written out. When
   * leaving them out would spell the secret (`sec<U+0007>ret`), they are left out and it is hidden.
   */
  html(text2, max) {
    const part = this.hidden(text2, max);
    textWork.shaped += part.text.length;
    const joined = cleanText(part.text);
    if (this.redactor.finds(joined))
      return htmlBlock(this.cut(this.redactor.redact(joined), max, part.dropped));
    const shown = showInvisible(part.text);
    const shaped = shown.length === joined.length ? joined : this.redactor.redact(shown);
    return htmlBlock(this.cut(shaped, max, part.dropped));
  }
  /**
   * Escaped XML for the JUnit report: characters XML 1.0 forbids and invisible controls dropped;
   * `oneLine` for names and attributes, else newlines are kept (SQL, messages).
   */
  xml(text2, max, oneLine = false) {
    const part = this.hidden(text2, max);
    const kept = xmlChars(part.text);
    const shaped = this.redactor.redact(oneLine ? flattenLine(kept) : cleanText(kept));
    return xmlEscape(this.cut(shaped, max, part.dropped));
  }
  /** An ID for <code> in the job summary. */
  code(text2, max = LIMITS.id) {
    return codeText(this.line(text2, max));
  }
  /**
   * JSON of a value with every string (keys included) redacted. The value is not changed. `plain` is
   * its JSON when the caller already made it.
   */
  json(value, plain = JSON.stringify(value)) {
    if (!this.redactor.active) return plain;
    if (!this.findsInStrings(value) && !this.findsInJson(plain)) return plain;
    const json = JSON.stringify(value, (_key, v) => {
      if (typeof v === "string") return this.value(v);
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        const entries = Object.entries(v);
        if (entries.some(([k]) => this.redactor.redact(k) !== k)) {
          return Object.fromEntries(entries.map(([k, x]) => [this.redactor.redact(k), x]));
        }
      }
      return v;
    });
    if (!this.redactor.finds(json)) return json;
    const text2 = this.redactor.redact(json);
    try {
      JSON.parse(text2);
      return text2;
    } catch {
      return JSON.stringify("***");
    }
  }
  /**
   * JSON text in parts, for a file too large to hold as one string: `open`, the values separated by
   * commas (each as `json` makes it), then `close`. A copy of a secret across two parts (across the
   * JSON syntax between them) costs the later value, written as "***".
   */
  *jsonParts(open, values, close) {
    const masked = JSON.stringify("***");
    let before = "";
    let pending = open;
    let comma = "";
    const across = (right) => this.redactor.finds((before + pending).slice(-this.margin) + right.slice(0, this.margin));
    for (const value of values) {
      const json = this.json(value);
      const part = comma + (across(comma + json) ? masked : json);
      yield pending;
      before = (before + pending).slice(-this.margin);
      pending = part;
      comma = ",";
    }
    if (comma !== "" && across(close)) pending = comma + masked;
    yield pending;
    yield close;
  }
  /**
   * The part of `text` worth shaping for a surface showing `max` characters, every copy of the secret
   * in it hidden. A copy that straddles the cut is found in the room past it and hidden whole.
   */
  hidden(text2, max) {
    const budget = max * PRE_CUT_FACTOR + 1024;
    if (text2.length <= budget + this.margin) return { text: this.value(text2), dropped: 0 };
    const part = this.redactor.redactPrefix(text2.slice(0, budget + this.margin), budget);
    return { text: part.text, dropped: text2.length - part.end };
  }
  /**
   * Shortened to `max` with a count of what was left out. After a cut, the shaped text's last
   * `margin` characters go too: shaping may have made them the start of a copy whose rest was cut.
   */
  cut(shaped, max, dropped) {
    if (dropped === 0) return shorten(shaped, max);
    const kept = shaped.slice(0, Math.max(0, shaped.length - this.margin));
    return shorten(kept, max, shaped.length + dropped);
  }
  /** Where `text` holds a copy of a secret; a long text is searched only the first time. */
  spans(text2) {
    if (text2.length < REMEMBER_FROM) return this.redactor.spans(text2);
    let spans = this.known.get(text2);
    if (spans === void 0) {
      spans = this.redactor.spans(text2);
      this.known.set(text2, spans);
    }
    return spans;
  }
  /** Whether any string of a JSON value, keys included, holds a copy. Iterative: depth costs no stack. */
  findsInStrings(value) {
    const short = [];
    const stack = [value];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v === "string") {
        if (v.length < REMEMBER_FROM) short.push(v);
        else if (this.spans(v).length > 0) return true;
      } else if (Array.isArray(v)) for (const x of v) stack.push(x);
      else if (v !== null && typeof v === "object") {
        for (const [key, x] of Object.entries(v)) {
          short.push(key);
          stack.push(x);
        }
      }
    }
    return this.redactor.finds(short.join("\n"));
  }
  /**
   * Whether JSON text holds a copy, in a string or across its syntax (`a","b`). The inside of a long
   * string already searched as a value is not searched again: only `margin` characters at each end,
   * where a copy could run into the quotes.
   */
  findsInJson(json) {
    let from = 0;
    for (let open = json.indexOf('"'); open >= 0; ) {
      const close = closingQuote(json, open);
      const inside = json.slice(open + 1, close);
      if (inside.length >= REMEMBER_FROM && this.known.get(inside)?.length === 0) {
        if (this.redactor.finds(json.slice(from, open + 1 + this.margin))) return true;
        from = close - this.margin;
      }
      open = json.indexOf('"', close + 1);
    }
    return this.redactor.finds(json.slice(from));
  }
};
function closingQuote(json, open) {
  for (let at = json.indexOf('"', open + 1); at >= 0; at = json.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (json.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return json.length;
}

// src/gate-step.ts
async function runStep(get, log, env, options2 = {}) {
  let inputs;
  try {
    inputs = checkedInputs(get, options2.usage ?? []);
    const gate = await runGate(inputs, { log, ...env, correctionSql: options2.correctionSql });
    return { inputs, gate, decided: gate.verdict };
  } catch (error) {
    if (error instanceof InputError) {
      if (error.problems.length > 1)
        for (const problem of error.problems)
          log.error(`Invalid input: ${problem}`, "Invalid input");
      return {
        ...refused2(void 0, { how: "error", message: error.message }),
        inputsRefused: true
      };
    }
    if (error instanceof Error && error.stack) log.debug(error.stack);
    return refused2(inputs, crashEnding(error));
  }
}
function refused2(inputs, ending) {
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
  } catch (error) {
    if (error instanceof InputError) throw new InputError([...usage, ...error.problems]);
    throw error;
  }
  if (usage.length > 0) throw new InputError([...usage]);
  return inputs;
}

// src/report/correction-sql-writer.ts
var import_node_fs2 = __toESM(require_node_fs(), 1);
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
function runSection(run, entries) {
  const { seen, differences, verdict } = run;
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
function runEntries(run) {
  const results = run.seen.results;
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
  const run = fileNamePart(execId, safe, "run");
  const suffix = state === "complete" ? "" : state === "partial" ? ".partial" : ".INCOMPLETE";
  return `ninedata-correction-${run}${suffix}.sql`;
}
var REVIEW = "-- Review before running: it makes the target match the source.";
function headerWhileWriting(execId) {
  return padHeader([
    `-- INCOMPLETE: correction SQL of comparison run ${idText2(execId)} from NineData, still being written.`,
    "-- Do not apply it: if this line is still here, the step ended before the file was finished."
  ]);
}
function finalHeader(execId, objects, missing) {
  const run = `comparison run ${idText2(execId)}`;
  if (!missing) {
    return padHeader([
      `-- Correction SQL from NineData: ${plural(objects, "differing object")} of ${run}.`,
      "-- COMPLETE: the SQL of every object of the run that differs.",
      REVIEW
    ]);
  }
  return padHeader([
    `-- INCOMPLETE: NOT the whole correction SQL of ${run}. Do not apply it as a fix.`,
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
        (0, import_node_fs2.mkdirSync)(this.folder, { recursive: true });
        this.fd = (0, import_node_fs2.openSync)(this.path("partial"), "w");
        (0, import_node_fs2.writeSync)(this.fd, headerWhileWriting(this.execId));
      }
      for (const part of sqlEntryParts(object, sql, this.safe)) (0, import_node_fs2.writeSync)(this.fd, part);
      this.objects++;
    } catch (error) {
      this.failed = error.message;
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
      (0, import_node_fs2.writeSync)(fd, footer(this.objects, missing));
      (0, import_node_fs2.writeSync)(fd, finalHeader(this.execId, this.objects, missing), 0);
      (0, import_node_fs2.closeSync)(fd);
      this.fd = void 0;
      (0, import_node_fs2.renameSync)(this.path("partial"), facts.path);
      return facts;
    } catch (error) {
      this.close();
      return {
        ...facts,
        complete: false,
        path: this.path("partial"),
        failed: error.message
      };
    }
  }
  close() {
    try {
      if (this.fd !== void 0) (0, import_node_fs2.closeSync)(this.fd);
    } catch {
    }
    this.fd = void 0;
  }
};

// src/report/publish-report.ts
var import_node_fs3 = __toESM(require_node_fs(), 1);
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
function runOutputs(run, safe) {
  const { seen, differences } = run;
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
  if (!countedDifferences(run) || !differences || !seen.results) return values;
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

// src/report/comparison-summary.ts
var RUN_ICON = {
  success: "\u2705",
  failed: "\u274C",
  stopped: "\u{1F6D1}",
  running: "\u23F3",
  starting: "\u23F3"
};
function runStatusCell(status, safe) {
  const known = canonicalRunStatus(status);
  if (known) return `${RUN_ICON[known] ?? ""}&nbsp;${known}`;
  return `\u2754&nbsp;<code>${safe.code(visible(status), LIMITS.id * 6)}</code>`;
}
function factsRows(run, safe) {
  const { seen, differences } = run;
  const code = (text2) => `<code>${safe.code(text2)}</code>`;
  const rows = [
    ["Comparison run", seen.execId ? code(seen.execId) : "(not started)"],
    ["Run status", seen.last ? runStatusCell(seen.last.status, safe) : "(no status seen)"]
  ];
  if (seen.last?.errorMessage.trim()) {
    rows.push(["Message from NineData", safe.html(seen.last.errorMessage, LIMITS.message)]);
  }
  const results = seen.results;
  if (results?.kind === "schema" && differences) {
    const unverified = differences.unverified.length;
    rows.push([
      "Objects",
      `${results.objects.length} compared, ${differences.differing.length} differ${unverified ? `, ${unverified} not verified` : ""}`
    ]);
  }
  const r = seen.last?.rows;
  if (r) {
    const total = rowTotal(seen.last);
    rows.push([
      "Rows",
      `${total ?? "?"} differ (${r.differenceRows ?? "?"} with other values, ${r.onlySourceRows ?? "?"} only in the source, ${r.onlyTargetRows ?? "?"} only in the target)`
    ]);
    if (results?.kind === "data") {
      rows.push(["Tables", `${results.totalTableCount} compared, ${results.diffTableCount} differ`]);
    }
    if (r.skippedTables !== void 0) rows.push(["Skipped tables", String(r.skippedTables)]);
  }
  if (seen.stop)
    rows.push(["Stop request", seen.stop.sent ? "sent" : safe.html(seen.stop.message, 500)]);
  return rows;
}
function differenceRow(entry, safe) {
  return `<tr><td><strong>${safe.html(objectLabel(entry), LIMITS.name)}</strong></td><td><code>${safe.code(entry.progressId)}</code></td><td>${differenceDetail(entry, safe)}</td></tr>
`;
}
function differenceDetail(entry, safe) {
  if (entry.kind === "object") return "correction SQL below";
  const records = entry.differences === void 0 ? "records differ" : recordsDiffer(entry.differences);
  const target = [entry.targetSchemaName, entry.targetTableName].filter(Boolean).join(".");
  const source = [entry.schemaName, entry.tableName].filter(Boolean).join(".");
  return target && target !== source ? `${records} (target ${safe.html(target, LIMITS.name)})` : records;
}
function sqlBlock(entry, safe) {
  return `<details><summary>${safe.html(objectLabel(entry), LIMITS.name)}</summary><pre>${safe.html(entry.correctSql ?? "", LIMITS.sql)}</pre>${sqlCutNote(entry)}</details>
`;
}
function sqlCutNote(entry) {
  if (entry.correctSqlLength === void 0) return "";
  const left = entry.correctSqlLength - (entry.correctSql ?? "").length;
  return `<p>\u2026 ${plural(left, "more character")}: the correction-sql-file output has the whole SQL.</p>`;
}
function addWithin(parts, blocks, budget) {
  let used = 0;
  let added = 0;
  for (const block of blocks) {
    used += Buffer.byteLength(block);
    if (used > budget) break;
    parts.push(block);
    added++;
  }
  return added;
}
function* rendered(entries, render) {
  for (const entry of entries.slice(0, LIMITS.differenceRows)) yield render(entry);
}
function renderComparison(run, safe, budget) {
  const rows = factsRows(run, safe);
  const parts = [
    "\n### Comparison run\n\n<table>\n",
    rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join("\n"),
    "\n</table>\n"
  ];
  const differing = run.differences?.differing ?? [];
  if (differing.length === 0) return parts.join("");
  const what = differing[0]?.kind === "table" ? "Tables" : "Objects";
  parts.push(
    `
### ${what} that differ

<table>
<thead><tr><th>${what === "Tables" ? "Table" : "Object"}</th><th>progressId</th><th>Difference</th></tr></thead>
<tbody>
`
  );
  const shownRows = rendered(differing, (e) => differenceRow(e, safe));
  const kept = addWithin(parts, shownRows, budget / 2);
  parts.push("</tbody>\n</table>\n");
  if (kept < differing.length) {
    parts.push(
      `
<p>${differing.length - kept} more not shown: the report-file output has every result.</p>
`
    );
  }
  const objects = differing.filter((e) => e.kind === "object");
  if (objects.length > 0) {
    parts.push("\n#### Correction SQL\n\n");
    const room = budget - Buffer.byteLength(parts.join(""));
    const blocks = rendered(objects, (e) => sqlBlock(e, safe));
    const shown = addWithin(parts, blocks, room);
    if (shown < objects.length) {
      parts.push(
        `
<p>The SQL of ${plural(objects.length - shown, "more object")} is in the correction-sql-file output.</p>
`
      );
    }
  }
  return parts.join("");
}

// src/report/job-summary.ts
var SUMMARY_BUDGET_BYTES = 900 * 1024;
var STATUS_ICON = {
  Failed: "\u274C",
  Success: "\u2705",
  Running: "\u23F3",
  Unstarted: "\u23F8\uFE0F"
};
function statusCell(status, safe) {
  const canonical = canonicalStatus(status);
  if (canonical) return `${STATUS_ICON[canonical] ?? ""}&nbsp;${canonical}`;
  return `\u2754&nbsp;<code>${safe.code(visible(status), LIMITS.id * 6)}</code>`;
}
function verdictHeading(report) {
  const { verdict } = report;
  const what = verdict.phase === "comparison" ? `NineData ${comparisonWords(report)}` : `NineData ${comparisonWords(report)} precheck`;
  const failed2 = verdict.phase === "comparison" && verdict.softenedBy ? "found differences" : "failed";
  switch (verdict.kind) {
    case "passed":
      return verdict.phase === "comparison" ? `\u2705 ${what}: no difference` : `\u2705 ${what} passed`;
    case "failed":
      return stepFails(report) ? `\u274C ${what} ${failed2}` : `\u26A0\uFE0F ${what} ${failed2} (not blocking: ${verdict.softenedBy ?? "fail-on-failure"} is false)`;
    case "timeout":
      return `\u23F1\uFE0F ${what} timed out`;
    case "cancelled":
      return `\u{1F6D1} ${what}: wait cancelled`;
    case "error":
      return `\u274C ${what}: no verdict`;
  }
}
function greenMeaning(report) {
  if (stepFails(report)) return void 0;
  const { verdict } = report;
  if (verdict.passed)
    return verdict.phase === "comparison" ? "What this green means: the precheck passed and the comparison run found no difference between source and target." : "What this green means: the precheck passed; no comparison was run, so source and target may still differ.";
  return verdict.phase === "comparison" ? "What this green means: the step does not block, but the comparison run found differences (`fail-on-difference` is false)." : "What this green means: the step does not block, but the precheck failed (`fail-on-failure` is false) and no comparison was run.";
}
function itemRow(item, withMessage, safe, earlier) {
  const name = itemLabel(item);
  const id = item.precheckItem && item.precheckItem !== name ? `<br><sub><code>${safe.code(item.precheckItem)}</code></sub>` : "";
  const message = withMessage ? `<td>${safe.html(item.errorMessage, LIMITS.message)}</td>` : "";
  return `<tr><td>${earlier ?? statusCell(item.status, safe)}</td><td><strong>${safe.html(name, LIMITS.name)}</strong>${id}</td><td>${safe.html(item.itemDescription, LIMITS.description)}</td>${message}</tr>
`;
}
function taskCell(report, code) {
  const source = report.taskSource;
  const id = report.taskId ? code(report.taskId) : source ? "(none)" : "(not given)";
  if (!source) return id;
  const how = source.how === "created" ? "created by this run" : "found by name";
  return `${id} (${report.taskId ? how : "not found or created"}: ${code(source.taskName)})`;
}
function factsTable(report, safe) {
  const state = report.state;
  const code = (text2) => `<code>${safe.code(text2)}</code>`;
  const rows = [
    ["Comparison task", taskCell(report, code)],
    ["Comparison", report.comparison ?? "(not known)"],
    ["Precheck", report.precheckTaskId ? code(report.precheckTaskId) : "(none started)"],
    ["Status", state ? statusCell(state.status, safe) : "(no status seen)"]
  ];
  if (state) {
    const items = state.precheckItems;
    const succeeded = items.filter((i) => canonicalStatus(i.status) === "Success").length;
    const failedNow = items.filter((i) => canonicalStatus(i.status) === "Failed").length;
    const other = items.length - succeeded - failedNow;
    const parts = [`${failedNow} failed`, `${succeeded} succeeded`];
    if (other > 0) parts.push(`${other} without a final status`);
    rows.push(["Check items", `${items.length} (${parts.join(", ")})`]);
  }
  rows.push(["Duration", formatDuration(report.durationMs)]);
  if (report.requestId) rows.push(["Last request ID", code(report.requestId)]);
  return `<table>
${rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join("\n")}
</table>
`;
}
function itemsTable(items, earlier, budget, safe) {
  const withMessage = [...earlier.map((e) => e.item), ...items].some(
    (i) => i.errorMessage.trim() !== ""
  );
  const head = `
### Check items

<table>
<thead><tr><th>Status</th><th>Check item</th><th>Description</th>${withMessage ? "<th>Message from NineData</th>" : ""}</tr></thead>
<tbody>
`;
  const tail = "</tbody>\n</table>\n";
  let used = Buffer.byteLength(head) + Buffer.byteLength(tail) + 600;
  const rows = [];
  const ordered = [...earlier.map((e) => e.item), ...orderForReport(items)];
  for (const [index, item] of ordered.entries()) {
    const row = itemRow(item, withMessage, safe, earlier[index]?.mark);
    used += Buffer.byteLength(row);
    if (used > budget) break;
    rows.push(row);
  }
  const left = ordered.slice(rows.length);
  const failedLeft = left.filter((i) => statusRank(i) === 0).length;
  const note = left.length === 0 ? "" : `
<p>${plural(left.length, "more check item")}${failedLeft ? ` (${failedLeft} of them failed)` : ""} not shown: GitHub drops a job summary over 1 MiB. The report-file output has every item.</p>
`;
  return `${head}${rows.join("")}${tail}${note}`;
}
function renderSummary(report, safe, budgetBytes = SUMMARY_BUDGET_BYTES) {
  const parts = [`## ${verdictHeading(report)}

`];
  const reason = `<p>${codeSpans(safe.html(report.verdict.reason, LIMITS.reason))}</p>

`;
  const hint = report.hint ? `<p>\u{1F4A1} ${codeSpans(safe.html(report.hint, 1e3))}</p>

` : "";
  parts.push(...report.hintFirst ? [hint, reason] : [reason, hint]);
  const green = greenMeaning(report);
  if (green) parts.push(`<p>${codeSpans(safe.html(green, 1e3))}</p>

`);
  parts.push(factsTable(report, safe));
  const comparison = report.run ? renderComparison(report.run, safe, budgetBytes / 2) : "";
  const used = () => Buffer.byteLength(parts.join("")) + Buffer.byteLength(comparison);
  const items = report.state?.precheckItems ?? [];
  const current = new Set(items);
  const earlier = [
    ...report.verdict.failedItems.filter((item) => !current.has(item)).map((item) => ({ item, mark: "\u274C&nbsp;Failed at an earlier poll" })),
    ...report.vanished.map((item) => ({ item, mark: "\u2754&nbsp;Gone from the last answer" }))
  ];
  if (items.length === 0 && earlier.length === 0) {
    if (report.state) parts.push("\n<p>NineData returned no check items.</p>\n");
  } else {
    parts.push(itemsTable(items, earlier, budgetBytes - used(), safe));
  }
  parts.push(comparison);
  return parts.join("");
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
  const rendered2 = suites.map((suite) => {
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
  return document(report, rendered2, safe);
}
function document(report, rendered2, safe) {
  const time = (report.durationMs / 1e3).toFixed(3);
  const total = { tests: 0, failures: 0, errors: 0 };
  for (const { counts: counts2 } of rendered2) {
    total.tests += counts2.tests;
    total.failures += counts2.failures;
    total.errors += counts2.errors;
  }
  const attrs = (c) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0"`;
  const suites = rendered2.flatMap(({ suite, counts: counts2, body }) => [
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
  const run = report.run;
  if (!run) throw new Error("comparisonSuite needs a run");
  const results = run.seen.results;
  const entries = results?.kind === "schema" ? results.objects : results?.tables ?? [];
  const execId = run.seen.execId || "(not started)";
  return {
    name: `NineData ${run.seen.kind} comparison run ${execId} of task ${report.taskId}`,
    classname: `ninedata.comparison.${report.taskId || "task"}`,
    verdict: verdictCase("Comparison run verdict", run.verdict, stepFails(report), report.hint),
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
  } catch (error) {
    await publishCrash(error, log, surface);
    return false;
  }
}
function logGroups(report, log) {
  const state = report.state;
  if (state) {
    const title = `All ${plural(state.precheckItems.length, "check item")} of precheck ${state.precheckTaskId}`;
    log.group(title, itemLines(state, log.safe));
  }
  const run = report.run;
  if (run?.differences && run.differences.differing.length > 0) {
    const title = `Differences found by comparison run ${run.seen.execId}`;
    log.group(title, differenceLines(run.differences, log.safe));
  }
}
async function publishCrash(error, log, surface) {
  const message = `The action crashed while writing its report: ${errorMessage(error)}`;
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
function correctionSqlOutput(run, log, surface) {
  const file = run.seen.correctionSqlFile;
  if (!file) return void 0;
  if (file.failed !== void 0) {
    log.warning(`Could not write the correction SQL file ${file.path}: ${file.failed}`);
    return void 0;
  }
  if (file.complete && countedDifferences(run)) {
    const path = surface.reportPath("correction-sql", (0, import_node_path2.basename)(file.path));
    try {
      if (path !== file.path) (0, import_node_fs3.renameSync)(file.path, path);
      return log.safe.value(path);
    } catch (error) {
      log.warning(
        `Could not move the correction SQL file ${file.path} to ${path}: ${errorMessage(error)}`
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
    (0, import_node_fs3.mkdirSync)((0, import_node_path2.dirname)(path), { recursive: true });
    fd = (0, import_node_fs3.openSync)(path, "w");
    let batch = [];
    let size = 0;
    for (const part of parts) {
      batch.push(part);
      size += part.length;
      if (size < WRITE_BATCH) continue;
      (0, import_node_fs3.writeSync)(fd, batch.join(""));
      batch = [];
      size = 0;
    }
    (0, import_node_fs3.writeSync)(fd, batch.join(""));
    const done = fd;
    fd = void 0;
    (0, import_node_fs3.closeSync)(done);
    return path;
  } catch (error) {
    if (fd !== void 0) closeQuietly(fd);
    log.warning(`Could not write the ${what} ${path}: ${errorMessage(error)}`);
    return void 0;
  }
}
function closeQuietly(fd) {
  try {
    (0, import_node_fs3.closeSync)(fd);
  } catch {
  }
}
async function writeJobSummary(report, log, surface) {
  try {
    await surface.writeSummary(renderSummary(report, log.safe));
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`);
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

// src/surface/cli-surface.ts
var import_node_fs4 = __toESM(require_node_fs(), 1);
var import_promises = __toESM(require_promises(), 1);
var import_node_path3 = __toESM(require_node_path(), 1);
var CLI_REPORT_FILES = {
  summary: "summary.md",
  report: "report.json",
  junit: "junit.xml",
  "correction-sql": "correction.sql"
};
function cliSurface(options2) {
  const out = options2.out ?? ((line) => void process.stdout.write(`${line}
`));
  const err = options2.err ?? ((line) => void process.stderr.write(`${line}
`));
  const now = options2.now ?? (() => Math.floor(Date.now() / 1e3));
  let sections = 0;
  return {
    info: out,
    warning: (line) => out(`Warning: ${line}`),
    error: (line) => err(`Error: ${line}`),
    debug: (line) => {
      if (options2.debug) out(`Debug: ${line}`);
    },
    group: (title, lines) => {
      if (!options2.gitlab) {
        out(`${title}:`);
        for (const line of lines) out(`  ${line}`);
        return;
      }
      const name = `ninedata_gate_${++sections}`;
      out(`\x1B[0Ksection_start:${now()}:${name}[collapsed=true]\r\x1B[0K${title}`);
      for (const line of lines) out(line);
      out(`\x1B[0Ksection_end:${now()}:${name}\r\x1B[0K`);
    },
    // No runner masks for us: SafeText hides the secret in every line.
    maskSecret: () => void 0,
    // No annotations outside GitHub: the item lines and junit.xml carry every finding.
    annotate: () => void 0,
    // The outputs are all in report.json.
    setOutput: () => void 0,
    reportPath: (kind) => (0, import_node_path3.join)(options2.reportDir, CLI_REPORT_FILES[kind]),
    writeSummary: async (markdown) => {
      (0, import_node_fs4.mkdirSync)(options2.reportDir, { recursive: true });
      await (0, import_promises.writeFile)((0, import_node_path3.join)(options2.reportDir, CLI_REPORT_FILES.summary), markdown);
    },
    fail: (message) => err(`Error: ${message}`)
  };
}
function clearReports(reportDir) {
  try {
    for (const name of Object.values(CLI_REPORT_FILES))
      (0, import_node_fs4.rmSync)((0, import_node_path3.join)(reportDir, name), { force: true });
    return void 0;
  } catch (error) {
    return error.message;
  }
}

// src/cli.ts
var options = readCliOptions(process.argv.slice(2), process.env);
if (options.help || options.version) {
  process.stdout.write(`${options.help ? helpText(package_default.version) : package_default.version}
`);
} else {
  process.exitCode = await gateFromCommandLine().catch((error) => {
    const safe = new SafeText([options.get("access-key-secret")].filter(Boolean));
    process.stderr.write(`Error: ${safe.line(`ninedata-gate crashed: ${String(error)}`)}
`);
    return EXIT_CODES.noVerdict;
  });
  setTimeout(() => process.exit(), 1e3).unref();
}
async function gateFromCommandLine() {
  const startedAt = realTime.now();
  const env = process.env;
  const surface = cliSurface({
    reportDir: options.reportDir,
    gitlab: env["GITLAB_CI"] === "true",
    debug: env["NINEDATA_GATE_DEBUG"] === "true" || env["CI_DEBUG_TRACE"] === "true"
  });
  const secret = options.get("access-key-secret");
  const log = openLog(surface, [.../* @__PURE__ */ new Set([secret, secret.trim()])].filter(Boolean));
  warnIfShortSecret(log, secret);
  for (const name of options.unknownVariables)
    log.warning(`${name} is set but names no option of ninedata-gate: it is ignored.`);
  const stale = clearReports(options.reportDir);
  if (stale) log.warning(`Could not remove the reports of an earlier run: ${stale}`);
  const signals = watchSignals(log);
  const phases = { time: realTime, signal: signals.signal, startedAt };
  const step = await runStep(options.get, log, phases, {
    usage: options.problems,
    correctionSql: correctionSqlFiles(log.safe, options.reportDir)
  });
  signals.verdictReached();
  const taskId = options.get("task-id").trim();
  const report = reportOf({ ...step, taskId }, realTime.now() - startedAt);
  const reported = await publishReport(report, log, surface, true);
  signals.release();
  return exitCodeOf(report, { inputsRefused: step.inputsRefused, reported });
}
