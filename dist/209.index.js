export const id = 209;
export const ids = [209];
export const modules = {

/***/ 6209:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(418);
// EXTERNAL MODULE: ./src/text/safe-text.ts
var safe_text = __webpack_require__(8844);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(9834);
// EXTERNAL MODULE: ./src/text/clean.ts
var clean = __webpack_require__(4118);
// EXTERNAL MODULE: ./src/text/wording.ts
var wording = __webpack_require__(2179);
;// CONCATENATED MODULE: ./src/pull-request/comment-body.ts


// The comment's body: the marker, the verdict and its reason, the failed items, the differences
// with their correction SQL collapsed, what was left out, and a link to the run. Pure. Server text
// goes through SafeText exactly as in the job summary. The body fits GitHub's limit by
// construction: the head and the closing lines are made first, and rows are added while they fit.
/** GitHub refuses a comment body over 65,536 characters. Counted here in UTF-16 units (never fewer). */
const COMMENT_LIMIT = 65_536;
/** How much server text one piece of the comment shows, in characters before escaping. */
const COMMENT_LIMITS = {
    reason: 2000,
    hint: 1000,
    name: 300,
    id: 128,
    message: 1000,
    detail: 300,
    sql: 6000
};
/**
 * Server text as the job summary escapes it, plus one thing a comment needs: GitHub links `@name`
 * and `#123` (a notification, a back-reference) even when written as entities, but only within one
 * piece of text, so a <wbr> after each `@` and `#` parts them. A <wbr> shows nothing and copies as
 * nothing: `'user'@'%'` copied from the comment is what NineData wrote. Not for <code> and <pre>:
 * GitHub links nothing there.
 */
function comment_body_text(safe, raw, max) {
    return safe.html(raw, max).replace(/&#(64|35);/g, '&#$1;<wbr>');
}
/** SQL for a <pre>: escaped like any server text; GitHub links no mention there. */
function sqlText(safe, sql) {
    return safe.html(sql, COMMENT_LIMITS.sql);
}
function renderComment(view, context, safe, limit = COMMENT_LIMIT) {
    const head = renderHead(view, context, safe);
    const differences = view.comparison?.differences ?? [];
    // The closing lines with every row left out are the longest they can be: room kept for them.
    const reserve = renderTail(view.failedItems.length, differences.length, context).length;
    let room = limit - head.length - reserve;
    // With both lists, the failed items leave a third of the room to the differences.
    const itemsRoom = differences.length > 0 ? Math.floor((room * 2) / 3) : room;
    const items = itemsSection(view.failedItems, itemsRoom, safe);
    room -= items.html.length;
    const comparison = comparisonSection(view, room, safe);
    const tail = renderTail(items.total - items.shown, comparison.total - comparison.shown, context);
    const body = `${head}${items.html}${comparison.html}${tail}`;
    // Unreachable by the budget above; kept so a mistake there can never cost the comment.
    return body.length <= limit ? body : `${head.slice(0, limit - reserve)}${tail}`;
}
function renderHead(view, context, safe) {
    const parts = [`${context.marker}\n### ${view.heading}\n\n`];
    const reason = `<p>${(0,clean/* codeSpans */.tE)(comment_body_text(safe, view.reason, COMMENT_LIMITS.reason))}</p>\n\n`;
    const hint = view.hint
        ? `<p>💡 ${(0,clean/* codeSpans */.tE)(comment_body_text(safe, view.hint, COMMENT_LIMITS.hint))}</p>\n\n`
        : '';
    parts.push(...(view.hintFirst ? [hint, reason] : [reason, hint]));
    if (view.green)
        parts.push(`<p>${(0,clean/* codeSpans */.tE)(comment_body_text(safe, view.green, COMMENT_LIMITS.hint))}</p>\n\n`);
    const facts = [`Comparison task ${code(view.taskId, safe) || '(not given)'}`];
    facts.push(view.precheckTaskId ? `precheck ${code(view.precheckTaskId, safe)}` : 'no precheck started');
    if (context.commit)
        facts.push(`commit <code>${context.commit}</code>`);
    parts.push(`<p>${facts.join(' · ')}</p>\n`);
    return parts.join('');
}
function code(text, safe) {
    return text ? `<code>${safe.code(text, COMMENT_LIMITS.id)}</code>` : '';
}
/** Rows in order while they fit `room`, inside the table's head and foot. */
function fitRows(list, room, open, close, row) {
    const total = list.length;
    let used = open.length + close.length;
    const rows = [];
    for (const entry of list) {
        // Each row is made only when the ones before it fitted: a 3,000-item list costs what fits.
        const html = row(entry);
        if (used + html.length > room)
            break;
        rows.push(html);
        used += html.length;
    }
    if (rows.length === 0)
        return { html: '', shown: 0, total };
    return { html: `${open}${rows.join('')}${close}`, shown: rows.length, total };
}
function itemsSection(items, room, safe) {
    const open = `\n#### Failed check items (${items.length})\n\n<table>\n` +
        '<thead><tr><th>Check item</th><th>Message from NineData</th></tr></thead>\n<tbody>\n';
    return fitRows(items, room, open, '</tbody>\n</table>\n', item => itemRow(item, safe));
}
function itemRow(item, safe) {
    const id = item.id ? `<br><sub>${code(item.id, safe)}</sub>` : '';
    const reason = item.reason.trim()
        ? comment_body_text(safe, item.reason, COMMENT_LIMITS.message)
        : '<em>NineData gave no reason for this failure.</em>';
    return `<tr><td><strong>${comment_body_text(safe, item.name, COMMENT_LIMITS.name)}</strong>${id}</td><td>${reason}</td></tr>\n`;
}
function comparisonSection(view, room, safe) {
    const comparison = view.comparison;
    if (!comparison)
        return { html: '', shown: 0, total: 0 };
    const counts = comparison.counts
        .map(c => `${comment_body_text(safe, c.label, COMMENT_LIMITS.name)}: ${c.value}`)
        .join(' · ');
    const head = `\n#### Comparison run: ${code(comparison.status, safe) || '(no status)'}\n\n` +
        (counts ? `<p>${counts}</p>\n` : '');
    const open = '\n<table>\n<thead><tr><th>Differs</th><th>Difference and correction SQL</th></tr></thead>\n<tbody>\n';
    const rows = fitRows(comparison.differences, room - head.length, open, '</tbody>\n</table>\n', d => differenceRow(d, safe));
    // The status and counts are shown even when no row fits.
    return head.length <= room ? { ...rows, html: `${head}${rows.html}` } : rows;
}
function differenceRow(difference, safe) {
    const detail = comment_body_text(safe, difference.detail, COMMENT_LIMITS.detail);
    const sql = difference.sql?.trim()
        ? `<details><summary>Correction SQL</summary><pre>${sqlText(safe, difference.sql)}</pre></details>`
        : '';
    return `<tr><td><strong>${comment_body_text(safe, difference.name, COMMENT_LIMITS.name)}</strong></td><td>${detail}${sql}</td></tr>\n`;
}
/** What was left out and where to see it, then the link to the run. */
function renderTail(itemsLeft, differencesLeft, context) {
    const parts = [];
    const where = context.run
        ? `The <a href="${context.run.url}">job summary</a> lists more`
        : "The run's job summary lists more";
    const left = [
        itemsLeft > 0 ? (0,wording/* plural */.LS)(itemsLeft, 'more failed check item') : '',
        differencesLeft > 0 ? (0,wording/* plural */.LS)(differencesLeft, 'more difference') : ''
    ].filter(Boolean);
    if (left.length > 0) {
        parts.push(`\n<p>${left.join(' and ')} not shown: GitHub limits a comment to 65,536 characters. ` +
            `${where}, and the step's <code>report-file</code> output has every item.</p>\n`);
    }
    const run = context.run
        ? `<a href="${context.run.url}">job summary of ${context.run.label}</a>`
        : "run's job summary";
    parts.push(`\n<sub>NineData precheck gate · details in the ${run}</sub>\n`);
    return parts.join('');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __webpack_require__(6587);
;// CONCATENATED MODULE: ./src/pull-request/pull-request-event.ts


// Which pull request this run is about, read from the runner's environment and event payload, and
// the link to the run. A comment is written on pull_request and pull_request_target runs only.
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
/** Payloads are a few hundred KB at most; a bigger file is not read. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
function readPullRequestEvent(env, readFile = readPayloadFile) {
    const event = env['GITHUB_EVENT_NAME'] ?? '';
    if (!PULL_REQUEST_EVENTS.includes(event)) {
        const name = event ? `a ${event} event` : 'an unknown event (GITHUB_EVENT_NAME is not set)';
        return {
            kind: 'other-event',
            why: `pr-comment is on, but this run is ${name}: a comment is written only on pull_request and pull_request_target runs.`
        };
    }
    const repository = REPOSITORY.exec(env['GITHUB_REPOSITORY'] ?? '');
    if (!repository) {
        return { kind: 'unreadable', why: 'GITHUB_REPOSITORY is not set or not owner/name.' };
    }
    const apiUrl = apiUrlOf(env['GITHUB_API_URL']);
    if (!apiUrl)
        return { kind: 'unreadable', why: 'GITHUB_API_URL is not an http(s) URL.' };
    const path = env['GITHUB_EVENT_PATH'];
    if (!path)
        return { kind: 'unreadable', why: 'GITHUB_EVENT_PATH is not set.' };
    let payload;
    try {
        payload = JSON.parse(readFile(path));
    }
    catch (error) {
        return {
            kind: 'unreadable',
            why: `the event payload (GITHUB_EVENT_PATH) could not be read: ${(0,error_message/* errorMessage */.g)(error)}.`
        };
    }
    const pr = pullRequestOf(payload);
    if (!pr) {
        return { kind: 'unreadable', why: 'the event payload names no pull request number.' };
    }
    const [, owner = '', repo = ''] = repository;
    return { kind: 'pull-request', target: { owner, repo, apiUrl, ...pr } };
}
function readPayloadFile(path) {
    const text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    if (text.length > MAX_PAYLOAD_BYTES)
        throw new Error('the file is larger than 25 MB');
    return text;
}
function pullRequestOf(payload) {
    if (!isRecord(payload) || !isRecord(payload['pull_request']))
        return undefined;
    const pr = payload['pull_request'];
    const number = pr['number'];
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1)
        return undefined;
    const head = isRecord(pr['head']) ? pr['head']['sha'] : undefined;
    const commit = typeof head === 'string' && /^[0-9a-f]{7,64}$/i.test(head) ? head : undefined;
    return commit ? { number, commit } : { number };
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** GITHUB_API_URL without a trailing slash, or GitHub.com's when unset; undefined when not http(s). */
function apiUrlOf(raw) {
    const value = (raw ?? '').trim() || 'https://api.github.com';
    try {
        const url = new URL(value);
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            return undefined;
        if (url.username || url.password || url.search || url.hash)
            return undefined;
        return value.replace(/\/+$/, '');
    }
    catch {
        return undefined;
    }
}
const SERVER_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;
/**
 * The run's page, where its job summary is. Undefined unless every part has the runner's own shape,
 * so the URL goes into an href without escaping.
 */
function runLinkOf(env) {
    const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
    const repository = env['GITHUB_REPOSITORY'] ?? '';
    const runId = env['GITHUB_RUN_ID'] ?? '';
    const attempt = env['GITHUB_RUN_ATTEMPT'] ?? '';
    if (!SERVER_URL.test(server) || !REPOSITORY.test(repository) || !/^\d{1,20}$/.test(runId))
        return undefined;
    const base = `${server}/${repository}/actions/runs/${runId}`;
    if (/^\d{1,6}$/.test(attempt)) {
        // The attempt's own page: a re-run's summary is not the first attempt's.
        const label = attempt === '1' ? `run ${runId}` : `run ${runId}, attempt ${attempt}`;
        return { url: `${base}/attempts/${attempt}`, label };
    }
    return { url: base, label: `run ${runId}` };
}

;// CONCATENATED MODULE: ./src/pull-request/comment-failure.ts

/** Thrown by the calls with what went wrong; `doing` says which call ("list the comments"). */
class GitHubCallError extends Error {
    failure;
    doing;
    constructor(failure, doing) {
        super(`${doing}: ${failure.kind}`);
        this.failure = failure;
        this.doing = doing;
        this.name = 'GitHubCallError';
    }
}
/** Worth another try: the server's trouble or the network's, not a refusal. */
function isTransient(failure) {
    if (failure.kind === 'network' || failure.kind === 'timeout')
        return true;
    return failure.kind === 'http' && (failure.status >= 500 || failure.status === 429);
}
/** What an Octokit RequestError (or a fetch error) says, as a failure. */
function failureOf(error) {
    const e = (typeof error === 'object' && error !== null ? error : {});
    const message = (0,error_message/* errorMessage */.g)(error);
    if (!e.response || typeof e.status !== 'number')
        return { kind: 'network', message: rootCause(e, message) };
    const headers = e.response.headers ?? {};
    const rateLimited = e.status === 429 ||
        (e.status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message)));
    return {
        kind: 'http',
        status: e.status,
        message: answerText(e.response.data, message),
        rateLimited
    };
}
/** The innermost cause's message: "connect ECONNREFUSED …" rather than "fetch failed". */
function rootCause(error, fallback) {
    let message = fallback;
    let cause = error.cause;
    for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
        const text = cause.message;
        if (typeof text === 'string' && text)
            message = text;
        cause = cause.cause;
    }
    return message;
}
/** GitHub's `message` and the `errors` of a 422, in one line's worth of words. */
function answerText(data, fallback) {
    if (typeof data !== 'object' || data === null)
        return fallback;
    const { message, errors } = data;
    const head = typeof message === 'string' && message ? message : fallback;
    if (!Array.isArray(errors) || errors.length === 0)
        return head;
    const details = errors
        .slice(0, 3)
        .map(e => {
        if (typeof e === 'string')
            return e;
        const { message: m, code } = (e ?? {});
        return typeof m === 'string' ? m : typeof code === 'string' ? code : '';
    })
        .filter(Boolean);
    return details.length > 0 ? `${head} (${details.join('; ')})` : head;
}
const PERMISSION = 'The job needs `permissions: pull-requests: write`; on pull requests from forks GitHub gives a read-only token, so no comment can be written there.';
/** The one warning for a comment that could not be written. */
function warningFor(error, where, attempts) {
    const { failure, doing } = error;
    const head = `No pull request comment on ${where}: could not ${doing}`;
    const stands = ' The verdict is unchanged.';
    switch (failure.kind) {
        case 'http':
            return `${head}: GitHub answered ${failure.status} "${failure.message}". ${advice(failure)}${stands}`;
        case 'network':
            return `${head}: GitHub's API did not answer (${failure.message})${tries(attempts)}.${stands}`;
        case 'timeout':
            return `${head}: no answer within ${Math.round(failure.ms / 100) / 10} s${tries(attempts)}.${stands}`;
        case 'out-of-time':
            return `${head}: timeout-seconds, counted from the step's start, left no time for it; raise timeout-seconds to leave time for the comment.${stands}`;
        case 'cancelled':
            return `${head}: the step was cancelled.${stands}`;
        case 'protocol':
            return `${head}: ${failure.message}.${stands}`;
    }
}
function tries(attempts) {
    return attempts > 1 ? ` after ${attempts} attempts` : '';
}
function advice(failure) {
    if (failure.rateLimited)
        return "The token's API rate limit is used up; the next run tries again.";
    switch (failure.status) {
        case 401:
            return "The github-token input was refused: pass a valid token (the default is the job's own token, `${{ github.token }}`).";
        case 403:
            return PERMISSION;
        case 404:
            return ('The token cannot see this repository or pull request (a token of another repository, or GITHUB_API_URL pointing at another GitHub). ' +
                'A job without `pull-requests: write` may get this too.');
        case 422:
            return 'GitHub refused the comment as invalid.';
        default:
            return failure.status >= 500 ? 'GitHub had trouble answering; the next run tries again.' : '';
    }
}

