import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);
import {
  SafeText,
  canonicalRunStatus,
  codeSpans,
  countedDifferences,
  debug,
  errorMessage,
  greenMeaning,
  info,
  itemLabel,
  objectLabel,
  plural,
  realTime,
  recordsDiffer,
  require_node_fs,
  setOutput,
  stepFails,
  verdictHeading,
  warning
} from "./chunk-CL54DKNG.js";
import {
  __toESM
} from "./chunk-FPWFQ3JF.js";

// src/pull-request/comment-body.ts
var COMMENT_LIMIT = 65536;
var COMMENT_LIMITS = {
  reason: 2e3,
  hint: 1e3,
  name: 300,
  id: 128,
  message: 1e3,
  detail: 300,
  sql: 6e3
};
function text(safe, raw, max) {
  return safe.html(raw, max).replace(/&#(64|35);/g, "&#$1;<wbr>");
}
function sqlText(safe, sql) {
  return safe.html(sql, COMMENT_LIMITS.sql);
}
function renderComment(view, context, safe, limit = COMMENT_LIMIT) {
  const head = renderHead(view, context, safe);
  const differences = view.comparison?.differences ?? [];
  const reserve = renderTail(view.failedItems.length, differences.length, context).length;
  let room = limit - head.length - reserve;
  const itemsRoom = differences.length > 0 ? Math.floor(room * 2 / 3) : room;
  const items = itemsSection(view.failedItems, itemsRoom, safe);
  room -= items.html.length;
  const comparison = comparisonSection(view, room, safe);
  const tail = renderTail(items.total - items.shown, comparison.total - comparison.shown, context);
  const body = `${head}${items.html}${comparison.html}${tail}`;
  return body.length <= limit ? body : `${head.slice(0, limit - reserve)}${tail}`;
}
function renderHead(view, context, safe) {
  const parts = [`${context.marker}
### ${view.heading}

`];
  const reason = `<p>${codeSpans(text(safe, view.reason, COMMENT_LIMITS.reason))}</p>

`;
  const hint = view.hint ? `<p>\u{1F4A1} ${codeSpans(text(safe, view.hint, COMMENT_LIMITS.hint))}</p>

` : "";
  parts.push(...view.hintFirst ? [hint, reason] : [reason, hint]);
  if (view.green) parts.push(`<p>${codeSpans(text(safe, view.green, COMMENT_LIMITS.hint))}</p>

`);
  const facts = [`Comparison task ${code(view.taskId, safe) || "(not given)"}`];
  facts.push(
    view.precheckTaskId ? `precheck ${code(view.precheckTaskId, safe)}` : "no precheck started"
  );
  if (context.commit) facts.push(`commit <code>${context.commit}</code>`);
  parts.push(`<p>${facts.join(" \xB7 ")}</p>
`);
  return parts.join("");
}
function code(text2, safe) {
  return text2 ? `<code>${safe.code(text2, COMMENT_LIMITS.id)}</code>` : "";
}
function fitRows(list, room, open, close, row) {
  const total = list.length;
  let used = open.length + close.length;
  const rows = [];
  for (const entry of list) {
    const html = row(entry);
    if (used + html.length > room) break;
    rows.push(html);
    used += html.length;
  }
  if (rows.length === 0) return { html: "", shown: 0, total };
  return { html: `${open}${rows.join("")}${close}`, shown: rows.length, total };
}
function itemsSection(items, room, safe) {
  const open = `
#### Failed check items (${items.length})

<table>
<thead><tr><th>Check item</th><th>Message from NineData</th></tr></thead>
<tbody>
`;
  return fitRows(items, room, open, "</tbody>\n</table>\n", (item) => itemRow(item, safe));
}
function itemRow(item, safe) {
  const id = item.id ? `<br><sub>${code(item.id, safe)}</sub>` : "";
  const reason = item.reason.trim() ? text(safe, item.reason, COMMENT_LIMITS.message) : "<em>NineData gave no reason for this failure.</em>";
  return `<tr><td><strong>${text(safe, item.name, COMMENT_LIMITS.name)}</strong>${id}</td><td>${reason}</td></tr>
`;
}
function comparisonSection(view, room, safe) {
  const comparison = view.comparison;
  if (!comparison) return { html: "", shown: 0, total: 0 };
  const counts = comparison.counts.map((c) => `${text(safe, c.label, COMMENT_LIMITS.name)}: ${c.value}`).join(" \xB7 ");
  const head = `
#### Comparison run: ${code(comparison.status, safe) || "(no status)"}

` + (counts ? `<p>${counts}</p>
` : "");
  const open = "\n<table>\n<thead><tr><th>Differs</th><th>Difference and correction SQL</th></tr></thead>\n<tbody>\n";
  const rows = fitRows(
    comparison.differences,
    room - head.length,
    open,
    "</tbody>\n</table>\n",
    (d) => differenceRow(d, safe)
  );
  return head.length <= room ? { ...rows, html: `${head}${rows.html}` } : rows;
}
function differenceRow(difference, safe) {
  const detail = text(safe, difference.detail, COMMENT_LIMITS.detail);
  const sql = difference.sql?.trim() ? `<details><summary>Correction SQL</summary><pre>${sqlText(safe, difference.sql)}</pre></details>` : "";
  return `<tr><td><strong>${text(safe, difference.name, COMMENT_LIMITS.name)}</strong></td><td>${detail}${sql}</td></tr>
`;
}
function renderTail(itemsLeft, differencesLeft, context) {
  const parts = [];
  const where = context.run ? `The <a href="${context.run.url}">job summary</a> lists more` : "The run's job summary lists more";
  const left = [
    itemsLeft > 0 ? plural(itemsLeft, "more failed check item") : "",
    differencesLeft > 0 ? plural(differencesLeft, "more difference") : ""
  ].filter(Boolean);
  if (left.length > 0) {
    parts.push(
      `
<p>${left.join(" and ")} not shown: GitHub limits a comment to 65,536 characters. ${where}, and the step's <code>report-file</code> output has every item.</p>
`
    );
  }
  const run = context.run ? `<a href="${context.run.url}">job summary of ${context.run.label}</a>` : "run's job summary";
  parts.push(`
<sub>NineData precheck gate \xB7 details in the ${run}</sub>
`);
  return parts.join("");
}

// src/pull-request/pull-request-event.ts
var import_node_fs = __toESM(require_node_fs(), 1);
var PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];
var REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
var MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
function readPullRequestEvent(env, readFile = readPayloadFile) {
  const event = env["GITHUB_EVENT_NAME"] ?? "";
  if (!PULL_REQUEST_EVENTS.includes(event)) {
    const name = event ? `a ${event} event` : "an unknown event (GITHUB_EVENT_NAME is not set)";
    return {
      kind: "other-event",
      why: `pr-comment is on, but this run is ${name}: a comment is written only on pull_request and pull_request_target runs.`
    };
  }
  const repository = REPOSITORY.exec(env["GITHUB_REPOSITORY"] ?? "");
  if (!repository) {
    return { kind: "unreadable", why: "GITHUB_REPOSITORY is not set or not owner/name." };
  }
  const apiUrl = apiUrlOf(env["GITHUB_API_URL"]);
  if (!apiUrl) return { kind: "unreadable", why: "GITHUB_API_URL is not an http(s) URL." };
  const path = env["GITHUB_EVENT_PATH"];
  if (!path) return { kind: "unreadable", why: "GITHUB_EVENT_PATH is not set." };
  let payload;
  try {
    payload = JSON.parse(readFile(path));
  } catch (error) {
    return {
      kind: "unreadable",
      why: `the event payload (GITHUB_EVENT_PATH) could not be read: ${errorMessage(error)}.`
    };
  }
  const pr = pullRequestOf(payload);
  if (!pr) {
    return { kind: "unreadable", why: "the event payload names no pull request number." };
  }
  const [, owner = "", repo = ""] = repository;
  return { kind: "pull-request", target: { owner, repo, apiUrl, ...pr } };
}
function readPayloadFile(path) {
  const text2 = (0, import_node_fs.readFileSync)(path, "utf8");
  if (text2.length > MAX_PAYLOAD_BYTES) throw new Error("the file is larger than 25 MB");
  return text2;
}
function pullRequestOf(payload) {
  if (!isRecord(payload) || !isRecord(payload["pull_request"])) return void 0;
  const pr = payload["pull_request"];
  const number = pr["number"];
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 1) return void 0;
  const head = isRecord(pr["head"]) ? pr["head"]["sha"] : void 0;
  const commit = typeof head === "string" && /^[0-9a-f]{7,64}$/i.test(head) ? head : void 0;
  return commit ? { number, commit } : { number };
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function apiUrlOf(raw) {
  const value = (raw ?? "").trim() || "https://api.github.com";
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") return void 0;
    if (url.username || url.password || url.search || url.hash) return void 0;
    return value.replace(/\/+$/, "");
  } catch {
    return void 0;
  }
}
var SERVER_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;
function runLinkOf(env) {
  const server = (env["GITHUB_SERVER_URL"] || "https://github.com").replace(/\/+$/, "");
  const repository = env["GITHUB_REPOSITORY"] ?? "";
  const runId = env["GITHUB_RUN_ID"] ?? "";
  const attempt = env["GITHUB_RUN_ATTEMPT"] ?? "";
  if (!SERVER_URL.test(server) || !REPOSITORY.test(repository) || !/^\d{1,20}$/.test(runId))
    return void 0;
  const base = `${server}/${repository}/actions/runs/${runId}`;
  if (/^\d{1,6}$/.test(attempt)) {
    const label = attempt === "1" ? `run ${runId}` : `run ${runId}, attempt ${attempt}`;
    return { url: `${base}/attempts/${attempt}`, label };
  }
  return { url: base, label: `run ${runId}` };
}