;// CONCATENATED MODULE: ./src/pull-request/github-api.ts

/** The identity of the default GITHUB_TOKEN (and what GitHub shows as the author of its comments). */
const ACTIONS_BOT = 'github-actions[bot]';
/** The list is read 100 comments a page; a pull request with more than 10,000 is not searched. */
const PER_PAGE = 100;
const MAX_PAGES = 100;
/** Below this much time before the deadline, no request is started. */
const MIN_REQUEST_MS = 500;
async function connectGitHub(target, token, budget, debug) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    // Octokit's own notes (deprecation headers: server text) go to the debug log through the caller,
    // which makes them one inert line, instead of to the console.
    const log = { debug, info: debug, warn: debug, error: debug };
    const octokit = getOctokit(token, {
        baseUrl: target.apiUrl,
        userAgent: 'ninedata-precheck-gate',
        log
    });
    return new OctokitCalls(octokit, target, budget);
}
class OctokitCalls {
    octokit;
    target;
    budget;
    where;
    constructor(octokit, target, budget) {
        this.octokit = octokit;
        this.target = target;
        this.budget = budget;
        this.where = { owner: target.owner, repo: target.repo };
    }
    async *commentPages() {
        const doing = 'list the pull request comments';
        let next;
        for (let page = 1; page <= MAX_PAGES; page++) {
            const response = await this.call(doing, request => next === undefined
                ? this.octokit.rest.issues.listComments({
                    ...this.where,
                    issue_number: this.target.number,
                    per_page: PER_PAGE,
                    request
                })
                : this.octokit.request({ method: 'GET', url: next, request }));
            const data = response.data;
            if (!Array.isArray(data))
                throw protocol(doing, 'the answer is not a list of comments');
            yield data.map(comment => commentOf(comment, doing));
            next = nextPage(response.headers['link'], this.target.apiUrl, doing);
            if (next === undefined)
                return;
        }
        throw protocol(doing, `the pull request has more than ${PER_PAGE * MAX_PAGES} comments`);
    }
    async tokenLogin() {
        try {
            const response = await this.call("read the token's user", request => this.octokit.rest.users.getAuthenticated({ request }));
            return typeof response.data.login === 'string' ? response.data.login : '';
        }
        catch (error) {
            // An app's installation token (the default GITHUB_TOKEN is one) may not read /user.
            const failure = error instanceof GitHubCallError ? error.failure : undefined;
            if (failure?.kind === 'http' && (failure.status === 403 || failure.status === 404))
                return ACTIONS_BOT;
            throw error;
        }
    }
    async create(body) {
        const doing = 'write the comment';
        const response = await this.call(doing, request => this.octokit.rest.issues.createComment({
            ...this.where,
            issue_number: this.target.number,
            body,
            request
        }));
        return commentOf(response.data, doing);
    }
    async update(id, body) {
        const doing = 'update the comment';
        const response = await this.call(doing, request => this.octokit.rest.issues.updateComment({ ...this.where, comment_id: id, body, request }));
        return commentOf(response.data, doing);
    }
    /** One request with its timeout, within the deadline; any failure as a GitHubCallError. */
    async call(doing, send) {
        const { deadline, requestTimeoutMs, signal, time } = this.budget;
        if (signal?.aborted)
            throw new GitHubCallError({ kind: 'cancelled' }, doing);
        const left = deadline - time.now();
        if (left < MIN_REQUEST_MS)
            throw new GitHubCallError({ kind: 'out-of-time' }, doing);
        const ms = Math.min(requestTimeoutMs, left);
        const timeout = AbortSignal.timeout(ms);
        try {
            return await send({ signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
        }
        catch (error) {
            const failure = signal?.aborted
                ? { kind: 'cancelled' }
                : timeout.aborted
                    ? ms < requestTimeoutMs
                        ? { kind: 'out-of-time' }
                        : { kind: 'timeout', ms }
                    : failureOf(error);
            throw new GitHubCallError(failure, doing);
        }
    }
}
function protocol(doing, message) {
    return new GitHubCallError({ kind: 'protocol', message }, doing);
}
function commentOf(raw, doing) {
    const c = (typeof raw === 'object' && raw !== null ? raw : {});
    const user = (typeof c['user'] === 'object' && c['user'] !== null ? c['user'] : {});
    if (typeof c['id'] !== 'number' || typeof c['html_url'] !== 'string')
        throw protocol(doing, 'GitHub sent a comment without an id or html_url');
    return {
        id: c['id'],
        body: typeof c['body'] === 'string' ? c['body'] : '',
        author: typeof user.login === 'string' ? user.login : '',
        htmlUrl: c['html_url']
    };
}
/**
 * The Link header's `rel="next"` URL. It must be on the API's own origin: Octokit sends the token
 * with every request, so a link elsewhere is never followed.
 */
function nextPage(link, apiUrl, doing) {
    if (typeof link !== 'string')
        return undefined;
    // `<url>; rel="next", <url>; rel="last"`: split first, so the reading stays linear.
    const next = link
        .split(',')
        .map(part => /^\s*<([^<>]*)>\s*;(.*)$/.exec(part))
        .find(match => match && /(^|;)\s*rel="?next"?\s*(;|$)/.test(match[2] ?? ''))?.[1];
    if (!next)
        return undefined;
    let url;
    try {
        url = new URL(next, apiUrl);
    }
    catch {
        throw protocol(doing, 'the Link header names a next page that is not a URL');
    }
    if (url.origin !== new URL(apiUrl).origin)
        throw protocol(doing, `the Link header names a next page on another host (${url.host})`);
    return url.href;
}

;// CONCATENATED MODULE: ./src/pull-request/comment-marker.ts
// The hidden first line that tells this gate's comment apart: it names the action and the comparison
// task, so a second gate (another task) in the same pull request keeps a comment of its own. Pure.
const PREFIX = '<!-- ninedata-precheck-gate:task=';
const SUFFIX = ' -->';
/**
 * The task ID written so it cannot end or break the HTML comment: everything but letters, digits,
 * `.`, `_` and single `-` is percent-encoded (`--` and `>` included, and a `-` at the end).
 */
function markerTaskId(taskId) {
    // A lone surrogate cannot be percent-encoded: it stands for nothing, so it becomes U+FFFD.
    const whole = taskId.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
    const encoded = encodeURIComponent(whole);
    return encoded.replace(/[!'()*~]|-(?=-|$)/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function markerFor(taskId) {
    return `${PREFIX}${markerTaskId(taskId)}${SUFFIX}`;
}
/** Whether a comment body is one this gate wrote for the task: the marker is its whole first line. */
function carriesMarker(body, marker) {
    if (!body || !body.startsWith(marker))
        return false;
    const next = body.charCodeAt(marker.length);
    // The end of the body, or the end of the line (GitHub may store \r\n).
    return Number.isNaN(next) || next === 0x0a || next === 0x0d;
}

// EXTERNAL MODULE: ./src/report/report-model.ts
var report_model = __webpack_require__(486);
// EXTERNAL MODULE: ./src/status/run-status.ts
var run_status = __webpack_require__(4986);
// EXTERNAL MODULE: ./src/report/job-summary.ts + 1 modules
var job_summary = __webpack_require__(4130);
// EXTERNAL MODULE: ./src/status/precheck-status.ts
var precheck_status = __webpack_require__(9126);
// EXTERNAL MODULE: ./src/verdict/comparison-verdict.ts
var comparison_verdict = __webpack_require__(1312);
;// CONCATENATED MODULE: ./src/pull-request/comment-view.ts





function commentViewOf(report) {
    const blocking = (0,report_model/* stepFails */.ug)(report);
    return {
        kind: report.verdict.kind,
        blocking,
        heading: (0,job_summary/* verdictHeading */.G8)(report),
        reason: report.verdict.reason,
        hint: report.hint,
        green: (0,job_summary/* greenMeaning */.fs)(report),
        hintFirst: report.hintFirst === true,
        taskId: report.taskId,
        precheckTaskId: report.precheckTaskId,
        failedItems: report.verdict.failedItems.map(item => {
            const name = (0,precheck_status/* itemLabel */.IR)(item);
            return {
                name,
                id: item.precheckItem === name ? '' : item.precheckItem,
                reason: item.errorMessage
            };
        }),
        comparison: report.run ? comparisonOf(report.run) : undefined
    };
}
function comparisonOf(run) {
    const { seen, differences } = run;
    const counts = [];
    const rows = (0,run_status/* canonicalRunStatus */.Y)(seen.last?.status ?? '') === 'success' ? seen.last?.rows : undefined;
    if (seen.results?.kind === 'schema') {
        counts.push({ label: 'objects compared', value: seen.results.objects.length });
    }
    if (seen.results?.kind === 'data') {
        counts.push({ label: 'tables compared', value: seen.results.totalTableCount });
        counts.push({ label: 'tables that differ', value: seen.results.diffTableCount });
    }
    if (rows?.differenceRows !== undefined)
        counts.push({ label: 'rows with other values', value: rows.differenceRows });
    if (rows?.onlySourceRows !== undefined)
        counts.push({ label: 'rows only in the source', value: rows.onlySourceRows });
    if (rows?.onlyTargetRows !== undefined)
        counts.push({ label: 'rows only in the target', value: rows.onlyTargetRows });
    const counted = (0,report_model/* countedDifferences */.$U)(run);
    if (counted)
        counts.push({ label: 'differences counted', value: counted.count });
    return {
        status: seen.last?.status ?? '',
        counts,
        differences: (differences?.differing ?? []).map(differenceOf)
    };
}
function differenceOf(entry) {
    if (entry.kind === 'table') {
        const detail = entry.differences === undefined ? 'records differ' : (0,report_model/* recordsDiffer */.xe)(entry.differences);
        return { name: (0,comparison_verdict/* objectLabel */.uk)(entry), detail };
    }
    return { name: (0,comparison_verdict/* objectLabel */.uk)(entry), detail: 'schema differs', sql: entry.correctSql };
}

;// CONCATENATED MODULE: ./src/pull-request/comment-post.ts










/** Two more tries after a 5xx or a network failure, a second apart and then two. */
const ATTEMPTS = 3;
const BACKOFF_MS = [1000, 2000];
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** See commentOnPullRequest. Never throws. */
async function postComment(report, options) {
    const token = options.token.trim();
    const safe = new safe_text/* SafeText */.P([...(options.secrets ?? []), token].filter(Boolean));
    const warn = (message) => core/* warning */.$e(safe.line(message));
    try {
        const env = options.env ?? process.env;
        const event = readPullRequestEvent(env);
        if (event.kind === 'other-event') {
            core/* debug */.Yz(safe.line(event.why));
            return { action: 'skipped' };
        }
        if (event.kind === 'unreadable') {
            warn(`No pull request comment: ${event.why} The verdict is unchanged.`);
            return { action: 'skipped' };
        }
        if (options.signal?.aborted) {
            core/* info */.pq('The step was cancelled: no pull request comment is written.');
            return { action: 'skipped' };
        }
        if (!token) {
            warn('No pull request comment: the github-token input is empty. The verdict is unchanged.');
            return { action: 'skipped' };
        }
        const budget = {
            deadline: options.deadline,
            requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
            signal: options.signal,
            time: options.time ?? time/* realTime */.M
        };
        const marker = markerFor(safe.value(report.taskId));
        const context = { marker, run: runLinkOf(env), commit: event.target.commit?.slice(0, 7) };
        const body = renderComment(commentViewOf(report), context, safe);
        const calls = await connectGitHub(event.target, token, budget, message => core/* debug */.Yz(safe.line(`GitHub API: ${message}`)));
        const outcome = await withRetries(() => upsert(calls, marker, body), event.target, budget, safe);
        if (outcome.action !== 'failed')
            publishUrl(outcome, event.target, safe);
        return outcome;
    }
    catch (error) {
        // A bug of this feature: said once, and the verdict stands.
        warn(`No pull request comment: ${(0,error_message/* errorMessage */.g)(error)}. The verdict is unchanged.`);
        return { action: 'failed' };
    }
}
/** This gate's comment updated in place, or a new one. */
async function upsert(calls, marker, body) {
    let login;
    for await (const page of calls.commentPages()) {
        for (const comment of page) {
            if (!carriesMarker(comment.body, marker))
                continue;
            // Only the token's own comments are this gate's: someone else's copy of the marker is theirs.
            login ??= calls.tokenLogin();
            if (comment.author !== (await login))
                continue;
            if (comment.body === body)
                return { action: 'unchanged', url: comment.htmlUrl };
            return done('updated', await calls.update(comment.id, body));
        }
    }
    return done('created', await calls.create(body));
}
function done(action, comment) {
    return { action, url: comment.htmlUrl };
}
/**
 * The whole find-then-write again after a transient failure: a retried create first looks for the
 * comment an earlier try may have written, so a retry never makes a second comment.
 */
async function withRetries(attempt, target, budget, safe) {
    const where = `pull request #${target.number} of ${target.owner}/${target.repo}`;
    for (let tries = 1;; tries++) {
        try {
            return await attempt();
        }
        catch (error) {
            if (!(error instanceof GitHubCallError))
                throw error;
            const pause = BACKOFF_MS[tries - 1] ?? 0;
            const more = tries < ATTEMPTS && isTransient(error.failure);
            if (!more || budget.time.now() + pause >= budget.deadline || budget.signal?.aborted) {
                core/* warning */.$e(safe.line(warningFor(error, where, tries)));
                return { action: 'failed' };
            }
            core/* info */.pq(safe.line(`Could not ${error.doing} (${error.failure.kind}); trying again in ${pause / 1000} s.`));
            await budget.time.sleep(pause, budget.signal);
        }
    }
}
function publishUrl(outcome, target, safe) {
    if (!('url' in outcome))
        return;
    const url = safe.value(outcome.url);
    const what = outcome.action === 'created' ? 'Wrote' : outcome.action === 'updated' ? 'Updated' : 'Kept';
    core/* info */.pq(safe.line(`${what} the verdict comment on pull request #${target.number}: ${url}`));
    try {
        core/* setOutput */.uH('pr-comment-url', url);
    }
    catch {
        core/* warning */.$e('Could not write the pr-comment-url output: GITHUB_OUTPUT is not writable.');
    }
}


/***/ })

};

//# sourceMappingURL=209.index.js.map