// src/pull-request/comment-failure.ts
var GitHubCallError = class extends Error {
  constructor(failure, doing) {
    super(`${doing}: ${failure.kind}`);
    this.failure = failure;
    this.doing = doing;
    this.name = "GitHubCallError";
  }
  failure;
  doing;
};
function isTransient(failure) {
  if (failure.kind === "network" || failure.kind === "timeout") return true;
  return failure.kind === "http" && (failure.status >= 500 || failure.status === 429);
}
function failureOf(error) {
  const e = typeof error === "object" && error !== null ? error : {};
  const message = errorMessage(error);
  if (!e.response || typeof e.status !== "number")
    return { kind: "network", message: rootCause(e, message) };
  const headers = e.response.headers ?? {};
  const rateLimited = e.status === 429 || e.status === 403 && (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(message));
  return {
    kind: "http",
    status: e.status,
    message: answerText(e.response.data, message),
    rateLimited
  };
}
function rootCause(error, fallback) {
  let message = fallback;
  let cause = error.cause;
  for (let depth = 0; depth < 5 && typeof cause === "object" && cause !== null; depth++) {
    const text2 = cause.message;
    if (typeof text2 === "string" && text2) message = text2;
    cause = cause.cause;
  }
  return message;
}
function answerText(data, fallback) {
  if (typeof data !== "object" || data === null) return fallback;
  const { message, errors } = data;
  const head = typeof message === "string" && message ? message : fallback;
  if (!Array.isArray(errors) || errors.length === 0) return head;
  const details = errors.slice(0, 3).map((e) => {
    if (typeof e === "string") return e;
    const { message: m, code: code2 } = e ?? {};
    return typeof m === "string" ? m : typeof code2 === "string" ? code2 : "";
  }).filter(Boolean);
  return details.length > 0 ? `${head} (${details.join("; ")})` : head;
}
var PERMISSION = "The job needs `permissions: pull-requests: write`; on pull requests from forks GitHub gives a read-only token, so no comment can be written there.";
function warningFor(error, where, attempts) {
  const { failure, doing } = error;
  const head = `No pull request comment on ${where}: could not ${doing}`;
  const stands = " The verdict is unchanged.";
  switch (failure.kind) {
    case "http":
      return `${head}: GitHub answered ${failure.status} "${failure.message}". ${advice(failure)}${stands}`;
    case "network":
      return `${head}: GitHub's API did not answer (${failure.message})${tries(attempts)}.${stands}`;
    case "timeout":
      return `${head}: no answer within ${Math.round(failure.ms / 100) / 10} s${tries(attempts)}.${stands}`;
    case "out-of-time":
      return `${head}: timeout-seconds, counted from the step's start, left no time for it; raise timeout-seconds to leave time for the comment.${stands}`;
    case "cancelled":
      return `${head}: the step was cancelled.${stands}`;
    case "protocol":
      return `${head}: ${failure.message}.${stands}`;
  }
}
function tries(attempts) {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}
function advice(failure) {
  if (failure.rateLimited) return "The token's API rate limit is used up; the next run tries again.";
  switch (failure.status) {
    case 401:
      return "The github-token input was refused: pass a valid token (the default is the job's own token, `${{ github.token }}`).";
    case 403:
      return PERMISSION;
    case 404:
      return "The token cannot see this repository or pull request (a token of another repository, or GITHUB_API_URL pointing at another GitHub). A job without `pull-requests: write` may get this too.";
    case 422:
      return "GitHub refused the comment as invalid.";
    default:
      return failure.status >= 500 ? "GitHub had trouble answering; the next run tries again." : "";
  }
}

// src/pull-request/github-api.ts
var ACTIONS_BOT = "github-actions[bot]";
var PER_PAGE = 100;
var MAX_PAGES = 100;
var MIN_REQUEST_MS = 500;
async function connectGitHub(target, token, budget, debug2) {
  const { getOctokit } = await import("./github-GVDWNGHD.js");
  const log = { debug: debug2, info: debug2, warn: debug2, error: debug2 };
  const octokit = getOctokit(token, {
    baseUrl: target.apiUrl,
    userAgent: "ninedata-precheck-gate",
    log
  });
  return new OctokitCalls(octokit, target, budget);
}
var OctokitCalls = class {
  constructor(octokit, target, budget) {
    this.octokit = octokit;
    this.target = target;
    this.budget = budget;
    this.where = { owner: target.owner, repo: target.repo };
  }
  octokit;
  target;
  budget;
  where;
  async *commentPages() {
    const doing = "list the pull request comments";
    let next;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.call(
        doing,
        (request) => next === void 0 ? this.octokit.rest.issues.listComments({
          ...this.where,
          issue_number: this.target.number,
          per_page: PER_PAGE,
          request
        }) : this.octokit.request({ method: "GET", url: next, request })
      );
      const data = response.data;
      if (!Array.isArray(data)) throw protocol(doing, "the answer is not a list of comments");
      yield data.map((comment) => commentOf(comment, doing));
      next = nextPage(response.headers["link"], this.target.apiUrl, doing);
      if (next === void 0) return;
    }
    throw protocol(doing, `the pull request has more than ${PER_PAGE * MAX_PAGES} comments`);
  }
  async tokenLogin() {
    try {
      const response = await this.call(
        "read the token's user",
        (request) => this.octokit.rest.users.getAuthenticated({ request })
      );
      return typeof response.data.login === "string" ? response.data.login : "";
    } catch (error) {
      const failure = error instanceof GitHubCallError ? error.failure : void 0;
      if (failure?.kind === "http" && (failure.status === 403 || failure.status === 404))
        return ACTIONS_BOT;
      throw error;
    }
  }
  async create(body) {
    const doing = "write the comment";
    const response = await this.call(
      doing,
      (request) => this.octokit.rest.issues.createComment({
        ...this.where,
        issue_number: this.target.number,
        body,
        request
      })
    );
    return commentOf(response.data, doing);
  }
  async update(id, body) {
    const doing = "update the comment";
    const response = await this.call(
      doing,
      (request) => this.octokit.rest.issues.updateComment({ ...this.where, comment_id: id, body, request })
    );
    return commentOf(response.data, doing);
  }
  /** One request with its timeout, within the deadline; any failure as a GitHubCallError. */
  async call(doing, send) {
    const { deadline, requestTimeoutMs, signal, time } = this.budget;
    if (signal?.aborted) throw new GitHubCallError({ kind: "cancelled" }, doing);
    const left = deadline - time.now();
    if (left < MIN_REQUEST_MS) throw new GitHubCallError({ kind: "out-of-time" }, doing);
    const ms = Math.min(requestTimeoutMs, left);
    const timeout = AbortSignal.timeout(ms);
    try {
      return await send({ signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
    } catch (error) {
      const failure = signal?.aborted ? { kind: "cancelled" } : timeout.aborted ? ms < requestTimeoutMs ? { kind: "out-of-time" } : { kind: "timeout", ms } : failureOf(error);
      throw new GitHubCallError(failure, doing);
    }
  }
};
function protocol(doing, message) {
  return new GitHubCallError({ kind: "protocol", message }, doing);
}
function commentOf(raw, doing) {
  const c = typeof raw === "object" && raw !== null ? raw : {};
  const user = typeof c["user"] === "object" && c["user"] !== null ? c["user"] : {};
  if (typeof c["id"] !== "number" || typeof c["html_url"] !== "string")
    throw protocol(doing, "GitHub sent a comment without an id or html_url");
  return {
    id: c["id"],
    body: typeof c["body"] === "string" ? c["body"] : "",
    author: typeof user.login === "string" ? user.login : "",
    htmlUrl: c["html_url"]
  };
}
function nextPage(link, apiUrl, doing) {
  if (typeof link !== "string") return void 0;
  const next = link.split(",").map((part) => /^\s*<([^<>]*)>\s*;(.*)$/.exec(part)).find((match) => match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2] ?? ""))?.[1];
  if (!next) return void 0;
  let url;
  try {
    url = new URL(next, apiUrl);
  } catch {
    throw protocol(doing, "the Link header names a next page that is not a URL");
  }
  if (url.origin !== new URL(apiUrl).origin)
    throw protocol(doing, `the Link header names a next page on another host (${url.host})`);
  return url.href;
}

// src/pull-request/comment-marker.ts
var PREFIX = "<!-- ninedata-precheck-gate:task=";
var SUFFIX = " -->";
function markerTaskId(taskId) {
  const whole = taskId.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD"
  );
  const encoded = encodeURIComponent(whole);
  return encoded.replace(
    /[!'()*~]|-(?=-|$)/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function markerFor(taskId) {
  return `${PREFIX}${markerTaskId(taskId)}${SUFFIX}`;
}
function carriesMarker(body, marker) {
  if (!body || !body.startsWith(marker)) return false;
  const next = body.charCodeAt(marker.length);
  return Number.isNaN(next) || next === 10 || next === 13;
}

// src/pull-request/comment-view.ts
function commentViewOf(report) {
  const blocking = stepFails(report);
  return {
    kind: report.verdict.kind,
    blocking,
    heading: verdictHeading(report),
    reason: report.verdict.reason,
    hint: report.hint,
    green: greenMeaning(report),
    hintFirst: report.hintFirst === true,
    taskId: report.taskId,
    precheckTaskId: report.precheckTaskId,
    failedItems: report.verdict.failedItems.map((item) => {
      const name = itemLabel(item);
      return {
        name,
        id: item.precheckItem === name ? "" : item.precheckItem,
        reason: item.errorMessage
      };
    }),
    comparison: report.run ? comparisonOf(report.run) : void 0
  };
}
function comparisonOf(run) {
  const { seen, differences } = run;
  const counts = [];
  const rows = canonicalRunStatus(seen.last?.status ?? "") === "success" ? seen.last?.rows : void 0;
  if (seen.results?.kind === "schema") {
    counts.push({ label: "objects compared", value: seen.results.objects.length });
  }
  if (seen.results?.kind === "data") {
    counts.push({ label: "tables compared", value: seen.results.totalTableCount });
    counts.push({ label: "tables that differ", value: seen.results.diffTableCount });
  }
  if (rows?.differenceRows !== void 0)
    counts.push({ label: "rows with other values", value: rows.differenceRows });
  if (rows?.onlySourceRows !== void 0)
    counts.push({ label: "rows only in the source", value: rows.onlySourceRows });
  if (rows?.onlyTargetRows !== void 0)
    counts.push({ label: "rows only in the target", value: rows.onlyTargetRows });
  const counted = countedDifferences(run);
  if (counted) counts.push({ label: "differences counted", value: counted.count });
  return {
    status: seen.last?.status ?? "",
    counts,
    differences: (differences?.differing ?? []).map(differenceOf)
  };
}
function differenceOf(entry) {
  if (entry.kind === "table") {
    const detail = entry.differences === void 0 ? "records differ" : recordsDiffer(entry.differences);
    return { name: objectLabel(entry), detail };
  }
  return { name: objectLabel(entry), detail: "schema differs", sql: entry.correctSql };
}

// src/pull-request/comment-post.ts
var ATTEMPTS = 3;
var BACKOFF_MS = [1e3, 2e3];
var DEFAULT_REQUEST_TIMEOUT_MS = 1e4;
async function postComment(report, options) {
  const token = options.token.trim();
  const safe = new SafeText([...options.secrets ?? [], token].filter(Boolean));
  const warn = (message) => warning(safe.line(message));
  try {
    const env = options.env ?? process.env;
    const event = readPullRequestEvent(env);
    if (event.kind === "other-event") {
      debug(safe.line(event.why));
      return { action: "skipped" };
    }
    if (event.kind === "unreadable") {
      warn(`No pull request comment: ${event.why} The verdict is unchanged.`);
      return { action: "skipped" };
    }
    if (options.signal?.aborted) {
      info("The step was cancelled: no pull request comment is written.");
      return { action: "skipped" };
    }
    if (!token) {
      warn("No pull request comment: the github-token input is empty. The verdict is unchanged.");
      return { action: "skipped" };
    }
    const budget = {
      deadline: options.deadline,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: options.signal,
      time: options.time ?? realTime
    };
    const marker = markerFor(safe.value(report.taskId));
    const context = { marker, run: runLinkOf(env), commit: event.target.commit?.slice(0, 7) };
    const body = renderComment(commentViewOf(report), context, safe);
    const calls = await connectGitHub(
      event.target,
      token,
      budget,
      (message) => debug(safe.line(`GitHub API: ${message}`))
    );
    const outcome = await withRetries(() => upsert(calls, marker, body), event.target, budget, safe);
    if (outcome.action !== "failed") publishUrl(outcome, event.target, safe);
    return outcome;
  } catch (error) {
    warn(`No pull request comment: ${errorMessage(error)}. The verdict is unchanged.`);
    return { action: "failed" };
  }
}
async function upsert(calls, marker, body) {
  let login;
  for await (const page of calls.commentPages()) {
    for (const comment of page) {
      if (!carriesMarker(comment.body, marker)) continue;
      login ??= calls.tokenLogin();
      if (comment.author !== await login) continue;
      if (comment.body === body) return { action: "unchanged", url: comment.htmlUrl };
      return done("updated", await calls.update(comment.id, body));
    }
  }
  return done("created", await calls.create(body));
}
function done(action, comment) {
  return { action, url: comment.htmlUrl };
}
async function withRetries(attempt, target, budget, safe) {
  const where = `pull request #${target.number} of ${target.owner}/${target.repo}`;
  for (let tries2 = 1; ; tries2++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof GitHubCallError)) throw error;
      const pause = BACKOFF_MS[tries2 - 1] ?? 0;
      const more = tries2 < ATTEMPTS && isTransient(error.failure);
      if (!more || budget.time.now() + pause >= budget.deadline || budget.signal?.aborted) {
        warning(safe.line(warningFor(error, where, tries2)));
        return { action: "failed" };
      }
      info(
        safe.line(
          `Could not ${error.doing} (${error.failure.kind}); trying again in ${pause / 1e3} s.`
        )
      );
      await budget.time.sleep(pause, budget.signal);
    }
  }
}
function publishUrl(outcome, target, safe) {
  if (!("url" in outcome)) return;
  const url = safe.value(outcome.url);
  const what = outcome.action === "created" ? "Wrote" : outcome.action === "updated" ? "Updated" : "Kept";
  info(safe.line(`${what} the verdict comment on pull request #${target.number}: ${url}`));
  try {
    setOutput("pr-comment-url", url);
  } catch {
    warning("Could not write the pr-comment-url output: GITHUB_OUTPUT is not writable.");
  }
}
export {
  postComment
};
//# sourceMappingURL=comment-post-R6PFTYCX.js.map
