#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _package_json__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(330);
/* harmony import */ var _cli_exit_code_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(552);
/* harmony import */ var _cli_cli_options_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(391);
/* harmony import */ var _gate_step_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(478);
/* harmony import */ var _report_correction_sql_writer_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(408);
/* harmony import */ var _report_report_model_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(486);
/* harmony import */ var _report_publish_report_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(298);
/* harmony import */ var _stop_signals_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(295);
/* harmony import */ var _surface_cli_surface_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(445);
/* harmony import */ var _text_safe_text_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(844);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(834);











// The command line: the action's engine behind another door, for GitLab CI, Jenkins and any shell.
// Options in, the same step, reports in a folder, and the verdict as the exit code.
const options = (0,_cli_cli_options_js__WEBPACK_IMPORTED_MODULE_2__/* .readCliOptions */ .Z)(process.argv.slice(2), process.env);
if (options.help || options.version) {
    process.stdout.write(`${options.help ? (0,_cli_cli_options_js__WEBPACK_IMPORTED_MODULE_2__/* .helpText */ .BK)(_package_json__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE) : _package_json__WEBPACK_IMPORTED_MODULE_0__/* .version */ .rE}\n`);
}
else {
    process.exitCode = await gateFromCommandLine().catch((error) => {
        // Only a bug gets here (the step reports every failure it knows): never read as a verdict.
        const safe = new _text_safe_text_js__WEBPACK_IMPORTED_MODULE_8__/* .SafeText */ .P([options.get('access-key-secret')].filter(Boolean));
        process.stderr.write(`Error: ${safe.line(`ninedata-gate crashed: ${String(error)}`)}\n`);
        return _cli_exit_code_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT_CODES */ .a.noVerdict;
    });
    // The verdict is out: whatever sockets still hold open, the process ends within a second.
    setTimeout(() => process.exit(), 1000).unref();
}
async function gateFromCommandLine() {
    const startedAt = _time_js__WEBPACK_IMPORTED_MODULE_9__/* .realTime */ .M.now();
    const env = process.env;
    const surface = (0,_surface_cli_surface_js__WEBPACK_IMPORTED_MODULE_7__/* .cliSurface */ .c9)({
        reportDir: options.reportDir,
        gitlab: env['GITLAB_CI'] === 'true',
        debug: env['NINEDATA_GATE_DEBUG'] === 'true' || env['CI_DEBUG_TRACE'] === 'true'
    });
    const secret = options.get('access-key-secret');
    const log = (0,_gate_step_js__WEBPACK_IMPORTED_MODULE_3__/* .openLog */ .Ne)(surface, [...new Set([secret, secret.trim()])].filter(Boolean));
    (0,_gate_step_js__WEBPACK_IMPORTED_MODULE_3__/* .warnIfShortSecret */ .yK)(log, secret);
    for (const name of options.unknownVariables)
        log.warning(`${name} is set but names no option of ninedata-gate: it is ignored.`);
    const stale = (0,_surface_cli_surface_js__WEBPACK_IMPORTED_MODULE_7__/* .clearReports */ .ZG)(options.reportDir);
    if (stale)
        log.warning(`Could not remove the reports of an earlier run: ${stale}`);
    const signals = (0,_stop_signals_js__WEBPACK_IMPORTED_MODULE_10__/* .watchSignals */ .R)(log);
    const phases = { time: _time_js__WEBPACK_IMPORTED_MODULE_9__/* .realTime */ .M, signal: signals.signal, startedAt };
    const step = await (0,_gate_step_js__WEBPACK_IMPORTED_MODULE_3__/* .runStep */ .eg)(options.get, log, phases, {
        usage: options.problems,
        correctionSql: (0,_report_correction_sql_writer_js__WEBPACK_IMPORTED_MODULE_4__/* .correctionSqlFiles */ .o)(log.safe, options.reportDir)
    });
    signals.verdictReached();
    const taskId = options.get('task-id').trim();
    const report = (0,_report_report_model_js__WEBPACK_IMPORTED_MODULE_5__/* .reportOf */ .EI)({ ...step, taskId }, _time_js__WEBPACK_IMPORTED_MODULE_9__/* .realTime */ .M.now() - startedAt);
    const reported = await (0,_report_publish_report_js__WEBPACK_IMPORTED_MODULE_6__/* .publishReport */ .S)(report, log, surface, true);
    signals.release();
    return (0,_cli_exit_code_js__WEBPACK_IMPORTED_MODULE_1__/* .exitCodeOf */ .F)(report, { inputsRefused: step.inputsRefused, reported });
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 391:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BK: () => (/* binding */ helpText),
/* harmony export */   Z: () => (/* binding */ readCliOptions)
/* harmony export */ });
/* unused harmony exports GITHUB_ONLY_INPUTS, DEFAULT_REPORT_DIR, variableOf */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(422);


// The command line's options: every action input as a long flag of the same name, each also read
// from NINEDATA_<NAME>; flags win. The names come from the one list in inputs.ts, so a new input is a
// new flag with no code here. Pure but for reading the secret file: returns what it found and every
// problem, for the same "Invalid inputs" message the action gives.
/** Inputs that only mean something on GitHub: the pull request comment and the job summary. */
const GITHUB_ONLY_INPUTS = ['pr-comment', 'github-token', 'job-summary'];
const DEFAULT_REPORT_DIR = 'ninedata-gate-report';
/** Options of the command line only, with what they take. */
const CLI_ONLY = {
    'access-key-secret-file': 'path',
    'report-dir': 'path'
};
/** NINEDATA_ACCESS_KEY_ID for access-key-id. */
function variableOf(name) {
    return `NINEDATA_${name.toUpperCase().replace(/-/g, '_')}`;
}
const cliInputs = () => _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_NAMES */ .Qh.filter(name => !GITHUB_ONLY_INPUTS.includes(name));
const isBoolean = (name) => /^(true|false)$/.test(_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_DEFAULTS */ .WJ[name] ?? '');
function readCliOptions(argv, env) {
    const flags = new Map();
    const problems = [];
    const help = argv.includes('--help') || argv.includes('-h');
    const version = argv.includes('--version') || argv.includes('-V');
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        if (['--help', '-h', '--version', '-V'].includes(arg))
            continue;
        const taken = readFlag(arg, argv[i + 1], flags, problems);
        if (taken)
            i++;
    }
    const reportDir = flags.get('report-dir') ?? env[variableOf('report-dir')] ?? DEFAULT_REPORT_DIR;
    const secret = readSecret(flags.get('access-key-secret-file'), env, problems);
    const get = name => name === 'access-key-secret'
        ? secret
        : GITHUB_ONLY_INPUTS.includes(name)
            ? ''
            : (flags.get(name) ?? env[variableOf(name)] ?? '');
    return { help, version, reportDir, get, problems, unknownVariables: unknownVariables(env) };
}
/** Reads one argument (and its value); whether the next argument was taken as the value. */
function readFlag(arg, next, flags, problems) {
    const match = /^--([a-z][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) {
        // Not shown: a stray argument may be a secret pasted in the wrong place.
        problems.push('an argument is not an option: options are --name value or --name=value (see --help).');
        return false;
    }
    const [, name = '', inline] = match;
    const refusal = refused(name);
    if (refusal) {
        problems.push(refusal);
        // Whatever follows is the value the user meant, unless it is one of our options: it is never
        // read as an option, nor shown as an unknown one (a secret may start with --).
        return inline === undefined && next !== undefined && !isOption(next);
    }
    if (!isKnown(name)) {
        problems.push(`\`--${name}\` is not an option of ninedata-gate (see --help).`);
        return false;
    }
    if (flags.has(name))
        problems.push(`\`--${name}\` is given more than once.`);
    if (inline !== undefined) {
        flags.set(name, inline);
        return false;
    }
    if (isBoolean(name) && (next === undefined || next.startsWith('--'))) {
        flags.set(name, 'true');
        return false;
    }
    if (next === undefined) {
        problems.push(`\`--${name}\` needs a value.`);
        return false;
    }
    flags.set(name, next);
    return true;
}
const isKnown = (name) => cliInputs().includes(name) || name in CLI_ONLY;
/** Whether an argument is one of the command's options (`--name` or `--name=value`). */
function isOption(arg) {
    const name = /^--([a-z][a-z0-9-]*)(?:=|$)/.exec(arg)?.[1];
    return name !== undefined && (isKnown(name) || name === 'access-key-secret');
}
function refused(name) {
    if (name === 'access-key-secret') {
        return ('`--access-key-secret` is refused: a secret on the command line shows in process lists, shell ' +
            'history and CI logs of the command. Put it in the NINEDATA_ACCESS_KEY_SECRET variable (a masked ' +
            'CI variable or credential), or in a file named by --access-key-secret-file.');
    }
    if (GITHUB_ONLY_INPUTS.includes(name)) {
        return `\`--${name}\` is an input of the GitHub Action only; the command line has no pull request comment or job summary (it writes summary.md in --report-dir).`;
    }
    return undefined;
}
/** The secret from --access-key-secret-file or NINEDATA_ACCESS_KEY_SECRET, never both. */
function readSecret(file, env, problems) {
    const fromEnv = env[variableOf('access-key-secret')] ?? '';
    const path = file ?? env[variableOf('access-key-secret-file')];
    if (path === undefined || path === '')
        return fromEnv;
    if (fromEnv !== '') {
        problems.push('the secret is given twice: NINEDATA_ACCESS_KEY_SECRET is set and --access-key-secret-file names a file; keep one.');
    }
    try {
        // A file written by `echo` or an editor ends with a newline that is not part of the secret.
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8').replace(/\r?\n$/, '');
    }
    catch (error) {
        const code = error.code ?? 'unreadable';
        problems.push(`\`--access-key-secret-file\` names a file that cannot be read (${code}).`);
        return '';
    }
}
function unknownVariables(env) {
    const known = new Set([..._inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_NAMES */ .Qh, ...Object.keys(CLI_ONLY)].map(variableOf).concat('NINEDATA_GATE_DEBUG'));
    return Object.keys(env).filter(key => key.startsWith('NINEDATA_') && !known.has(key));
}
/** --help: every option with its variable and default. */
function helpText(version) {
    const required = new Set(_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .REQUIRED_INPUTS */ .yu);
    const rows = [
        ...cliInputs()
            .filter(name => name !== 'access-key-secret')
            .map(name => {
            const fallback = _inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .INPUT_DEFAULTS */ .WJ[name];
            const shown = required.has(name)
                ? 'required'
                : `default: ${fallback === '' ? '(empty)' : fallback}`;
            const value = isBoolean(name) ? '[true|false]' : '<value>';
            return `  --${name} ${value}\n      ${variableOf(name)}; ${shown}`;
        }),
        `  --access-key-secret-file <path>\n      or NINEDATA_ACCESS_KEY_SECRET (the secret itself); one of them required`,
        `  --report-dir <path>\n      ${variableOf('report-dir')}; default: ${DEFAULT_REPORT_DIR}`
    ];
    return [
        `ninedata-gate ${version}: gate a migration on NineData's precheck (and comparison run) of a comparison task.`,
        '',
        'Usage: node dist/cli.js --api-url URL --access-key-id ID --task-id cc-... [options]',
        '       (the secret in NINEDATA_ACCESS_KEY_SECRET or a file: never on the command line)',
        '',
        'Options (each also from the variable shown; a flag wins over its variable):',
        ...rows,
        '  --help, --version',
        '',
        `Not here (GitHub Action only): ${GITHUB_ONLY_INPUTS.map(n => `--${n}`).join(', ')}.`,
        'A boolean option alone means true (--run-comparison); otherwise --name value or --name=value.',
        '',
        'Reports in --report-dir: summary.md, report.json, junit.xml, and correction.sql when objects differ.',
        'Exit codes: 0 passed; 1 the gate failed (failed check items or differences); 2 bad usage or inputs;',
        '3 no verdict (timeout, cancelled, NineData unreachable or rejected the key, an answer that could not be verified).',
        'More: docs/other-ci.md'
    ].join('\n');
}


/***/ }),

/***/ 552:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ exitCodeOf),
/* harmony export */   a: () => (/* binding */ EXIT_CODES)
/* harmony export */ });
/* harmony import */ var _report_report_model_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(486);

// The command line's exit code, from the one verdict: scripts tell "NineData said no" (1) from "we
// could not ask" (3). Decided here only.
const EXIT_CODES = {
    passed: 0,
    /** Failed check items or differences: NineData's answer, read and understood. */
    failed: 1,
    /** Bad usage or inputs: nothing was asked. */
    usage: 2,
    /** No verdict: timeout, cancelled, unreachable, rejected key, an answer that could not be verified. */
    noVerdict: 3
};
function exitCodeOf(report, step) {
    if (step.inputsRefused)
        return EXIT_CODES.usage;
    // A pass whose reports could not be written is not a pass a pipeline can show.
    if (!(0,_report_report_model_js__WEBPACK_IMPORTED_MODULE_0__/* .stepFails */ .ug)(report))
        return step.reported ? EXIT_CODES.passed : EXIT_CODES.noVerdict;
    return report.verdict.kind === 'failed' ? EXIT_CODES.failed : EXIT_CODES.noVerdict;
}


/***/ }),

/***/ 880:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ab: () => (/* binding */ EndingError),
/* harmony export */   BL: () => (/* binding */ FINISHED),
/* harmony export */   H2: () => (/* binding */ hintLeads),
/* harmony export */   Jj: () => (/* binding */ crashEnding),
/* harmony export */   WY: () => (/* binding */ isBusyRefusal),
/* harmony export */   rK: () => (/* binding */ endingHint),
/* harmony export */   z6: () => (/* binding */ endingOf)
/* harmony export */ });
/* harmony import */ var _hints_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(957);
/* harmony import */ var _ninedata_api_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(454);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(587);



const FINISHED = { how: 'finished' };
/** An error that already knows how the phase ended (e.g. out of time while waiting for a busy task). */
class EndingError extends Error {
    ending;
    constructor(ending) {
        super(ending.how === 'error' ? ending.message : ending.how);
        this.ending = ending;
        this.name = 'EndingError';
    }
}
/**
 * The ending an error stands for. `doing` says what failed ("The status query for precheck X
 * failed"). A bug of this action is an ending too: reported like any error, never rethrown.
 */
function endingOf(error, doing) {
    if (error instanceof EndingError)
        return error.ending;
    if (error instanceof _ninedata_api_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .StopError */ .Tj) {
        return error.reason === 'timeout'
            ? { how: 'timeout', outage: error.outage }
            : { how: 'cancelled', outage: error.outage };
    }
    if (!(error instanceof _ninedata_api_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD))
        return crashEnding(error);
    const id = error.requestId ? ` (requestId ${error.requestId})` : '';
    const said = error.kind === 'business'
        ? `NineData said "${error.message}"`
        : error.kind === 'auth'
            ? `NineData rejected the credentials or the request signature: "${error.message}"`
            : error.kind === 'protocol'
                ? `${error.message}. This is not treated as a pass`
                : error.message;
    const ending = { how: 'error', message: `${doing}: ${said}${id}.`, hint: hintOf(error) };
    return error.misaddressed ? { ...ending, hintFirst: true } : ending;
}
/** An error this action did not expect: a bug, still reported as a readable failure. */
function crashEnding(error) {
    return {
        how: 'error',
        message: `The action crashed: ${(0,_error_message_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error)}`
    };
}
/** What to check next for a failure with a likely cause; the outage's hint for a timeout. */
function hintOf(error) {
    if (!error)
        return undefined;
    if (error.kind === 'auth')
        return _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.credentials;
    if (isBusyRefusal(error))
        return _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.busyTask;
    if (error.kind === 'business' && /(?<!precheck )task not found/i.test(error.message))
        return _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.taskNotFound;
    return error.hint && sentence(error.hint);
}
/** NineData's refusal to start a precheck or run while another one of the task is under way. */
function isBusyRefusal(error) {
    return (error instanceof _ninedata_api_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ApiError */ .hD && error.kind === 'business' && /status invalid/i.test(error.message));
}
/** What to check next: the error's hint, or for a timeout or a cancel the hint of its outage. */
function endingHint(ending) {
    if (ending.how === 'error')
        return ending.hint;
    if (ending.how === 'timeout' || ending.how === 'cancelled')
        return hintOf(ending.outage?.lastError);
    return undefined;
}
/**
 * Whether the hint comes before the reason: when NineData never answered and the failures point at
 * `api-url`, the address is the likely fix, not a longer timeout-seconds.
 */
function hintLeads(ending) {
    if (ending.how === 'error')
        return ending.hintFirst === true;
    if (ending.how === 'timeout' || ending.how === 'cancelled')
        return ending.outage?.lastError.misaddressed === true;
    return false;
}
function sentence(text) {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}


/***/ }),

/***/ 587:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage)
/* harmony export */ });
// How an error's message is taken, the one way: anything can be thrown (an Error, an Octokit
// error-like object, a string), and each must still say something readable.
/** The message of whatever was thrown: its `message` when it has one as a string, else its text. */
function errorMessage(error) {
    if (typeof error === 'object' && error !== null && 'message' in error) {
        const { message } = error;
        if (typeof message === 'string')
            return message;
    }
    return String(error);
}


/***/ }),

/***/ 478:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Ne: () => (/* binding */ openLog),
  eg: () => (/* binding */ runStep),
  yK: () => (/* binding */ warnIfShortSecret)
});

// EXTERNAL MODULE: ./src/ending.ts
var src_ending = __nccwpck_require__(880);
// EXTERNAL MODULE: ./src/text/wording.ts
var wording = __nccwpck_require__(179);
;// CONCATENATED MODULE: ./src/ninedata/server-clock.ts

// Clock drift: NineData rejects timestamps more than 10 minutes off its clock, so the action
// signs with the server's time when it learns that the runner's clock is off.
/** No server time before this can be NineData's clock: the action did not exist yet. */
const EARLIEST_SERVER_TIME_MS = Date.UTC(2020, 0, 1);
/** When this version was written: a runner whose clock is earlier is wrong, not NineData. */
const WRITTEN_MS = Date.UTC(2026, 0, 1);
/** How far ahead of the runner (or of WRITTEN_MS, if the runner is earlier) NineData may be. */
const MAX_AHEAD_MS = 5 * 365 * 24 * 3600 * 1000;
/** NineData rejects timestamps further than this from its clock. */
const MAX_SIGNATURE_SKEW_MS = 10 * 60 * 1000;
/**
 * Why `serverMs` cannot be NineData's clock, or undefined when it can. Times before 2020 (a device
 * without a clock says 1970) or more than 5 years ahead of the runner are someone else's clock or
 * garbage; applied as an offset, they would make every signature wrong or the timestamp unwritable.
 */
function implausibleServerTime(serverMs, localMs) {
    if (!Number.isFinite(serverMs))
        return 'it is not a time';
    if (serverMs < EARLIEST_SERVER_TIME_MS)
        return 'it is before 2020';
    if (serverMs > Math.max(localMs, WRITTEN_MS) + MAX_AHEAD_MS) {
        return "it is more than 5 years ahead of the runner's clock";
    }
    return undefined;
}
/** A server time for messages: ISO when it is one, else the number. Never throws. */
function describeServerTime(ms) {
    return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
/** Offsets smaller than this are noise (Date headers have 1 s resolution) and are not applied. */
const SIGNIFICANT_SKEW_MS = 30_000;
/** Reads a server time from `/openapi/now`'s `data`: ISO string, epoch seconds or epoch ms. */
function parseServerTime(value) {
    if (typeof value === 'number' && Number.isFinite(value)) {
        // Below 1e11 it can only be seconds (1e11 ms is 1973; 1e11 s is the year 5138).
        return value < 1e11 ? value * 1000 : value;
    }
    if (typeof value === 'string') {
        const trimmed = value.trim();
        if (/^\d+(\.\d+)?$/.test(trimmed))
            return parseServerTime(Number(trimmed));
        const ms = Date.parse(trimmed);
        return Number.isNaN(ms) ? undefined : ms;
    }
    if (value !== null && typeof value === 'object') {
        // Be lenient about a wrapper object: { time | now | timestamp | serverTime: ... }.
        const record = value;
        for (const key of ['time', 'now', 'timestamp', 'serverTime', 'currentTime']) {
            const found = parseServerTime(record[key]);
            if (found !== undefined)
                return found;
        }
    }
    return undefined;
}
/** Parses an HTTP `Date` header (IMF-fixdate); undefined when absent or unreadable. */
function parseDateHeader(value) {
    const text = Array.isArray(value) ? value[0] : value;
    if (!text)
        return undefined;
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
}
/** NineData's own clock endpoint, asked once when a rejected signature may be the clock's fault. */
const NOW_PATH = '/openapi/now';
const FROM_DATE_HEADER = 'from the Date header of its answer';
/**
 * The runner's idea of NineData's time, learned from answers' Date headers and `/openapi/now`.
 * Pure apart from the local clock it reads: what it learns it returns as a note for the log.
 */
class ServerClock {
    localNow;
    offset = 0;
    /** Whether a note already said why a server time was ignored (said once, then debug). */
    ignoredTimeSaid = false;
    constructor(localNow = Date.now) {
        this.localNow = localNow;
    }
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
    observe(serverMs, sentAt, receivedAt, resolutionMs = 1000) {
        if (implausibleServerTime(serverMs, receivedAt) !== undefined)
            return undefined;
        // A whole-second Date was stamped somewhere within its second: assume the middle.
        const measured = serverMs + resolutionMs / 2 - (sentAt + receivedAt) / 2;
        const wanted = Math.abs(measured) < SIGNIFICANT_SKEW_MS ? 0 : measured;
        if (Math.abs(wanted - this.offset) < SIGNIFICANT_SKEW_MS)
            return undefined;
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
        return date !== undefined && !implausibleServerTime(date, receivedAt)
            ? date
            : receivedAt + this.offset;
    }
    /** Learns from an answer's Date header, when it can be NineData's clock. */
    learnFromAnswer(answer) {
        const date = parseDateHeader(answer.dateHeader);
        if (date === undefined)
            return undefined;
        const implausible = implausibleServerTime(date, this.localNow());
        if (implausible)
            return this.ignored(date, FROM_DATE_HEADER, cannotBe(implausible));
        // An accepted signature proves NineData's clock is within 10 minutes of the timestamp signed
        // with: a Date further off on such an answer is another clock (a proxy's or gateway's).
        if (answer.accepted &&
            answer.path !== NOW_PATH &&
            Math.abs(date - answer.signedAt) > MAX_SIGNATURE_SKEW_MS + 60_000) {
            return this.ignored(date, FROM_DATE_HEADER, `NineData accepted a request signed with ${describeServerTime(answer.signedAt)}, so its clock is within 10 minutes of that, and this Date is another clock's`);
        }
        return this.learn(date, answer.sentAt, answer.receivedAt, 1000, FROM_DATE_HEADER);
    }
    /** Learns from `/openapi/now`'s `data`, asked at `sentAt` and answered at `receivedAt`. */
    learnFromNow(data, sentAt, receivedAt) {
        const serverMs = parseServerTime(data);
        return serverMs === undefined
            ? undefined
            : this.learn(serverMs, sentAt, receivedAt, 0, NOW_PATH);
    }
    learn(serverMs, sentAt, receivedAt, resolutionMs, source) {
        const implausible = implausibleServerTime(serverMs, receivedAt);
        if (implausible)
            return this.ignored(serverMs, source, cannotBe(implausible));
        const offset = this.observe(serverMs, sentAt, receivedAt, resolutionMs);
        if (offset === undefined)
            return undefined;
        if (offset === 0) {
            return {
                level: 'info',
                message: `The runner's clock agrees with NineData's again (${source}); signing with the runner's time.`
            };
        }
        return {
            level: 'warning',
            message: `The runner's clock is ${(0,wording/* formatDuration */.a3)(offset)} ${offset > 0 ? 'behind' : 'ahead of'} NineData's (${source}); ` +
                `requests are now signed with NineData's time. NineData rejects timestamps more than 10 minutes off: fix the runner's clock (NTP).`
        };
    }
    /** Says once (info, then debug) that a server time was ignored, and why. */
    ignored(serverMs, source, why) {
        const message = `Ignored the server time ${describeServerTime(serverMs)} (${source}): ${why}. Requests stay signed with ${this.offset === 0 ? "the runner's clock" : 'the clock offset learned before'}.`;
        const level = this.ignoredTimeSaid ? 'debug' : 'info';
        this.ignoredTimeSaid = true;
        return { level, message };
    }
}
function cannotBe(implausible) {
    return `${implausible}, so it cannot be NineData's clock`;
}

// EXTERNAL MODULE: ./src/hints.ts
var hints = __nccwpck_require__(957);
// EXTERNAL MODULE: ./src/ninedata/api-errors.ts
var api_errors = __nccwpck_require__(454);
;// CONCATENATED MODULE: ./src/ninedata/duplicate-keys.ts
// Finds a key written twice in one JSON object. JSON.parse keeps the last of two equal keys, so
// `{"status":"Failed","status":"Success"}` would read as Success while a person reading the body
// sees Failed: such an answer is not the documented shape. Pure, linear in the text, no recursion.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/**
 * The first key that appears twice in one object of `text`, or undefined. `text` must be valid JSON
 * (call it after JSON.parse accepted the text): the scanner relies on that and checks nothing else.
 */
function findDuplicateKey(text) {
    const stack = [];
    // In an object: true between `{` or `,` and the next key, where a string is a key.
    let expectKey = false;
    const length = text.length;
    for (let i = 0; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
            const end = stringEnd(text, i);
            const top = stack[stack.length - 1];
            if (expectKey && top !== undefined && 'keys' in top) {
                const key = decodeKey(text, i, end);
                if (top.keys.has(key))
                    return { key, path: pathOf(stack, key) };
                top.keys.add(key);
                top.key = key;
                expectKey = false;
            }
            i = end;
        }
        else if (c === 0x7b /* { */) {
            stack.push({ keys: new Set(), key: '' });
            expectKey = true;
        }
        else if (c === 0x5b /* [ */) {
            stack.push({ index: 0 });
            expectKey = false;
        }
        else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
            stack.pop();
            expectKey = false;
        }
        else if (c === 0x2c /* , */) {
            const top = stack[stack.length - 1];
            if (top !== undefined && 'index' in top)
                top.index++;
            else
                expectKey = true;
        }
    }
    return undefined;
}
/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text, start) {
    let at = text.indexOf('"', start + 1);
    for (;;) {
        // A quote is escaped when an odd number of backslashes stands right before it.
        let backslashes = 0;
        while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH)
            backslashes++;
        if (backslashes % 2 === 0)
            return at;
        at = text.indexOf('"', at + 1);
        // Valid JSON always closes its strings; stop at the end all the same.
        if (at < 0)
            return text.length;
    }
}
/** A key with its escapes resolved, so `"st\u0061tus"` and `"status"` are the same key. */
function decodeKey(text, start, end) {
    const raw = text.slice(start + 1, end);
    return raw.includes('\\') ? JSON.parse(`"${raw}"`) : raw;
}
const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;
function pathOf(stack, last) {
    let path = '';
    for (const [depth, frame] of stack.entries()) {
        const key = depth === stack.length - 1 ? last : 'keys' in frame ? frame.key : undefined;
        if (key === undefined)
            path += `[${frame.index}]`;
        else if (PLAIN_KEY.test(key))
            path += path === '' ? key : `.${key}`;
        else
            path += `[${JSON.stringify(key)}]`;
    }
    return path;
}

;// CONCATENATED MODULE: ./src/ninedata/envelope.ts



/** Deeper than this is not NineData's shape (its deepest is data.precheckItems[i].field: 4). */
const MAX_JSON_DEPTH = 64;
// Messages of `success: false` answers that are about who is calling rather than what was asked.
const AUTH_MESSAGE = /signature|timestamp|time stamp|expired|access[-_ ]?key|secret|unauthori[sz]ed|authenticat|not authorized|invalid (ak|key|token)/i;
function isAuthMessage(message) {
    return AUTH_MESSAGE.test(message);
}
/** How deep a parsed JSON value nests, counted without recursion and stopping past `limit`. */
function jsonDepth(value, limit) {
    let deepest = 0;
    const stack = [[value, 1]];
    while (stack.length > 0) {
        const [v, depth] = stack.pop();
        if (v === null || typeof v !== 'object')
            continue;
        deepest = Math.max(deepest, depth);
        if (deepest > limit)
            return deepest;
        for (const child of Array.isArray(v) ? v : Object.values(v)) {
            if (child !== null && typeof child === 'object')
                stack.push([child, depth + 1]);
        }
    }
    return deepest;
}
function parseJson(body) {
    try {
        // A byte order mark is transport, not content: JSON.parse would refuse it.
        const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
        return { json: true, value: JSON.parse(text) };
    }
    catch {
        // Cut bodies and HTML pages from gateways end up here (a stack overflow too, for absurd nesting).
        return { json: false };
    }
}
function describeBody(answer) {
    const type = String(answer.headers['content-type'] ?? 'no content type')
        .split(';')[0]
        ?.trim();
    if (answer.body.length === 0)
        return 'an empty body';
    return `a body of ${Buffer.byteLength(answer.body)} bytes (${type}) that is not NineData's JSON`;
}
function httpLabel(answer) {
    return `HTTP ${answer.httpStatus}${answer.statusText ? ` ${answer.statusText}` : ''}`;
}
function requestIdOf(parsed) {
    const value = parsed.json ? parsed.value : null;
    return value !== null && typeof value === 'object' && typeof value.requestId === 'string'
        ? value.requestId
        : undefined;
}
function asEnvelope(parsed) {
    if (!parsed.json)
        return undefined;
    const value = parsed.value;
    return value !== null && typeof value === 'object' && typeof value.success === 'boolean'
        ? value
        : undefined;
}
/** The envelope of a usable answer, or the failure it stands for. `nowMs` is NineData's clock. */
function readEnvelope(answer, nowMs) {
    const parsed = parseJson(answer.body);
    const duplicate = parsed.json ? findDuplicateKey(answer.body) : undefined;
    if (duplicate) {
        // JSON.parse kept one of the two values; which one a person reading the body believes is anyone's guess.
        return new api_errors/* ApiError */.hD('protocol', `the answer has the key ${JSON.stringify(duplicate.key)} twice in one object (at ${duplicate.path}), so it is not the documented shape: JSON readers keep only one of the two values`, { httpStatus: answer.httpStatus, requestId: requestIdOf(parsed) });
    }
    if (parsed.json && jsonDepth(parsed.value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        return new api_errors/* ApiError */.hD('protocol', `the answer nests deeper than ${MAX_JSON_DEPTH} levels, which is not the documented shape`, { httpStatus: answer.httpStatus });
    }
    const envelope = asEnvelope(parsed);
    if (envelope?.success === true && answer.httpStatus >= 200 && answer.httpStatus < 300) {
        return envelope;
    }
    return failureOf(answer, parsed.json, envelope, nowMs);
}
/** What an answer that is not usable means: retry, refusal, rejected credentials, or final. */
function failureOf(answer, isJson, envelope, nowMs) {
    const { httpStatus } = answer;
    const requestId = typeof envelope?.requestId === 'string' ? envelope.requestId : undefined;
    const message = typeof envelope?.message === 'string' && envelope.message ? envelope.message : undefined;
    const details = {
        requestId,
        httpStatus,
        mayHaveReachedServer: (0,api_errors/* mayHaveReachedServer */.xW)(httpStatus),
        fromNineData: envelope !== undefined,
        symptom: envelope === undefined ? 'foreign' : undefined
    };
    const body = message
        ? `"${message}"`
        : envelope
            ? "NineData's envelope without a message"
            : describeBody(answer);
    const what = `${httpLabel(answer)} with ${body}`;
    if ((0,api_errors/* isTransientStatus */.Dm)(httpStatus)) {
        const retryAfter = httpStatus === 429 || httpStatus === 503 ? answer.headers['retry-after'] : undefined;
        return new api_errors/* ApiError */.hD('transient', what, {
            ...details,
            retryAfterMs: (0,api_errors/* parseRetryAfter */.mu)(retryAfter, nowMs)
        });
    }
    const refused = envelope?.success === false;
    if (httpStatus === 401 || httpStatus === 403 || (refused && isAuthMessage(message ?? ''))) {
        return new api_errors/* ApiError */.hD('auth', message ?? what, details);
    }
    if (refused) {
        return new api_errors/* ApiError */.hD('business', message ?? 'NineData refused the request without a message', details);
    }
    if (httpStatus >= 200 && httpStatus < 300) {
        // JSON that is not the envelope is a shape we do not understand; anything else is a gateway page
        // or a body cut short, worth another try.
        return isJson
            ? new api_errors/* ApiError */.hD('protocol', 'the answer is JSON but not NineData\'s envelope (no boolean "success")', details)
            : new api_errors/* ApiError */.hD('transient', what, details);
    }
    return new api_errors/* ApiError */.hD('fatal', what, { ...details, hint: hintFor(answer) });
}
function hintFor(answer) {
    if (answer.httpStatus === 404 || answer.httpStatus === 405) {
        return hints/* HINTS */.N.apiPath;
    }
    if (answer.httpStatus === 400 && /https/i.test(answer.body.slice(0, 2000)))
        return hints/* HINTS */.N.scheme;
    return undefined;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
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
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
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
}
//# sourceMappingURL=proxy.js.map
;// CONCATENATED MODULE: ./src/ninedata/transport.ts





// Sends one HTTP request, directly or through the proxy the environment names (https_proxy,
// http_proxy and no_proxy, upper case too, read by @actions/http-client's own rules: loopback is never
// proxied). It owns every socket it opens, so dispose() frees them all: pooled direct connections, a
// tunnel through a proxy (even one the proxy holds open), a request still waiting for its answer.
const USER_AGENT = 'ninedata-precheck-gate';
/** A proxy that did not open the tunnel, or could not be reached: the request never left the runner. */
class ProxyError extends Error {
    proxyStatus;
    constructor(message, proxyStatus) {
        super(message);
        this.proxyStatus = proxyStatus;
        this.name = 'ProxyError';
    }
}
function targetOf(url) {
    const secure = url.protocol === 'https:';
    const port = url.port ? Number(url.port) : secure ? 443 : 80;
    // URL keeps the brackets of an IPv6 literal in hostname; a socket would look them up as a name.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return { host, port, authority: `${url.hostname}:${port}`, secure };
}
class Transport {
    agents = {};
    /** Requests and sockets opened and not yet closed. */
    open = new Set();
    /** Sends the request; resolves with the answer's head (the body is the caller's to read). */
    request(method, url, body, headers) {
        const target = targetOf(url);
        const proxy = getProxyUrl(url);
        const options = {
            method,
            host: target.host,
            port: target.port,
            path: `${url.pathname}${url.search}`,
            headers: { 'user-agent': USER_AGENT, ...headers }
        };
        if (proxy)
            options.createConnection = (_o, done) => this.tunnel(proxy, target, done);
        else
            options.agent = this.agent(target.secure);
        return new Promise((resolve, reject) => {
            const request = (target.secure ? external_node_https_namespaceObject : external_node_http_namespaceObject).request(options);
            this.track(request);
            request.once('response', resolve);
            request.once('error', reject);
            request.end(body ?? undefined);
        });
    }
    /** Frees every socket: pooled, tunnelled, or in use by a request given up on. */
    dispose() {
        this.agents.http?.destroy();
        this.agents.https?.destroy();
        delete this.agents.http;
        delete this.agents.https;
        for (const open of this.open)
            open.destroy();
        this.open.clear();
    }
    agent(secure) {
        if (secure)
            return (this.agents.https ??= new external_node_https_namespaceObject.Agent({ keepAlive: true }));
        return (this.agents.http ??= new external_node_http_namespaceObject.Agent({ keepAlive: true }));
    }
    track(item) {
        this.open.add(item);
        item.once('close', () => this.open.delete(item));
        return item;
    }
    /** A CONNECT tunnel to the target through the proxy, with TLS on top for an https target. */
    tunnel(proxy, target, done) {
        let settled = false;
        const settle = (error, socket) => {
            if (settled)
                return;
            settled = true;
            done(error, socket);
        };
        const shown = `${proxy.protocol}//${proxy.host}`;
        const viaTls = proxy.protocol === 'https:';
        const credentials = proxy.username || proxy.password
            ? {
                'proxy-authorization': `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`
            }
            : {};
        const connect = (viaTls ? external_node_https_namespaceObject : external_node_http_namespaceObject).request({
            host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: proxy.port ? Number(proxy.port) : viaTls ? 443 : 80,
            method: 'CONNECT',
            path: target.authority,
            headers: { host: target.authority, 'user-agent': USER_AGENT, ...credentials },
            agent: false
        });
        this.track(connect);
        connect.once('connect', (answer, socket, head) => {
            this.track(socket);
            if (answer.statusCode !== 200) {
                socket.destroy();
                return settle(new ProxyError(`the proxy ${shown} did not open a tunnel to ${target.authority}: HTTP ${answer.statusCode}`, answer.statusCode));
            }
            if (head.length > 0)
                socket.unshift(head);
            if (!target.secure)
                return settle(null, socket);
            const secure = external_node_tls_namespaceObject.connect({
                socket,
                host: target.host,
                servername: (0,external_node_net_namespaceObject.isIP)(target.host) === 0 ? target.host : undefined,
                ALPNProtocols: ['http/1.1']
            });
            this.track(secure);
            settle(null, secure);
        });
        connect.once('error', error => settle(new ProxyError(`could not reach the proxy ${shown}: ${error.message}`)));
        connect.end();
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/ninedata/http-exchange.ts



// One raw HTTP exchange, bounded by the per-request timeout, the deadline and cancellation. It knows
// nothing of signing or NineData's envelope. Proxies (https_proxy, no_proxy): see transport.ts.
/** Refuse to buffer answers larger than this: a precheck is never that big, a broken proxy may be. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
class HttpExchange {
    limits;
    transport;
    constructor(limits) {
        this.limits = limits;
    }
    /** Frees every socket (direct, pooled or tunnelled through a proxy), a request given up on too. */
    dispose() {
        this.transport?.dispose();
        this.transport = undefined;
    }
    async send(method, url, body, headers) {
        const transport = (this.transport ??= new Transport());
        const work = (async () => {
            // No redirects are followed and nothing is retried here: the client decides what a failure means.
            const message = await transport.request(method, new URL(url), body, headers);
            return {
                httpStatus: message.statusCode ?? 0,
                statusText: message.statusMessage ?? '',
                headers: message.headers,
                body: await readBody(message)
            };
        })();
        // When the deadline or a cancel wins the race, the abandoned request's failure is expected.
        work.catch(() => undefined);
        const stop = this.stopper();
        try {
            return await Promise.race([work, stop.promise]);
        }
        catch (caught) {
            const error = caught instanceof api_errors/* StopError */.Tj ? caught : (0,api_errors/* classifyNetworkError */.LW)(caught);
            // Cut an abandoned or broken request off; the next attempt gets a fresh connection.
            if (error instanceof api_errors/* StopError */.Tj || error.kind === 'transient')
                this.dispose();
            throw error;
        }
        finally {
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
                reject(limit < requestTimeoutMs
                    ? new api_errors/* StopError */.Tj('timeout')
                    : new api_errors/* ApiError */.hD('transient', `no answer within ${(0,wording/* formatDuration */.a3)(requestTimeoutMs)} (request-timeout-seconds)`, { symptom: 'silent' }));
            }, limit);
            onAbort = () => reject(new api_errors/* StopError */.Tj('cancelled'));
            if (signal.aborted)
                onAbort();
            else
                signal.addEventListener('abort', onAbort, { once: true });
        });
        return {
            promise,
            clear: () => {
                clearTimeout(timer);
                if (onAbort)
                    signal.removeEventListener('abort', onAbort);
            }
        };
    }
}
const CUT_SHORT = 'the connection closed before the answer was complete';
/** Reads a whole body, rejecting when the connection is cut before its end or it grows too large. */
function readBody(message) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const tooLarge = () => {
            // Rejected before the connection is cut, so the cut is not mistaken for a transient failure.
            reject(new api_errors/* ApiError */.hD('fatal', `the answer was too large: over ${MAX_BODY_BYTES / 1024 / 1024} MiB, more than any precheck needs`));
            message.destroy();
        };
        if (Number(message.headers['content-length']) > MAX_BODY_BYTES)
            return tooLarge();
        message.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES)
                return tooLarge();
            chunks.push(chunk);
        });
        message.on('end', () => {
            if (message.complete)
                resolve(Buffer.concat(chunks).toString('utf8'));
            else
                reject(new api_errors/* ApiError */.hD('transient', CUT_SHORT, { symptom: 'cut' }));
        });
        message.on('aborted', () => reject(new api_errors/* ApiError */.hD('transient', CUT_SHORT, { symptom: 'cut' })));
        message.on('error', error => reject((0,api_errors/* classifyNetworkError */.LW)(error)));
        message.on('close', () => {
            if (!message.complete)
                reject(new api_errors/* ApiError */.hD('transient', CUT_SHORT, { symptom: 'cut' }));
        });
    });
}

;// CONCATENATED MODULE: ./src/ninedata/retry.ts
// How long to wait before trying a call again. Pure.
const RETRY_POLICY = {
    /** Never sooner than this after a failure, whatever Retry-After says: no storms. */
    floorMs: 1000,
    /** The longest wait between two tries is the larger of this and poll-interval-seconds. */
    minCapMs: 30_000
};
/**
 * The wait after the `failures`-th failure in a row: Retry-After when NineData gave one, else
 * exponential backoff with full jitter; always within [floor, max(poll interval, 30 s)].
 */
function retryDelay(failures, options) {
    const { floorMs, minCapMs } = RETRY_POLICY;
    const cap = Math.max(minCapMs, options.intervalMs);
    if (options.retryAfterMs !== undefined) {
        return Math.min(cap, Math.max(floorMs, options.retryAfterMs));
    }
    const ceiling = Math.min(cap, floorMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
    const random = options.random ?? Math.random;
    return Math.round(floorMs + random() * (ceiling - floorMs));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
;// CONCATENATED MODULE: ./src/ninedata/signer.ts

// NineData's request signing, as documented: pure functions, no I/O.
/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, without milliseconds, exactly as the `timestamp` header wants it. */
function formatTimestamp(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
/**
 * Lowercase hex SHA-256 of `<path>/<secret>&<timestamp>`. `path` is the request path only: no host,
 * no query string.
 */
function sign(path, secret, timestamp) {
    return (0,external_node_crypto_.createHash)('sha256').update(`${path}/${secret}&${timestamp}`, 'utf8').digest('hex');
}
/** The three authentication headers for one request. */
function authHeaders(path, credentials, now) {
    const timestamp = formatTimestamp(now);
    return {
        'access-key-id': credentials.accessKeyId,
        timestamp,
        signature: sign(path, credentials.accessKeySecret, timestamp)
    };
}

// EXTERNAL MODULE: ./src/text/redact.ts
var redact = __nccwpck_require__(326);
;// CONCATENATED MODULE: ./src/ninedata/wire-guard.ts


class WireGuard {
    redactor;
    constructor(secret) {
        this.redactor = new redact/* Redactor */.p(secret ? [secret, secret.trim()] : []);
    }
    /** Throws a final protocol error when the request would carry the secret in any form. */
    check(request) {
        const where = this.carrier(request);
        if (where === undefined)
            return;
        throw new api_errors/* ApiError */.hD('protocol', `${request.method} ${request.path} was not sent: its ${where} would carry the access-key-secret ` +
            `(an ID from NineData's answer, or an input, contains it), and the secret never goes on the wire`, { mayHaveReachedServer: false });
    }
    carrier(request) {
        if (!this.redactor.active)
            return undefined;
        const found = (text) => this.redactor.finds(text);
        if (found(request.path))
            return 'path';
        const values = Object.entries(request.query ?? {}).flat();
        if (values.some(found) || found(request.queryString))
            return 'query';
        if (request.body !== null && (found(request.body) || found((0,redact/* jsonStrings */.l)(request.bodyValue))))
            return 'body';
        if (found(request.accessKeyId))
            return 'access-key-id header';
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/time.ts
var time = __nccwpck_require__(834);
// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __nccwpck_require__(587);
;// CONCATENATED MODULE: ./src/ninedata/ninedata-client.ts










/**
 * Until NineData has answered once, failures that point at the address (a host that does not
 * resolve, a TLS or protocol mismatch, an answer that is not NineData's) end the step after this long
 * (or at timeout-seconds, when that comes first). Long enough to ride out a DNS or proxy hiccup.
 */
const ADDRESS_GRACE_MS = 60_000;
/** A last try before the deadline starts at least this long before it, so it can be answered. */
const LAST_TRY_MARGIN_MS = 500;
class NineDataClient {
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
    constructor(options) {
        this.options = options;
        this.time = options.time ?? time/* realTime */.M;
        this.clock = new ServerClock(() => this.time.now());
        this.http = new HttpExchange({ ...options, now: () => this.time.now() });
        this.wire = new WireGuard(options.credentials.accessKeySecret);
    }
    /**
     * A signed call, retried through transient failures until the deadline. A StopError says whether
     * an attempt may have reached NineData, and (when NineData never answered) points at api-url.
     */
    async call(method, path, options = {}) {
        const tally = { failures: 0, unclear: 0, outage: undefined };
        try {
            return await this.attempts(method, path, options, tally);
        }
        catch (error) {
            if (!(error instanceof api_errors/* StopError */.Tj))
                throw error;
            // A cancel during a wait between tries comes without the outage: it is the call's.
            const seen = error.outage ?? tally.outage;
            const outage = seen && { ...seen, lastError: this.addressed(seen) };
            throw new api_errors/* StopError */.Tj(error.reason, outage, error.mayHaveActed || tally.unclear > 0);
        }
    }
    async attempts(method, path, options, tally) {
        const label = `${method} ${path}`;
        let clockCorrected = false;
        for (;;) {
            const { outage } = tally;
            this.stopIfDone(outage);
            const offsetSignedWith = this.clock.offsetMs;
            const attemptAt = this.time.now();
            try {
                const answer = await this.signedRequest(method, path, options);
                if (tally.failures > 0) {
                    this.options.log.info(`${label} succeeded on attempt ${tally.failures + 1}, after ${(0,wording/* plural */.LS)(tally.failures, 'failed attempt')}.`);
                }
                return { ...answer, attempts: tally.failures + 1, unclearAttempts: tally.unclear };
            }
            catch (caught) {
                if (caught instanceof api_errors/* StopError */.Tj) {
                    // A request still unanswered when the run stops is part of the outage, if there is one.
                    const lastError = new api_errors/* ApiError */.hD('transient', `${label} had not answered yet`, {
                        symptom: 'silent'
                    });
                    throw new api_errors/* StopError */.Tj(caught.reason, outage ?? { sinceMs: attemptAt, lastError }, true);
                }
                const error = (0,api_errors/* classifyNetworkError */.LW)(caught);
                if (error.kind === 'auth' &&
                    !clockCorrected &&
                    (await this.clockWasOff(offsetSignedWith))) {
                    // The rejection was our clock's fault: the corrected clock gets one more try.
                    clockCorrected = true;
                    continue;
                }
                if (error.kind !== 'transient')
                    throw error;
                this.suspectApiUrl(error);
                this.endIfMisaddressed(error, attemptAt);
                tally.failures++;
                if (error.mayHaveReachedServer)
                    tally.unclear++;
                options.onFailedAttempt?.(error);
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
        if (signal.aborted)
            throw new api_errors/* StopError */.Tj('cancelled');
        await this.time.sleep(Math.max(0, Math.min(ms, this.options.deadline - this.time.now())), signal);
        if (signal.aborted)
            throw new api_errors/* StopError */.Tj('cancelled');
    }
    /**
     * Waits before the next try, warning why. Transient failures never end the wait before the
     * deadline: when the next try would come after it, a last try is made just before it, or (when
     * NineData asked to wait longer, or no time is left) the wait runs out and the outage is reported.
     */
    async pauseAfter(label, error, failures, outage) {
        const asked = error.retryAfterMs !== undefined
            ? ` (Retry-After asks for ${(error.retryAfterMs / 1000).toFixed(1)}s)`
            : '';
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
                const last = new api_errors/* ApiError */.hD(error.kind, `${error.message}${asked}; no time was left for another try`, error);
                throw new api_errors/* StopError */.Tj('timeout', { ...outage, lastError: last });
            }
            delay = lastTry;
        }
        const down = (0,wording/* formatDuration */.a3)(this.time.now() - outage.sinceMs);
        this.options.log.warning(`${label} failed: ${error.message}. Retrying in ${(delay / 1000).toFixed(1)}s${asked}; no usable answer for ${down} so far.`);
        await this.sleep(delay);
    }
    stopIfDone(outage) {
        if (this.options.signal.aborted)
            throw new api_errors/* StopError */.Tj('cancelled', outage);
        if (this.time.now() >= this.options.deadline)
            throw new api_errors/* StopError */.Tj('timeout', outage);
    }
    /**
     * After an auth rejection: did the clock turn out to be off by more than we signed with? The
     * rejection's Date header has already been read; without one, ask `/openapi/now` once.
     */
    async clockWasOff(offsetSignedWith) {
        if (this.clock.offsetMs === offsetSignedWith && !this.clockProbed) {
            this.clockProbed = true;
            // The time probe's requestId is of no use to support: keep the one of the rejected call.
            const rejectedRequestId = this.lastRequestId;
            try {
                const sentAt = this.time.now();
                const { data } = await this.signedRequest('GET', NOW_PATH, {});
                this.say(this.clock.learnFromNow(data, sentAt, this.time.now()));
            }
            catch (error) {
                if (error instanceof api_errors/* StopError */.Tj)
                    throw error;
                this.options.log.debug(`Could not read NineData's time from ${NOW_PATH}: ${(0,error_message/* errorMessage */.g)(error)}`);
            }
            finally {
                this.lastRequestId = rejectedRequestId;
            }
        }
        return this.clock.offsetMs !== offsetSignedWith;
    }
    say(note) {
        if (note)
            this.options.log[note.level](note.message);
    }
    /**
     * Before NineData has ever answered, a failed attempt may just as well be a wrong scheme, host, port
     * or path: say so at once, naming api-url, rather than after timeout-seconds of silent retries.
     */
    suspectApiUrl(error) {
        if (this.reachedNineData || this.suspicionSaid)
            return;
        const suspicion = (0,api_errors/* apiUrlSuspicion */.ne)(error);
        if (suspicion === undefined)
            return;
        this.suspicionSaid = true;
        const then = (0,api_errors/* pointsAtAddress */.tG)(error)
            ? `Retries go on for ${(0,wording/* formatDuration */.a3)(ADDRESS_GRACE_MS)} at most: if nothing answers as NineData by then, the step ends (a wrong address does not get better by waiting).`
            : 'Retries go on until timeout-seconds, as for an outage (NineData may be restarting); if api-url is wrong, fix it rather than wait.';
        this.options.log.warning(`\`api-url\` (${this.options.apiUrl}) has given no answer from NineData yet: ${suspicion}. ${then}`);
    }
    /**
     * Until NineData has answered once, failures that point at the address rather than at an outage
     * (see pointsAtAddress) end the call once they have gone on for ADDRESS_GRACE_MS.
     */
    endIfMisaddressed(error, attemptAt) {
        if (this.reachedNineData || !(0,api_errors/* pointsAtAddress */.tG)(error))
            return;
        this.misaddressedSince ??= attemptAt;
        const failing = this.time.now() - this.misaddressedSince;
        if (failing < ADDRESS_GRACE_MS)
            return;
        const address = this.addressed({ sinceMs: this.misaddressedSince, lastError: error });
        throw new api_errors/* ApiError */.hD('fatal', `nothing answered as NineData in ${(0,wording/* formatDuration */.a3)(failing)} of tries, and a wrong address does not get better by waiting, so the step ends before timeout-seconds; the last error: ${error.message}`, address);
    }
    /**
     * The outage's last error; when NineData has never answered and the failure says something about
     * the address, with the api-url hint (marked to lead the final message).
     */
    addressed(outage) {
        const error = outage.lastError;
        const suspicion = this.reachedNineData ? undefined : (0,api_errors/* apiUrlSuspicion */.ne)(error);
        if (suspicion === undefined)
            return error;
        return new api_errors/* ApiError */.hD(error.kind, error.message, {
            ...error,
            hint: `\`api-url\` (${this.options.apiUrl}) has never answered as NineData: ${suspicion}`,
            misaddressed: true
        });
    }
    /** One signed request and its envelope: the data as received, or a classified failure. */
    async signedRequest(method, path, options) {
        const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
        const signedAt = this.clock.now();
        const headers = {
            accept: 'application/json',
            ...authHeaders(path, this.options.credentials, signedAt)
        };
        const body = method === 'POST' ? JSON.stringify(options.body ?? {}) : null;
        if (body !== null)
            headers['content-type'] = 'application/json';
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
        this.options.log.debug(`→ ${method} ${path}${query}`);
        const raw = await this.http.send(method, `${this.options.apiUrl}${path}${query}`, body, headers);
        const receivedAt = this.time.now();
        const result = readEnvelope(raw, this.clock.answeredAt(raw.headers['date'], receivedAt));
        const accepted = !(result instanceof api_errors/* ApiError */.hD);
        if (accepted || result.fromNineData)
            this.reachedNineData = true;
        this.say(this.clock.learnFromAnswer({
            dateHeader: raw.headers['date'],
            path,
            signedAt: signedAt.getTime(),
            sentAt,
            receivedAt,
            accepted
        }));
        const requestId = result.requestId;
        if (typeof requestId === 'string' && requestId)
            this.lastRequestId = requestId;
        this.options.log.debug(`← ${raw.httpStatus} for ${method} ${path} in ${receivedAt - sentAt} ms${typeof requestId === 'string' && requestId ? `, requestId ${requestId}` : ''}`);
        if (result instanceof api_errors/* ApiError */.hD)
            throw result;
        return { data: result.data, requestId: typeof requestId === 'string' ? requestId : '' };
    }
}

;// CONCATENATED MODULE: ./src/phases/phase-context.ts

/** "; this run follows X only": what a retried start call means for the user. */
function retriedStartNote(call, what, id) {
    if (call.unclearAttempts > 0) {
        const times = call.unclearAttempts === 1 ? '1 earlier attempt' : `${call.unclearAttempts} earlier attempts`;
        return ` ${times} of the start call got no usable answer, so NineData may have started other ${what}s for this task; this run follows ${id} only.`;
    }
    return call.attempts > 1
        ? ` Earlier attempts did not reach NineData; this run follows ${id} only.`
        : '';
}
/** The signed client for the step's inputs, within the given limits. */
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

// EXTERNAL MODULE: ./src/ninedata/answer-fields.ts
var answer_fields = __nccwpck_require__(936);
;// CONCATENATED MODULE: ./src/ninedata/comparison-api.ts

// The calls of a comparison run (execute, run status, results, correction SQL, stop) for both kinds,
// and strict reading of their answers. Reading never changes a character of server text.
const BASE = {
    schema: '/openapi/v1/compareschema',
    data: '/openapi/v1/comparedata'
};
/** NineData's largest page of results. */
const PAGE_SIZE = 100;
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
/** Starts a run. A schema task runs now (`runNow`); NineData documents that this enables a schedule. */
async function executeRun(client, kind, taskId) {
    const body = kind === 'schema' ? { taskId, runNow: true } : { taskId };
    const call = await client.call('POST', runPaths(kind).execute, { body });
    const execId = (0,answer_fields/* integerText */.ap)(call.data, 'data (the execId) of the execute call');
    if (execId === undefined)
        throw (0,answer_fields/* protocolError */.JW)('the execute call returned no execId');
    return { execId, call };
}
async function getRunState(client, kind, taskId, execId) {
    const query = kind === 'schema' ? { taskId, execId } : { execId };
    const call = await client.call('GET', runPaths(kind).status, { query });
    return parseRunState(call.data, kind, taskId, execId);
}
/** Asks NineData to stop the task's run. */
async function stopRun(client, kind, taskId) {
    return client.call('POST', runPaths(kind).stop, { body: { taskId } });
}
function parseRunState(data, kind, taskId, execId) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the run status call returned no data object');
    const status = (0,answer_fields/* text */.Qq)(data, 'status', 'data');
    if (status.trim() === '')
        throw (0,answer_fields/* protocolError */.JW)('data.status of the run is missing');
    const answeredTask = (0,answer_fields/* idText */.FP)(data, 'taskId', 'data');
    if (answeredTask !== '' && answeredTask !== taskId) {
        throw (0,answer_fields/* protocolError */.JW)(`asked about a run of task ${taskId}, got an answer about ${answeredTask}`);
    }
    // Schema answers name the run `execId`; data answers `id`.
    const idKey = kind === 'schema' ? 'execId' : 'id';
    const answeredExec = (0,answer_fields/* integerText */.ap)(data[idKey], `data.${idKey}`);
    if (answeredExec !== undefined && answeredExec !== execId) {
        throw (0,answer_fields/* protocolError */.JW)(`asked about run ${execId}, got an answer about run ${answeredExec}`);
    }
    const state = {
        taskId,
        execId,
        status,
        errorMessage: (0,answer_fields/* text */.Qq)(data, 'errorMessage', 'data'),
        raw: data
    };
    if (kind === 'data')
        state.rows = rowCounts(data);
    return state;
}
function rowCounts(data) {
    return {
        differenceRows: (0,answer_fields/* count */.U9)(data['differenceRows'], 'data.differenceRows'),
        onlySourceRows: (0,answer_fields/* count */.U9)(data['onlySourceRows'], 'data.onlySourceRows'),
        onlyTargetRows: (0,answer_fields/* count */.U9)(data['onlyTargetRows'], 'data.onlyTargetRows'),
        skippedTables: (0,answer_fields/* count */.U9)(data['skipTableCount'], 'data.skipTableCount')
    };
}
/** A progressId as digits without leading zeros: 7, "7" and "007" name one object. */
function canonicalId(digits) {
    return digits.replace(/^0+(?=\d)/, '');
}
function idOf(value, where) {
    const digits = (0,answer_fields/* integerText */.ap)(value, where);
    return digits === undefined ? undefined : canonicalId(digits);
}
async function getSchemaResultsPage(client, asked, onFailedAttempt) {
    const { taskId, execId, pageNumber } = asked;
    const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) };
    const call = await client.call('GET', runPaths('schema').schemaResults, {
        query,
        onFailedAttempt
    });
    return { value: parseSchemaResultsPage(call.data, taskId, execId), call };
}
function parseSchemaResultsPage(data, taskId, execId) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the results call returned no data object');
    checkAbout(data, { taskId, execId });
    const total = (0,answer_fields/* count */.U9)(data['total'], 'data.total');
    if (total === undefined)
        throw (0,answer_fields/* protocolError */.JW)('data.total of the results is missing');
    const list = data['compareResults'];
    if (!Array.isArray(list))
        throw (0,answer_fields/* protocolError */.JW)('data.compareResults is not an array');
    const entries = list.map((entry, index) => {
        const where = `data.compareResults[${index}]`;
        if (!(0,answer_fields/* isRecord */.u4)(entry))
            throw (0,answer_fields/* protocolError */.JW)(`${where} is not an object`);
        const progressId = idOf(entry['progressId'], `${where}.progressId`);
        if (progressId === undefined)
            throw (0,answer_fields/* protocolError */.JW)(`${where}.progressId is missing`);
        return { kind: 'object', progressId, raw: entry };
    });
    return { entries, total, pageNumber: answeredPage(data) };
}
/**
 * The page number an answer says it is: the schema results document `pageNum`, the table summary
 * `pageNumber`; either is read, and two that disagree are not an answer.
 */
function answeredPage(data) {
    const num = (0,answer_fields/* count */.U9)(data['pageNum'], 'data.pageNum');
    const number = (0,answer_fields/* count */.U9)(data['pageNumber'], 'data.pageNumber');
    if (num !== undefined && number !== undefined && num !== number) {
        throw (0,answer_fields/* protocolError */.JW)(`the page says it is page ${num} (pageNum) and ${number} (pageNumber)`);
    }
    return num ?? number;
}
/** The correction SQL of one object: '' when it has none (consistent), else the SQL as received. */
async function getCorrectionSql(client, asked, onFailedAttempt) {
    const call = await client.call('GET', runPaths('schema').correctionSql, {
        query: asked,
        onFailedAttempt
    });
    return { value: parseCorrectionSql(call.data, asked), call };
}
function parseCorrectionSql(data, asked) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the correction SQL call returned no data object');
    checkAbout(data, asked);
    if (!('correctSql' in data))
        throw (0,answer_fields/* protocolError */.JW)('data.correctSql is missing');
    const sql = data['correctSql'];
    if (sql === null)
        return '';
    if (typeof sql !== 'string')
        throw (0,answer_fields/* protocolError */.JW)('data.correctSql is not a string');
    return sql;
}
async function getTableSummaryPage(client, asked, onFailedAttempt) {
    const { taskId, execId, pageNumber } = asked;
    const query = { taskId, execId, pageSize: String(PAGE_SIZE), pageNumber: String(pageNumber) };
    const call = await client.call('GET', runPaths('data').tableSummary, { query, onFailedAttempt });
    return { value: parseTableSummaryPage(call.data, taskId, execId), call };
}
function parseTableSummaryPage(data, taskId, execId) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the table summary call returned no data object');
    checkAbout(data, { taskId, execId });
    const total = (0,answer_fields/* count */.U9)(data['totalTableCount'], 'data.totalTableCount');
    const diffTableCount = (0,answer_fields/* count */.U9)(data['diffTableCount'], 'data.diffTableCount');
    if (total === undefined || diffTableCount === undefined) {
        throw (0,answer_fields/* protocolError */.JW)('data.totalTableCount or data.diffTableCount of the table summary is missing');
    }
    const list = data['tableSummaries'];
    if (!Array.isArray(list))
        throw (0,answer_fields/* protocolError */.JW)('data.tableSummaries is not an array');
    const entries = list.map((entry, index) => {
        const where = `data.tableSummaries[${index}]`;
        if (!(0,answer_fields/* isRecord */.u4)(entry))
            throw (0,answer_fields/* protocolError */.JW)(`${where} is not an object`);
        const progressId = idOf(entry['progressId'], `${where}.progressId`);
        if (progressId === undefined)
            throw (0,answer_fields/* protocolError */.JW)(`${where}.progressId is missing`);
        return {
            kind: 'table',
            progressId,
            schemaName: (0,answer_fields/* text */.Qq)(entry, 'schemaName', where),
            tableName: (0,answer_fields/* text */.Qq)(entry, 'tableName', where),
            targetSchemaName: (0,answer_fields/* text */.Qq)(entry, 'targetSchemaName', where),
            targetTableName: (0,answer_fields/* text */.Qq)(entry, 'targetTableName', where),
            raw: entry
        };
    });
    return { entries, total, diffTableCount, pageNumber: answeredPage(data) };
}
/** How many records of one table differ (diffDetails' totalCount, all kinds of difference). */
async function getTableDifferenceCount(client, asked, onFailedAttempt) {
    const query = { ...asked, pageSize: '1', pageNumber: '1' };
    const call = await client.call('GET', runPaths('data').diffDetails, { query, onFailedAttempt });
    return { value: parseTableDifferenceCount(call.data, asked), call };
}
function parseTableDifferenceCount(data, asked) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the difference details call returned no data object');
    checkAbout(data, asked);
    // Page 1 was asked for: an answer that says it is another page is about other records.
    const page = (0,answer_fields/* count */.U9)(data['pageNumber'], 'data.pageNumber');
    if (page !== undefined && page !== 1) {
        throw (0,answer_fields/* protocolError */.JW)(`asked for page 1 of the difference details, got page ${page}`);
    }
    const total = (0,answer_fields/* count */.U9)(data['totalCount'], 'data.totalCount');
    if (total === undefined)
        throw (0,answer_fields/* protocolError */.JW)('data.totalCount of the difference details is missing');
    return total;
}
/**
 * An answer about another task, run or object must never decide this one. The docs name these
 * fields on the page answers only; where any answer carries one, it must be the one asked about.
 */
function checkAbout(data, asked) {
    const answeredTask = (0,answer_fields/* idText */.FP)(data, 'taskId', 'data');
    if (answeredTask !== '' && answeredTask !== asked.taskId) {
        throw (0,answer_fields/* protocolError */.JW)(`asked about task ${asked.taskId}, got an answer about ${answeredTask}`);
    }
    const answeredExec = idOf(data['execId'], 'data.execId');
    if (answeredExec !== undefined && answeredExec !== canonicalId(asked.execId)) {
        throw (0,answer_fields/* protocolError */.JW)(`asked about run ${asked.execId}, got an answer about run ${answeredExec}`);
    }
    if (asked.progressId === undefined)
        return;
    const answeredObject = idOf(data['progressId'], 'data.progressId');
    if (answeredObject !== undefined && answeredObject !== canonicalId(asked.progressId)) {
        throw (0,answer_fields/* protocolError */.JW)(`asked about progressId ${asked.progressId}, got an answer about progressId ${answeredObject}`);
    }
}

// EXTERNAL MODULE: ./src/status/precheck-status.ts
var precheck_status = __nccwpck_require__(126);
;// CONCATENATED MODULE: ./src/phases/progress-lines.ts


// Progress lines of the wait: one line when something changes, not one per poll. Raw text: the log
// cleans every line once, so each is inert.
function counts(state) {
    let done = 0;
    let failed = 0;
    for (const item of state.precheckItems) {
        const status = (0,precheck_status/* canonicalStatus */.xX)(item.status);
        if (status === 'Success' || status === 'Failed')
            done++;
        if (status === 'Failed')
            failed++;
    }
    return { total: state.precheckItems.length, done, failed };
}
/** What a progress line reports; a new line is due when this changes. */
function progressKey(state) {
    const c = counts(state);
    return `${state.status}\u0000${c.total}|${c.done}|${c.failed}`;
}
/** A progress line of raw text: the log cleans it once. */
function progressLine(state, elapsedMs) {
    const c = counts(state);
    const items = c.total === 0
        ? 'no check items yet'
        : `${c.done}/${c.total} check items done, ${c.failed} failed`;
    return `[${(0,wording/* formatDuration */.a3)(elapsedMs)}] Precheck ${state.precheckTaskId}: ${state.status}, ${items}`;
}
/** A progress line of the comparison run, when its status changes: raw text, the log cleans it. */
function runProgressLine(state, elapsedMs) {
    const rows = state.rows;
    const counted = rows?.differenceRows !== undefined
        ? `, ${rows.differenceRows} differing rows, ${rows.onlySourceRows ?? '?'} only in the source, ${rows.onlyTargetRows ?? '?'} only in the target`
        : '';
    return `[${(0,wording/* formatDuration */.a3)(elapsedMs)}] Comparison run ${state.execId}: ${state.status}${counted}`;
}

// EXTERNAL MODULE: ./src/status/run-status.ts
var run_status = __nccwpck_require__(986);
// EXTERNAL MODULE: ./src/verdict/comparison-verdict.ts
var comparison_verdict = __nccwpck_require__(312);
// EXTERNAL MODULE: ./src/ninedata/precheck-api.ts
var precheck_api = __nccwpck_require__(380);
;// CONCATENATED MODULE: ./src/ninedata/task-api.ts


// The schema comparison task itself: list the tasks, create one, read one task's details. Strict
// reading, as for the other calls: IDs must be strings, pages must be the page asked for, and an
// answer about another task never counts.
const task_api_BASE = '/openapi/v1/compareschema';
const TASK_PATHS = {
    list: `${task_api_BASE}/queryTaskList`,
    create: `${task_api_BASE}/create`
};
const DETAIL_PATH = {
    schema: '/openapi/v1/compareschema/queryTaskById',
    data: '/openapi/v1/comparedata/queryTaskById'
};
/** NineData's largest page of the task list. */
const TASK_PAGE_SIZE = 100;
async function listTasksPage(client, pageNumber) {
    const query = { pageSize: String(TASK_PAGE_SIZE), pageNumber: String(pageNumber) };
    const call = await client.call('GET', TASK_PATHS.list, { query });
    return { ...parseTaskPage(call.data, pageNumber), requestId: call.requestId };
}
function parseTaskPage(data, pageNumber) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the task list returned no data object');
    const answeredPage = (0,answer_fields/* count */.U9)(data['pageNumber'], 'data.pageNumber');
    if (answeredPage !== undefined && answeredPage !== pageNumber)
        throw (0,answer_fields/* protocolError */.JW)(`asked for page ${pageNumber} of the task list, got page ${answeredPage}`);
    const total = (0,answer_fields/* count */.U9)(data['total'], 'data.total');
    if (total === undefined)
        throw (0,answer_fields/* protocolError */.JW)('data.total of the task list is missing');
    const list = data['schemaComparisons'];
    if (list === null || list === undefined)
        return { tasks: [], total };
    if (!Array.isArray(list))
        throw (0,answer_fields/* protocolError */.JW)('data.schemaComparisons is not an array');
    if (list.length > TASK_PAGE_SIZE)
        throw (0,answer_fields/* protocolError */.JW)(`a page of the task list holds ${list.length} tasks, more than the ${TASK_PAGE_SIZE} asked for`);
    return { tasks: list.map(listedTask), total };
}
function listedTask(entry, index) {
    const where = `data.schemaComparisons[${index}]`;
    if (!(0,answer_fields/* isRecord */.u4)(entry))
        throw (0,answer_fields/* protocolError */.JW)(`${where} is not an object`);
    const taskId = (0,answer_fields/* idText */.FP)(entry, 'taskId', where);
    if (taskId === '')
        throw (0,answer_fields/* protocolError */.JW)(`${where}.taskId is missing`);
    return {
        taskId,
        taskName: (0,answer_fields/* text */.Qq)(entry, 'taskName', where),
        sourceDsId: (0,answer_fields/* idText */.FP)(entry, 'sourceDsId', where),
        targetDsId: (0,answer_fields/* idText */.FP)(entry, 'targetDsId', where),
        periodic: (0,answer_fields/* text */.Qq)(entry, 'periodic', where),
        createTime: (0,answer_fields/* text */.Qq)(entry, 'createTime', where)
    };
}
/** Creates a one-time schema comparison task; NineData answers its ID. */
async function createTask(client, task) {
    const body = { ...task, taskType: 'ONETIME' };
    const call = await client.call('POST', TASK_PATHS.create, { body });
    return { taskId: parseCreated(call.data), call };
}
/** The created task's ID: documented as data.taskId; a bare ID as `data` is read the same way. */
function parseCreated(answer) {
    const data = typeof answer === 'string' ? { taskId: answer } : answer;
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the create call returned no data object');
    const taskId = (0,answer_fields/* idText */.FP)(data, 'taskId', 'data');
    const problem = (0,precheck_api/* idProblem */.lx)(taskId);
    if (problem)
        throw (0,answer_fields/* protocolError */.JW)(`data.taskId of the create call is not a task ID: ${problem}`);
    return taskId;
}
async function getTaskDetail(client, kind, taskId) {
    const call = await client.call('GET', DETAIL_PATH[kind], { query: { taskId } });
    return parseTaskDetail(call.data, kind, taskId);
}
function parseTaskDetail(data, kind, taskId) {
    if (!(0,answer_fields/* isRecord */.u4)(data))
        throw (0,answer_fields/* protocolError */.JW)('the task details call returned no data object');
    // Schema answers name the task `taskId`, data answers `id`.
    const answered = (0,answer_fields/* idText */.FP)(data, kind === 'schema' ? 'taskId' : 'id', 'data');
    if (answered !== '' && answered !== taskId)
        throw (0,answer_fields/* protocolError */.JW)(`asked about task ${taskId}, got details of ${answered}`);
    const deleted = data['isDeleted'];
    if (deleted !== undefined && deleted !== null && typeof deleted !== 'boolean')
        throw (0,answer_fields/* protocolError */.JW)('data.isDeleted is not true or false');
    return { taskId, status: (0,answer_fields/* text */.Qq)(data, 'status', 'data'), isDeleted: deleted === true };
}

// EXTERNAL MODULE: ./src/text/clean.ts
var clean = __nccwpck_require__(118);
;// CONCATENATED MODULE: ./src/phases/poll-loop.ts

// The waiting loop, for both phases: poll until the answer is final, the deadline passes, or the run
// is cancelled. Transient failures are ridden out inside each poll (the client retries until the
// deadline), so an error that reaches this loop ends the wait.
// The waits before the 2nd, 3rd, ... poll: quick at first, so a short precheck is seen finishing within
// about half a second, then backing off to poll-interval-seconds, never longer. With the default 5 s
// the polls go out at 0, 0.5, 1, 1.5, 2.5, 3.5, 5.5, 8.5, 13.5 s, ...
const RAMP_MS = [500, 500, 500, 1000, 1000, 2000, 3000];
function pollDelayMs(pollsDone, intervalMs) {
    const ramp = RAMP_MS[pollsDone - 1] ?? Number.POSITIVE_INFINITY;
    return Math.min(ramp, intervalMs);
}
async function pollUntilSettled(options) {
    const { time, deadline } = options;
    let last;
    const end = (ending) => ({ ending, last });
    try {
        for (let polls = 1;; polls++) {
            const startedAt = time.now();
            last = await options.poll();
            const took = time.now() - startedAt;
            options.onState(last);
            if (options.isSettled(last))
                return end(src_ending/* FINISHED */.BL);
            if (time.now() >= deadline)
                return end({ how: 'timeout' });
            // A slow (large) answer is not asked for back to back: wait at least twice as long as it took.
            const next = Math.max(startedAt + pollDelayMs(polls, options.intervalMs), time.now() + 2 * took);
            await options.sleep(Math.max(0, Math.min(next, deadline) - time.now()));
            if (time.now() >= deadline)
                return end({ how: 'timeout' });
        }
    }
    catch (error) {
        return end((0,src_ending/* endingOf */.z6)(error, options.doing));
    }
}

;// CONCATENATED MODULE: ./src/phases/busy-task-wait.ts






// `when-busy: wait`: a start refused with "task status invalid" (another precheck or run of the
// task is under way: a second workflow run, a re-run, a schedule) waits until the task is free and
// then starts this step's own precheck or run. It never follows the other one: a verdict of a run
// that began before this step could be about the database before the migration.
/** Task statuses (List / Query Main Task Details) that mean a precheck or run is under way. */
const BUSY_STATUSES = new Set(['prechecking', 'starting', 'running']);
/** Runs `start`; while NineData says the task is busy, waits (when-busy: wait) and tries again. */
async function startWhenFree(ctx, what, start) {
    const wait = { polls: 0, since: 0, status: '' };
    for (;;) {
        try {
            return await start();
        }
        catch (error) {
            if (!(0,src_ending/* isBusyRefusal */.WY)(error) || ctx.inputs.whenBusy === 'fail')
                throw timedOutWaiting(error, wait, ctx);
            if (wait.polls === 0) {
                const refusal = error;
                wait.since = ctx.time.now();
                ctx.log.info(`Comparison task ${ctx.inputs.taskId} is busy: NineData refused to start a ${what} with ${(0,clean/* visible */.RK)(refusal.message)} (requestId ${refusal.requestId || 'none'}), so another precheck or run of it is under way. ` +
                    `when-busy is wait: waiting for the task to be free (Query Main Task Details, on the poll schedule) to start this step's own ${what}, until timeout-seconds.`);
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
            if (ctx.time.now() >= ctx.deadline)
                throw new src_ending/* EndingError */.Ab({ how: 'timeout' });
            const detail = await getTaskDetail(client, inputs.comparison, inputs.taskId);
            if (detail.isDeleted)
                throw new src_ending/* EndingError */.Ab({
                    how: 'error',
                    message: `Comparison task ${inputs.taskId} is deleted (NineData's task details say isDeleted: true).`
                });
            wait.status = detail.status;
        }
        catch (error) {
            const doing = `The status query for busy comparison task ${inputs.taskId} failed`;
            throw timedOutWaiting(new src_ending/* EndingError */.Ab((0,src_ending/* endingOf */.z6)(error, doing)), wait, ctx);
        }
    } while (BUSY_STATUSES.has(wait.status.toLowerCase()));
    ctx.log.info(`Comparison task ${inputs.taskId} reports ${(0,clean/* visible */.RK)(wait.status)} after ${(0,wording/* formatDuration */.a3)(ctx.time.now() - wait.since)} of waiting: starting again.`);
}
/** A timeout after waiting began says what the step was still waiting for; the rest pass unchanged. */
function timedOutWaiting(error, wait, ctx) {
    const ending = error instanceof src_ending/* EndingError */.Ab
        ? error.ending
        : error instanceof api_errors/* StopError */.Tj
            ? (0,src_ending/* endingOf */.z6)(error, '')
            : undefined;
    if (wait.polls === 0 || ending?.how !== 'timeout')
        return error;
    const status = wait.status ? `; its last status was ${(0,clean/* visible */.RK)(wait.status)}` : '';
    return new src_ending/* EndingError */.Ab({
        ...ending,
        waitingFor: `it was still waiting for comparison task ${ctx.inputs.taskId} to be free (another precheck or run of it was under way${status})`
    });
}

;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: ./src/text/string-copy.ts
// A string that owns its characters. V8 makes `text.slice(a, b)` (13 characters or more) a view that
// keeps the whole of `text` alive, so the start of a 20 KB SQL kept for the summary would hold all
// 20 KB: over 10,000 objects, the 200 MB the reader streams to its file would stay in memory.
/** The same characters (lone surrogates too), with nothing behind them. */
function detachedCopy(text) {
    return Buffer.from(text, 'utf16le').toString('utf16le');
}

;// CONCATENATED MODULE: ./src/phases/result-pages.ts


// The pages of a run's results, read as a list NineData may get wrong: a page that says it is another
// page, an object listed twice (on one page or two, as 7 or as "7"), a total that changes, or a total
// the distinct objects listed never reach. Any of these ends the reading with a shape error, so the
// results are never a pass; the objects listed are kept in NineData's order.
/** More objects or tables than this are not read: the results are then not verified. */
const MAX_RESULT_ENTRIES = 100_000;
/**
 * Reads page 1, then the pages its total needs (several at once through `run`), then, while the
 * distinct entries fall short of the total, one page more at a time: a server that pages by fewer
 * than asked is still read to the end. `keep` receives each page's entries in page order.
 */
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
    // Each page here adds an entry or ends the loop (a repeat throws), so it ends by `total` pages.
    for (let pageNumber = expected + 1; book.listed < first.total && !book.lastWasEmpty; pageNumber++) {
        book.take(pageNumber, await fetch(pageNumber));
    }
    book.checkReached();
    keep(book.entries);
    return first;
}
/** What the pages listed so far, and the rules each new page must keep. */
class PageBook {
    entries = [];
    total;
    /** progressId -> the page that listed it. */
    seen = new Map();
    lastWasEmpty = false;
    /** The first page that came back empty. */
    emptyPage;
    get listed() {
        return this.entries.length;
    }
    take(asked, page) {
        if (page.pageNumber !== undefined && page.pageNumber !== asked) {
            throw (0,answer_fields/* protocolError */.JW)(`page ${asked} was asked for, but the answer says it is page ${page.pageNumber}`);
        }
        if (this.total !== undefined && page.total !== this.total) {
            throw (0,answer_fields/* protocolError */.JW)(`the total changed from ${this.total} to ${page.total} between result pages`);
        }
        this.total = page.total;
        if (page.total > MAX_RESULT_ENTRIES) {
            throw (0,answer_fields/* protocolError */.JW)(`${page.total} results are more than this action reads (${MAX_RESULT_ENTRIES})`);
        }
        if (page.entries.length > PAGE_SIZE) {
            throw (0,answer_fields/* protocolError */.JW)(`page ${asked} holds ${page.entries.length} results (asked for ${PAGE_SIZE})`);
        }
        for (const entry of page.entries)
            this.add(asked, entry);
        this.lastWasEmpty = page.entries.length === 0;
        if (this.lastWasEmpty)
            this.emptyPage ??= asked;
        if (this.listed > page.total) {
            throw (0,answer_fields/* protocolError */.JW)(`the pages list ${this.listed} distinct results, more than the total of ${page.total}`);
        }
    }
    add(pageNumber, entry) {
        const earlier = this.seen.get(entry.progressId);
        if (earlier !== undefined) {
            const where = earlier === pageNumber
                ? `twice on page ${pageNumber}`
                : `on page ${earlier} and again on page ${pageNumber}`;
            throw (0,answer_fields/* protocolError */.JW)(`progressId ${entry.progressId} is listed ${where}: the pages repeat themselves`);
        }
        this.seen.set(entry.progressId, pageNumber);
        this.entries.push(entry);
    }
    /** After the last page: the total must have been reached with distinct entries. */
    checkReached() {
        const total = this.total ?? 0;
        if (this.listed === total)
            return;
        const where = this.emptyPage === undefined ? 'the pages ended' : `page ${this.emptyPage} is empty`;
        throw (0,answer_fields/* protocolError */.JW)(`${where}, but only ${this.listed} of ${total} results were listed (as distinct progressIds)`);
    }
}

;// CONCATENATED MODULE: ./src/phases/request-window.ts
// How many result calls may be under way at once: an adaptive window, as TCP's congestion control
// and the AWS SDKs' adaptive retry mode do it. It grows by one per window of healthy answers and
// halves at once when NineData pushes back (429 or 503, any Retry-After, a request that timed out,
// latency climbing well above what the first answers took). A Retry-After holds every new call of
// the reader, not only the refused one. Pure state: the clock is passed in.
/** Never more than this many calls in flight, whatever the size of the run. */
const MAX_IN_FLIGHT = 16;
/** Where the window starts: the fixed concurrency the reader used before it adapted. */
const INITIAL_WINDOW = 4;
/** Answers whose latency sets the baseline the later ones are compared with. */
const BASELINE_ANSWERS = 8;
/** Latency counts as climbing above this many times the baseline... */
const LATENCY_FACTOR = 3;
/** ...and at least this much above it (loopback answers in 1 ms vary by more than 3x). */
const LATENCY_MARGIN_MS = 200;
/** Windows of good answers before the size that last drew push-back is tried again. */
const PROBE_WINDOWS = 8;
class RequestWindow {
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
    constructor(now, initial = INITIAL_WINDOW, adaptive = true) {
        this.now = now;
        this.adaptive = adaptive;
        this.size = Math.min(MAX_IN_FLIGHT, Math.max(1, initial));
        this.stats.peakWindow = this.size;
    }
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
            const result = await send(error => this.failedAttempt(error, epoch));
            // A retried call's time is mostly the client's backoff, not NineData's answer.
            if (result.call.attempts === 1)
                this.answered(this.now() - sentAt, epoch);
            return result;
        }
        finally {
            this.inFlight--;
        }
    }
    failedAttempt(error, epoch) {
        if (!isPushBack(error))
            return;
        this.stats.pushBacks++;
        if (error.retryAfterMs !== undefined) {
            this.pausedUntil = Math.max(this.pausedUntil, this.now() + error.retryAfterMs);
        }
        this.shrink(epoch);
    }
    answered(latencyMs, epoch) {
        if (this.baseline.length < BASELINE_ANSWERS)
            this.baseline.push(latencyMs);
        this.smoothedMs =
            this.smoothedMs === undefined ? latencyMs : 0.8 * this.smoothedMs + 0.2 * latencyMs;
        if (this.latencyClimbed(this.smoothedMs)) {
            this.smoothedMs = undefined;
            this.shrink(epoch);
            return;
        }
        this.grow();
    }
    latencyClimbed(smoothedMs) {
        if (this.baseline.length < BASELINE_ANSWERS)
            return false;
        const sorted = [...this.baseline].sort((a, b) => a - b);
        const base = sorted[Math.floor(sorted.length / 2)] ?? 0;
        return smoothedMs > Math.max(base * LATENCY_FACTOR, base + LATENCY_MARGIN_MS);
    }
    grow() {
        if (!this.adaptive || this.size >= MAX_IN_FLIGHT)
            return;
        this.goodInWindow++;
        const windows = this.size + 1 >= this.ceiling ? PROBE_WINDOWS : 1;
        if (this.goodInWindow < windows * this.size)
            return;
        this.goodInWindow = 0;
        this.size++;
        if (this.size >= this.ceiling)
            this.ceiling = Number.POSITIVE_INFINITY;
        this.stats.peakWindow = Math.max(this.stats.peakWindow, this.size);
    }
    /** Halves the window, once per round of calls: the calls already out saw the old load. */
    shrink(epoch) {
        if (!this.adaptive || epoch !== this.epoch)
            return;
        this.epoch++;
        this.ceiling = this.size;
        this.size = Math.max(1, Math.floor(this.size / 2));
        this.goodInWindow = 0;
    }
}
/** Throttling, an overloaded server, a Retry-After, or no answer within request-timeout-seconds. */
function isPushBack(error) {
    return (error.httpStatus === 429 ||
        error.httpStatus === 503 ||
        error.retryAfterMs !== undefined ||
        error.symptom === 'silent');
}
let fixedForBenchmark;
/**
 * The benchmark compares the adaptive window with the fixed 4 calls the reader used before. Not an
 * input: only scripts/bench-compare.ts calls this.
 */
function useFixedWindowForBenchmark(size) {
    fixedForBenchmark = size;
}
function newRequestWindow(now) {
    return fixedForBenchmark === undefined
        ? new RequestWindow(now)
        : new RequestWindow(now, fixedForBenchmark, false);
}
/**
 * Runs `work(0)`, `work(1)`, ... in order, as many at once as the window allows, and no index more
 * than `maxAhead` past the first one not finished (so answers that wait to be written in order stay
 * few). `wait` sleeps, and throws when the step is cancelled or out of time. The first failure stops
 * new work; the calls under way finish before it is thrown.
 */
async function runInWindow(window, count, work, options) {
    const running = new Map();
    let failure;
    let next = 0;
    const lowest = () => (running.size === 0 ? next : Math.min(...running.keys()));
    try {
        while (next < count && !failure) {
            const paused = window.pausedUntil - options.now();
            if (paused > 0 && running.size === 0)
                await options.wait(paused);
            else if (window.hasRoom(running.size) && next - lowest() < options.maxAhead) {
                const index = next++;
                const job = work(index).then(() => void running.delete(index), (error) => {
                    running.delete(index);
                    failure ??= { error };
                });
                running.set(index, job);
            }
            else
                await Promise.race(running.values());
        }
    }
    catch (error) {
        failure ??= { error };
    }
    await Promise.all(running.values());
    if (failure)
        throw failure.error;
}

;// CONCATENATED MODULE: ./src/phases/result-reader.ts







// Reading a finished run's results: every page, then one documented signal per object (schema: its
// correction SQL) or per table (data: its count of differing records, when the run reports any),
// through one adaptive window of calls. The results object is filled in place, so a timeout still
// reports what was read. Schema SQL goes to the correction SQL file as it is read, in NineData's
// order; memory keeps only what the summary, the comment and the report show.
/** No object is read more than this far past the first one still unanswered (bounds the buffer). */
const MAX_AHEAD = 256;
/** A long read says how far it got at most this often. */
const PROGRESS_EVERY_MS = 5000;
/**
 * Differing objects whose SQL stays whole in memory (each up to the summary's cap), while together
 * they stay within the summary's 1 MiB: more could never be shown. The rest keep a start.
 */
const WHOLE_SQL_OBJECTS = wording/* LIMITS */.b1.differenceRows;
const WHOLE_SQL_CHARS = 1024 * 1024;
const SQL_START_CHARS = 200;
function emptyResults(kind) {
    return kind === 'schema'
        ? { kind, total: 0, objects: [] }
        : { kind, totalTableCount: 0, diffTableCount: 0, tables: [] };
}
async function fillResults(ctx, execId, results, anyDifference, outcome = {}) {
    // Every call in flight listens to the step's cancel signal; that many listeners is no leak.
    (0,external_node_events_namespaceObject.setMaxListeners)(4 * MAX_IN_FLIGHT, ctx.signal);
    const now = () => ctx.time.now();
    const window = newRequestWindow(now);
    const run = (count, work) => runInWindow(window, count, work, {
        wait: async (ms) => {
            await ctx.client.sleep(ms);
            // A Retry-After longer than the time left ends the reading at the deadline.
            if (ctx.time.now() >= ctx.deadline)
                throw new api_errors/* StopError */.Tj('timeout');
        },
        now,
        maxAhead: MAX_AHEAD
    });
    if (results.kind === 'schema')
        await fillSchema(ctx, execId, results, { window, run, outcome });
    else
        await fillData(ctx, execId, results, anyDifference, { window, run });
}
async function fillSchema(ctx, execId, results, { window, run, outcome }) {
    const asked = { taskId: ctx.inputs.taskId, execId };
    const first = await readPages(pageNumber => window
        .track(f => getSchemaResultsPage(ctx.client, { ...asked, pageNumber }, f))
        .then(answer => answer.value), run, entries => results.objects.push(...entries));
    results.total = first.total;
    const objects = results.objects;
    announce(ctx, `Reading the correction SQL of ${(0,wording/* plural */.LS)(objects.length, 'object')}`, execId);
    const order = new InOrder(objects, ctx.correctionSql?.(execId));
    try {
        await readEach(ctx, { window, run }, objects, 'objects', {
            ask: (object, f) => getCorrectionSql(ctx.client, { ...asked, progressId: object.progressId }, f),
            keep: (object, sql) => (object.correctSql = sql),
            done: index => order.done(index)
        });
    }
    catch (error) {
        order.stopped(error);
        throw error;
    }
    finally {
        outcome.correctionSqlFile = order.finish();
    }
}
async function fillData(ctx, execId, results, anyDifference, { window, run }) {
    const asked = { taskId: ctx.inputs.taskId, execId };
    const first = await readPages(pageNumber => window
        .track(f => getTableSummaryPage(ctx.client, { ...asked, pageNumber }, f))
        .then(answer => answer.value), run, entries => results.tables.push(...entries));
    results.totalTableCount = first.total;
    results.diffTableCount = first.diffTableCount;
    if (!anyDifference && results.diffTableCount === 0)
        return;
    const tables = results.tables;
    announce(ctx, `Counting the differing records of ${(0,wording/* plural */.LS)(tables.length, 'table')}`, execId);
    await readEach(ctx, { window, run }, tables, 'tables', {
        ask: (table, f) => getTableDifferenceCount(ctx.client, { ...asked, progressId: table.progressId }, f),
        keep: (table, count) => (table.differences = count),
        done: () => undefined
    });
}
/**
 * One call per entry through the window; an entry whose answer cannot be read or understood is
 * marked unreadable (not verified). A stop (timeout, cancel) ends it all and is rethrown.
 */
async function readEach(ctx, { window, run }, entries, what, calls) {
    const progress = result_reader_progressLine(ctx, window, entries.length, what);
    try {
        await run(entries.length, async (index) => {
            const entry = entries[index];
            try {
                calls.keep(entry, (await window.track(f => calls.ask(entry, f))).value);
            }
            catch (error) {
                entry.unreadable = unreadable(error);
            }
            calls.done(index);
            progress();
        });
    }
    finally {
        summarise(ctx, window, entries.length, what);
    }
}
function announce(ctx, what, execId) {
    ctx.log.info(`${what} of comparison run ${execId} (up to ${MAX_IN_FLIGHT} calls at a time, fewer when NineData pushes back).`);
}
/** At most one line every few seconds on a long read. Raw text: the log cleans it. */
function result_reader_progressLine(ctx, window, total, what) {
    let read = 0;
    let saidAt = ctx.time.now();
    return () => {
        read++;
        const now = ctx.time.now();
        if (now - saidAt < PROGRESS_EVERY_MS || read === total)
            return;
        saidAt = now;
        ctx.log.info(`[${(0,wording/* formatDuration */.a3)(now - ctx.startedAt)}] Read ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${what}, ${window.inFlight} in flight.`);
    };
}
function summarise(ctx, window, total, what) {
    const { calls, pushBacks, peakInFlight } = window.stats;
    const pushed = pushBacks > 0
        ? `; NineData pushed back ${(0,wording/* plural */.LS)(pushBacks, 'time')}, and the reader slowed down`
        : '';
    ctx.log.info(`Read ${total.toLocaleString('en-US')} ${what} with ${calls.toLocaleString('en-US')} result calls, up to ${peakInFlight} in flight${pushed}.`);
}
/**
 * Hands each object to the SQL file in NineData's order as answers arrive in any order, holding only
 * the ones that wait for an earlier one; then trims what memory keeps of its SQL.
 */
class InOrder {
    objects;
    sink;
    next = 0;
    finished = new Set();
    kept = 0;
    keptChars = 0;
    stop;
    constructor(objects, sink) {
        this.objects = objects;
        this.sink = sink;
    }
    done(index) {
        this.finished.add(index);
        while (this.finished.delete(this.next))
            this.emit(this.objects[this.next++]);
    }
    stopped(error) {
        this.stop =
            error instanceof api_errors/* StopError */.Tj
                ? error.reason === 'cancelled'
                    ? 'the step was cancelled'
                    : 'timeout-seconds ran out'
                : 'the reading stopped';
    }
    finish() {
        return this.sink?.finish(missingOf(this.objects, this.stop));
    }
    emit(object) {
        const sql = object.correctSql;
        if (sql === undefined || sql === '')
            return;
        this.sink?.add(object, sql);
        const whole = this.kept < WHOLE_SQL_OBJECTS && this.keptChars < WHOLE_SQL_CHARS;
        const room = whole ? wording/* LIMITS */.b1.sql : SQL_START_CHARS;
        this.kept++;
        if (sql.length > room) {
            object.correctSql = detachedCopy(sql.slice(0, room));
            object.correctSqlLength = sql.length;
        }
        this.keptChars += Math.min(sql.length, room);
    }
}
/** The objects whose SQL was not read; undefined when every one was. */
function missingOf(objects, stop) {
    const missing = objects.filter(o => o.correctSql === undefined);
    if (missing.length === 0 && stop === undefined)
        return undefined;
    const refused = missing.filter(o => o.unreadable !== undefined).length;
    const reasons = [
        refused > 0 ? `${refused} could not be read` : '',
        missing.length > refused
            ? `${missing.length - refused} were not read before ${stop ?? 'the reading stopped'}`
            : ''
    ].filter(Boolean);
    return {
        count: missing.length,
        of: objects.length,
        progressIds: missing.slice(0, 20).map(o => o.progressId),
        why: reasons.join(', ') || (stop ?? 'the reading stopped')
    };
}
/** Why one object's result could not be read; a stop (timeout, cancel) is rethrown. */
function unreadable(error) {
    if (error instanceof api_errors/* ApiError */.hD) {
        return error.requestId ? `${error.message} (requestId ${error.requestId})` : error.message;
    }
    throw error;
}

;// CONCATENATED MODULE: ./src/phases/comparison-phase.ts










// The comparison phase: start a run of the comparison task, wait until it finishes, read its
// results. Whenever it gives up on a run it may have started (cancelled, out of time, an unreadable
// or undocumented answer, an execute call without an answer), it asks NineData to stop the run.
/** How long the stop request may take: the runner kills the step 10 s after its first signal. */
const STOP_BUDGET_MS = 5000;
async function runComparison(ctx) {
    const { inputs } = ctx;
    const seen = {
        kind: inputs.comparison,
        ending: src_ending/* FINISHED */.BL,
        execId: '',
        last: undefined,
        stage: 'start',
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
    }
    catch (error) {
        const ending = (0,src_ending/* endingOf */.z6)(error, `NineData did not start a run of comparison task ${inputs.taskId}`);
        const why = startMayHaveRun(error);
        return done(ending, why ? { stop: await stopUnfinishedRun(ctx, '', why) } : {});
    }
    seen.stage = 'run';
    const run = await waitForRun(ctx, seen.execId);
    seen.last = run.last;
    const why = givenUpOn(run.ending, run.last);
    // A run left going would hold the task: the next workflow run would get `task status invalid`.
    if (why)
        return done(run.ending, { stop: await stopUnfinishedRun(ctx, seen.execId, why) });
    if (run.ending.how !== 'finished' || (0,run_status/* canonicalRunStatus */.Y)(run.last?.status ?? '') !== 'success') {
        return done(run.ending);
    }
    seen.stage = 'results';
    const results = emptyResults(inputs.comparison);
    const read = {};
    try {
        await fillResults(ctx, seen.execId, results, ((0,comparison_verdict/* rowTotal */.ri)(run.last) ?? 0) > 0, read);
        return done(src_ending/* FINISHED */.BL, { results, correctionSqlFile: read.correctionSqlFile });
    }
    catch (error) {
        const doing = `Reading the results of comparison run ${seen.execId} failed`;
        return done((0,src_ending/* endingOf */.z6)(error, doing), { results, correctionSqlFile: read.correctionSqlFile });
    }
}
async function start(ctx) {
    const { inputs, log } = ctx;
    log.info(`Starting a run of ${inputs.comparison} comparison task ${inputs.taskId}.`);
    const started = await startWhenFree(ctx, 'comparison run', () => executeRun(ctx.client, inputs.comparison, inputs.taskId));
    const note = retriedStartNote(started.call, 'run', started.execId);
    log.info(`Started comparison run ${started.execId} (requestId ${started.call.requestId || 'none'}).${note}`);
    return started.execId;
}
function waitForRun(ctx, execId) {
    const { inputs, client, log } = ctx;
    let lastStatus;
    return pollUntilSettled({
        poll: () => getRunState(client, inputs.comparison, inputs.taskId, execId),
        isSettled: state => (0,run_status/* isRunSettled */.D)(state.status),
        onState: state => {
            if (state.status !== lastStatus)
                log.info(runProgressLine(state, ctx.time.now() - ctx.startedAt));
            lastStatus = state.status;
        },
        intervalMs: inputs.pollIntervalMs,
        deadline: ctx.deadline,
        time: ctx.time,
        sleep: ms => client.sleep(ms),
        doing: `The status query for comparison run ${execId} failed`
    });
}
/**
 * Why a failed start may still have started a run, or undefined: the execute call got no answer
 * (timed out or cancelled while an attempt may have reached NineData), or NineData said it started
 * one but its execId could not be read.
 */
function startMayHaveRun(error) {
    if (error instanceof api_errors/* StopError */.Tj && error.mayHaveActed) {
        const when = error.reason === 'cancelled' ? 'the step was cancelled' : 'timeout-seconds ran out';
        return `the execute call got no answer before ${when}, so a run may have started`;
    }
    if (error instanceof api_errors/* ApiError */.hD && error.kind === 'protocol')
        return 'the answer to the execute call could not be read, so a run may have started';
    return undefined;
}
/** Why the gate gives up on a run it started that may still be going, or undefined. */
function givenUpOn(ending, last) {
    if (ending.how === 'cancelled')
        return 'the step was cancelled while the run went on';
    if (ending.how === 'timeout')
        return 'timeout-seconds ran out while the run went on';
    if (ending.how === 'error')
        return 'its status could not be read, so the gate gave up on it';
    if (last && (0,run_status/* canonicalRunStatus */.Y)(last.status) === undefined)
        return 'it reported a status NineData does not document, so the gate gave up on it';
    return undefined;
}
/**
 * Asks NineData to stop the task's run (the stop names only the task); says in the log what was
 * stopped, why, and what came of it. `execId` is empty when the execute call gave none.
 */
async function stopUnfinishedRun(ctx, execId, why) {
    const { inputs, log } = ctx;
    const run = execId ? `comparison run ${execId}` : 'the comparison run';
    // The step's own client is cancelled already: the stop request gets one of its own.
    const client = clientFor(inputs, {
        deadline: ctx.time.now() + STOP_BUDGET_MS,
        signal: new AbortController().signal,
        log,
        time: ctx.time,
        requestTimeoutMs: Math.min(inputs.requestTimeoutMs, STOP_BUDGET_MS)
    });
    try {
        const call = await stopRun(client, inputs.comparison, inputs.taskId);
        log.warning(`Asked NineData to stop ${run} of task ${inputs.taskId} (requestId ${call.requestId || 'none'}): ${why}.`);
        return { sent: true, message: '' };
    }
    catch (error) {
        const ending = (0,src_ending/* endingOf */.z6)(error, `Stopping ${run} failed`);
        const message = ending.how === 'error' ? ending.message : `no answer within ${STOP_BUDGET_MS / 1000}s.`;
        log.warning(`Could not stop ${run} (${why}): ${message}`);
        return { sent: false, message };
    }
    finally {
        client.dispose();
    }
}

;// CONCATENATED MODULE: ./src/phases/precheck-phase.ts







async function runPrecheck(ctx) {
    const { inputs } = ctx;
    const history = new precheck_status/* ItemHistory */.k4();
    const learned = (ending, precheckTaskId, last) => ({
        ending,
        precheckTaskId,
        last,
        failedEarlier: history.failedEarlier(last),
        vanished: history.vanished(last),
        tooManyItems: history.overflowed,
        timeoutMs: inputs.timeoutMs,
        endedAt: ctx.time.now()
    });
    let precheckTaskId = inputs.precheckTaskId;
    if (precheckTaskId) {
        ctx.log.info(`Following precheck ${precheckTaskId} of ${inputs.comparison} comparison task ${inputs.taskId} (given as precheck-task-id; nothing is started).`);
    }
    else {
        try {
            precheckTaskId = await precheck_phase_start(ctx);
        }
        catch (error) {
            const doing = `NineData did not start a precheck for task ${inputs.taskId}`;
            return learned((0,src_ending/* endingOf */.z6)(error, doing), '');
        }
    }
    const { ending, last } = await waitForVerdict(ctx, precheckTaskId, history);
    return learned(ending, precheckTaskId, last);
}
async function precheck_phase_start(ctx) {
    const { inputs, log } = ctx;
    log.info(`Starting a precheck of ${inputs.comparison} comparison task ${inputs.taskId} at ${inputs.apiUrl}.`);
    const started = await startWhenFree(ctx, 'precheck', () => (0,precheck_api/* startPrecheck */.EJ)(ctx.client, inputs.comparison, inputs.taskId));
    const id = started.precheckTaskId;
    const note = retriedStartNote(started.call, 'precheck', id);
    log.info(`Started precheck ${id} (requestId ${started.call.requestId || 'none'}).${note}`);
    return id;
}
function waitForVerdict(ctx, precheckTaskId, history) {
    const { inputs, client, log } = ctx;
    let lastKey = '';
    return pollUntilSettled({
        poll: () => (0,precheck_api/* getPrecheckStatus */.K$)(client, inputs.comparison, inputs.taskId, precheckTaskId),
        isSettled: precheck_status/* isSettled */.Is,
        onState: state => {
            history.note(state);
            const key = progressKey(state);
            if (key !== lastKey)
                log.info(progressLine(state, ctx.time.now() - ctx.startedAt));
            lastKey = key;
        },
        intervalMs: inputs.pollIntervalMs,
        deadline: ctx.deadline,
        time: ctx.time,
        sleep: ms => client.sleep(ms),
        doing: `The status query for precheck ${precheckTaskId} failed`
    });
}

// EXTERNAL MODULE: ./src/task-definition.ts
var task_definition = __nccwpck_require__(566);
;// CONCATENATED MODULE: ./src/phases/task-phase.ts






// The task phase, before the precheck: the task given as task-id, or the schema comparison task the
// workflow names (found by name and both datasources, else created once). It never changes or
// deletes a task.
/** The most tasks read to find one by name: past this the search would cost more than it is worth. */
const MAX_LISTED_TASKS = 10_000;
async function findOrCreateTask(ctx) {
    const definition = ctx.inputs.definition;
    if (!definition)
        return { ending: src_ending/* FINISHED */.BL, taskId: ctx.inputs.taskId, how: 'given', taskName: '', calls: 0 };
    const phase = {
        ending: src_ending/* FINISHED */.BL,
        taskId: '',
        how: 'found',
        taskName: definition.taskName,
        calls: 0
    };
    try {
        const found = await findTask(ctx, definition, phase);
        if (found)
            return { ...phase, taskId: found.taskId };
    }
    catch (error) {
        const doing = 'Listing NineData schema comparison tasks';
        return { ...phase, ending: failed(error, doing, 'Reading the task list', definition) };
    }
    try {
        return { ...phase, how: 'created', taskId: await create(ctx, definition, phase) };
    }
    catch (error) {
        const doing = `Creating schema comparison task ${(0,clean/* visible */.RK)(definition.taskName)}`;
        return { ...phase, how: 'created', ending: failed(error, doing, 'Creating a task', definition) };
    }
}
/** Every page of the task list, bounded; the oldest task with the name and both datasources. */
async function findTask(ctx, definition, phase) {
    ctx.log.info(`Looking for schema comparison task ${(0,clean/* visible */.RK)(definition.taskName)} from ${definition.sourceDsId} to ${definition.targetDsId} (NineData's task list has no name filter: every page is read).`);
    const matches = [];
    let seen = 0;
    for (let pageNumber = 1;; pageNumber++) {
        const page = await listTasksPage(ctx.client, pageNumber);
        phase.calls++;
        if (page.total > MAX_LISTED_TASKS)
            throw tooManyTasks(page.total);
        matches.push(...page.tasks.filter(task => isTheTask(task, definition)));
        seen += page.tasks.length;
        if (page.tasks.length < TASK_PAGE_SIZE || seen >= page.total)
            break;
    }
    return chooseTask(ctx, matches, definition, phase.calls);
}
function isTheTask(task, definition) {
    return (task.taskName === definition.taskName &&
        task.sourceDsId === definition.sourceDsId &&
        task.targetDsId === definition.targetDsId);
}
function chooseTask(ctx, matches, definition, calls) {
    const periodic = matches.find(task => task.periodic.toUpperCase() === 'PERIODIC');
    if (periodic) {
        throw new src_ending/* EndingError */.Ab({
            how: 'error',
            message: `Schema comparison task ${periodic.taskId} has the name ${(0,clean/* visible */.RK)(definition.taskName)} and both datasources, but it is a scheduled (PERIODIC) task: running it would enable its schedule. Give another task-name, or that task's ID as task-id.`
        });
    }
    const oldestFirst = [...matches].sort((a, b) => a.createTime.localeCompare(b.createTime) || a.taskId.localeCompare(b.taskId));
    const task = oldestFirst[0];
    const read = `${(0,wording/* plural */.LS)(calls, 'page')} of the task list read`;
    if (!task)
        return void ctx.log.info(`No task has that name and both datasources (${read}).`);
    if (matches.length > 1) {
        ctx.log.warning(`${matches.length} schema comparison tasks have the name ${(0,clean/* visible */.RK)(definition.taskName)} and both datasources (${oldestFirst.map(t => t.taskId).join(', ')}): using the oldest, ${task.taskId}.`);
    }
    const byHand = definition.nameGiven
        ? ' NineData does not list what a task compares: with a task-name of your own, change the name when databases or tables change.'
        : '';
    ctx.log.info(`Found schema comparison task ${task.taskId} (${read}). Pin it as \`task-id: ${task.taskId}\` to skip this search.${byHand}`);
    return task;
}
async function create(ctx, definition, phase) {
    ctx.log.info(`Creating a one-time schema comparison task named ${(0,clean/* visible */.RK)(definition.taskName)}.`);
    phase.calls++;
    const created = await createTask(ctx.client, {
        taskName: definition.taskName,
        sourceDsId: definition.sourceDsId,
        targetDsId: definition.targetDsId,
        objectConfig: (0,task_definition/* objectConfigOf */.VW)(definition)
    });
    const note = created.call.unclearAttempts > 0
        ? ` ${(0,wording/* plural */.LS)(created.call.unclearAttempts, 'earlier attempt')} of the create call got no usable answer, so NineData may hold another task with this name; later runs use the oldest.`
        : '';
    ctx.log.info(`Created schema comparison task ${created.taskId} (requestId ${created.call.requestId || 'none'}).${note} ` +
        `Later runs with the same definition find it by name; to skip that search, pin it as \`task-id: ${created.taskId}\` and drop source-datasource, target-datasource, databases, tables and task-name.`);
    return created.taskId;
}
function tooManyTasks(total) {
    return new src_ending/* EndingError */.Ab({
        how: 'error',
        message: `NineData lists ${total} schema comparison tasks, more than the ${MAX_LISTED_TASKS} this action reads to find one by name: give the task as task-id instead.`
    });
}
const PERMISSION_WORDS = /permission|denied|forbidden|unauthori[sz]ed|no privilege|权限/i;
/** The phase's ending; a permission refusal says what NineData calls the permission, and where. */
function failed(error, doing, needing, definition) {
    const ending = (0,src_ending/* endingOf */.z6)(error, `${doing} failed`);
    if (ending.how !== 'error' ||
        !(error instanceof api_errors/* ApiError */.hD) ||
        !PERMISSION_WORDS.test(error.message))
        return ending;
    const named = [definition.sourceDsId, definition.targetDsId].filter(id => error.message.includes(id));
    const where = named.length === 1
        ? `datasource ${named[0]}`
        : `both datasources (source ${definition.sourceDsId}, target ${definition.targetDsId})`;
    return {
        ...ending,
        hint: `${needing} needs NineData's SchemaCompare permission on ${where} for the AccessKey's user (NineData console: Permission, or the user's role). ` +
            'Or create the task in the console and give its ID as task-id.'
    };
}

;// CONCATENATED MODULE: ./src/verdict/gate-verdict.ts
// The step's verdict from the verdicts of its phases. Pure.
/**
 * The precheck decides unless it passed and a comparison ran; a comparison that was asked for but
 * not run (the precheck did not pass) leaves nothing to soften: the precheck's failure stands.
 */
function gateVerdict(precheck, comparison, runComparison) {
    if (!precheck.passed) {
        if (!runComparison)
            return precheck;
        // Said where it applies: a user who set fail-on-failure to false reads why it did not soften.
        const unsoftened = precheck.softenedBy === 'fail-on-failure'
            ? ' fail-on-failure: false does not soften this: with run-comparison true, a precheck that did not pass means nothing was compared.'
            : '';
        return {
            ...precheck,
            reason: `${precheck.reason} The comparison was not started (run-comparison is true).${unsoftened}`,
            softenedBy: undefined
        };
    }
    if (!comparison)
        return precheck;
    return {
        ...comparison,
        reason: `The precheck passed. ${comparison.reason}`,
        failedItems: precheck.failedItems
    };
}

;// CONCATENATED MODULE: ./src/verdict/precheck-verdict.ts



/** The precheck's verdict. A pass needs a documented Success overall and for every item ever seen. */
function decidePrecheck(seen) {
    const { last, ending } = seen;
    const failedNow = last?.precheckItems.filter(i => (0,precheck_status/* canonicalStatus */.xX)(i.status) === 'Failed') ?? [];
    const failedItems = [...failedNow, ...seen.failedEarlier];
    const verdict = (kind, reason, soft = false) => ({
        kind,
        passed: kind === 'passed',
        reason,
        phase: 'precheck',
        failedItems,
        ...(soft ? { softenedBy: 'fail-on-failure' } : {})
    });
    if (ending.how === 'error')
        return verdict('error', ending.message);
    if (ending.how === 'cancelled') {
        return verdict('cancelled', `The wait was cancelled before the precheck finished.${lastSeen(last)}`);
    }
    const odd = last ? undocumented(last) : undefined;
    if (odd)
        return verdict('error', odd);
    if (seen.tooManyItems) {
        return verdict('error', `NineData listed more than ${precheck_status/* MAX_TRACKED_ITEMS */.zU} distinct check items across its answers: not a precheck this action can verify, so not a pass.`);
    }
    if (ending.how === 'timeout' || !last)
        return verdict('timeout', timeoutReason(seen));
    if (seen.vanished.length > 0)
        return verdict('error', vanishedReason(seen.vanished));
    return finishedVerdict(last, failedNow, seen.failedEarlier, verdict);
}
function vanishedReason(vanished) {
    const were = vanished.length === 1 ? 'was' : 'were';
    return (`NineData's last answer no longer lists ${(0,wording/* plural */.LS)(vanished.length, 'check item')} that ${were} seen at an earlier poll: ` +
        `${listLabels(vanished)}. Every item seen must end in Success, so this is not a pass.`);
}
function finishedVerdict(last, failedNow, earlier, verdict) {
    const overall = (0,precheck_status/* canonicalStatus */.xX)(last.status);
    const total = last.precheckItems.length;
    const earlierText = earlier.length > 0
        ? ` ${listLabels(earlier)} ${earlier.length === 1 ? 'was' : 'were'} seen Failed at an earlier poll and ${earlier.length === 1 ? 'counts' : 'count'} as failed, whatever NineData reports now.`
        : '';
    const failedCount = failedNow.length + earlier.length;
    // Items that neither failed nor succeeded: never softened into a pass.
    const unfinished = last.precheckItems.filter(i => !(0,precheck_status/* isFinalStatus */.$T)((0,precheck_status/* canonicalStatus */.xX)(i.status)));
    const neverRan = unfinished.length > 0
        ? ` ${(0,wording/* plural */.LS)(unfinished.length, 'check item')} never reported a final status: ${listLabels(unfinished)}.`
        : '';
    const soft = failedCount > 0 && unfinished.length === 0;
    if (overall === 'Failed') {
        const items = failedCount > 0
            ? `${(0,wording/* plural */.LS)(failedCount, 'check item')} of ${total} failed${failedNow.length ? `: ${listLabels(failedNow)}` : ''}.`
            : 'NineData reported the overall status Failed without a failed check item.';
        return verdict('failed', `The precheck failed: ${items}${earlierText}${neverRan}`, soft);
    }
    if (overall === 'Success' && failedCount > 0) {
        const named = failedNow.length ? `: ${listLabels(failedNow)}` : '';
        return verdict('failed', `NineData reported Success, but ${(0,wording/* plural */.LS)(failedCount, 'check item')} of ${total} failed${named}.${earlierText}${neverRan}`, soft);
    }
    if (overall === 'Success' && unfinished.length === 0) {
        return verdict('passed', total === 0
            ? 'The precheck passed: NineData reported Success and returned no check items.'
            : `The precheck passed: NineData reported Success and ${total === 1 ? 'the check item' : `all ${total} check items`} succeeded.`);
    }
    // Reached only if the wait ends "finished" on an unsettled answer: never a pass.
    return verdict('error', `The precheck ended without a final status.${lastSeen(last)}`);
}
/** Why an answer this action does not understand is not a pass, or undefined. */
function undocumented(state) {
    if ((0,precheck_status/* itemsMissingAtEnd */.VG)(state)) {
        return (`NineData reported the overall status ${(0,clean/* visible */.RK)(state.status)} without a precheckItems list, ` +
            'so no check item can be verified. An answer this action does not understand is never a pass.');
    }
    const overall = (0,precheck_status/* canonicalStatus */.xX)(state.status) === undefined;
    const odd = (0,precheck_status/* oddItems */.uh)(state);
    if (!overall && odd.length === 0)
        return undefined;
    const parts = [];
    if (overall)
        parts.push(`the overall status ${(0,clean/* visible */.RK)(state.status)}`);
    if (odd.length > 0) {
        const shown = odd
            .slice(0, wording/* LIMITS */.b1.namesInReason)
            .map(item => `${(0,precheck_status/* itemLabel */.IR)(item)} (${(0,clean/* visible */.RK)(item.status)})`);
        const more = odd.length > shown.length ? ` and ${odd.length - shown.length} more` : '';
        parts.push(`${odd.length === 1 ? 'the status of' : `the statuses of ${odd.length} check items:`} ${shown.join(', ')}${more}`);
    }
    return (`NineData reported ${parts.join(' and ')}: not a status NineData documents ` +
        `(Unstarted, Running, Failed, Success). An answer this action does not understand is never a pass.`);
}
function timeoutReason(end) {
    const last = end.last;
    const head = `The precheck did not finish within timeout-seconds (${(0,wording/* formatSeconds */.Xo)(end.timeoutMs)}).`;
    const raise = ' Raise `timeout-seconds` to wait longer.';
    const outage = end.ending.how === 'timeout' ? end.ending.outage : undefined;
    if (end.ending.how === 'timeout' && end.ending.waitingFor) {
        return `No precheck was started within timeout-seconds (${(0,wording/* formatSeconds */.Xo)(end.timeoutMs)}): ${end.ending.waitingFor}.${raise}`;
    }
    if (outage) {
        const down = (0,wording/* formatDuration */.a3)(end.endedAt - outage.sinceMs);
        return (`${head} NineData gave no usable answer for the last ${down}; the last error: ${outage.lastError.message}.` +
            `${lastSeen(last)}${raise}`);
    }
    if (last && (0,precheck_status/* canonicalStatus */.xX)(last.status) === 'Success') {
        const pending = last.precheckItems.filter(i => !(0,precheck_status/* isFinalStatus */.$T)((0,precheck_status/* canonicalStatus */.xX)(i.status)));
        return (`${head} NineData reported Success, but ${(0,wording/* plural */.LS)(pending.length, 'check item')} never reported a final status: ` +
            `${listLabels(pending)}.${raise}`);
    }
    return `${head}${lastSeen(last)}${raise}`;
}
function lastSeen(last) {
    return last ? ` The last status seen was ${(0,clean/* visible */.RK)(last.status)}.` : ' No status was seen.';
}
/** "A, B, C and 12 more": names for a one-line message, however many items there are. */
function listLabels(items, max = wording/* LIMITS */.b1.namesInReason) {
    const names = items.slice(0, max).map(precheck_status/* itemLabel */.IR);
    const rest = items.length - names.length;
    return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ');
}

;// CONCATENATED MODULE: ./src/verdict/step-verdict.ts



/** The verdict once the precheck has ended: the comparison has not run (yet). */
function afterPrecheck(seen, runComparison) {
    const precheck = decidePrecheck(seen);
    return { step: gateVerdict(precheck, undefined, runComparison), precheck, runComparison };
}
/** A comparison runs only when it was asked for and the precheck passed. */
function comparisonMayStart(decided) {
    return decided.runComparison && decided.precheck.passed;
}
/** The verdict once the comparison run has ended; the precheck's verdict stands as decided. */
function afterComparison(decided, seen) {
    const comparison = (0,comparison_verdict/* decideComparison */.Ed)(seen);
    return {
        ...decided,
        step: gateVerdict(decided.precheck, comparison, decided.runComparison),
        comparison
    };
}
/** The verdict of a step that ended before any phase could (refused inputs, a bug). */
function beforeAnyPhase(ending, runComparison) {
    return afterPrecheck({
        ending,
        last: undefined,
        failedEarlier: [],
        vanished: [],
        tooManyItems: false,
        timeoutMs: 0,
        endedAt: 0
    }, runComparison);
}

;// CONCATENATED MODULE: ./src/gate-run.ts





async function runGate(inputs, env) {
    const deadline = env.startedAt + inputs.timeoutMs;
    const client = clientFor(inputs, { ...env, deadline });
    try {
        const task = await findOrCreateTask({ ...env, inputs, client, deadline });
        if (task.ending.how !== 'finished') {
            const precheck = notStarted(task, inputs.timeoutMs, env.time.now());
            const verdict = afterPrecheck(precheck, inputs.runComparison);
            return { task, precheck, verdict, requestId: client.lastRequestId ?? '' };
        }
        // From here on the gate goes on exactly as with task-id.
        const ctx = {
            ...env,
            inputs: { ...inputs, taskId: task.taskId },
            client,
            deadline
        };
        const precheck = await runPrecheck(ctx);
        const decided = afterPrecheck(precheck, inputs.runComparison);
        if (!comparisonMayStart(decided)) {
            return { task, precheck, verdict: decided, requestId: client.lastRequestId ?? '' };
        }
        const comparison = await runComparison(ctx);
        const verdict = afterComparison(decided, comparison);
        return { task, precheck, comparison, verdict, requestId: client.lastRequestId ?? '' };
    }
    finally {
        // Every way out frees the sockets.
        client.dispose();
    }
}
/** No precheck: the task phase ended the step, and its ending is the precheck's. */
function notStarted(task, timeoutMs, endedAt) {
    const ending = task.ending.how === 'timeout'
        ? {
            ...task.ending,
            waitingFor: `it was still looking for (or creating) the comparison task named "${task.taskName}"`
        }
        : task.ending;
    return {
        ending,
        precheckTaskId: '',
        last: undefined,
        failedEarlier: [],
        vanished: [],
        tooManyItems: false,
        timeoutMs,
        endedAt
    };
}

// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __nccwpck_require__(422);
;// CONCATENATED MODULE: ./src/safe-log.ts

// The step's log: raw text in, one inert line out. Messages may quote server text as received; it is
// cleaned, redacted and shortened once, here, whichever runner the lines go to.
class SafeLog {
    safe;
    sink;
    constructor(safe, sink) {
        this.safe = safe;
        this.sink = sink;
    }
    info(message) {
        this.sink.info(this.safe.line(message));
    }
    warning(message) {
        this.sink.warning(this.safe.line(message));
    }
    /** An error annotation of its own, for a problem that is one of several (the step's failure says the whole). */
    error(message, title) {
        this.sink.error(this.safe.line(message), this.safe.line(title, wording/* LIMITS */.b1.name));
    }
    debug(message) {
        this.sink.debug(this.safe.line(message));
    }
    /** A collapsed group of lines that are already safe (see report/log-lines.ts). */
    group(title, lines) {
        if (lines.length === 0)
            return;
        this.sink.group(this.safe.line(title, wording/* LIMITS */.b1.name), lines);
    }
}

// EXTERNAL MODULE: ./src/text/safe-text.ts
var safe_text = __nccwpck_require__(844);
;// CONCATENATED MODULE: ./src/gate-step.ts






/**
 * `usage`: what the entry itself found wrong (the command line's options), told with the inputs'.
 * `correctionSql` opens the file the correction SQL is streamed to, where the entry keeps it.
 */
async function runStep(get, log, env, options = {}) {
    let inputs;
    try {
        inputs = checkedInputs(get, options.usage ?? []);
        const gate = await runGate(inputs, { log, ...env, correctionSql: options.correctionSql });
        return { inputs, gate, decided: gate.verdict };
    }
    catch (error) {
        if (error instanceof src_inputs/* InputError */.dz) {
            // One line (and annotation) per problem: the failure's own line joins them.
            if (error.problems.length > 1)
                for (const problem of error.problems)
                    log.error(`Invalid input: ${problem}`, 'Invalid input');
            return {
                ...refused(undefined, { how: 'error', message: error.message }),
                inputsRefused: true
            };
        }
        if (error instanceof Error && error.stack)
            log.debug(error.stack);
        return refused(inputs, (0,src_ending/* crashEnding */.Jj)(error));
    }
}
function refused(inputs, ending) {
    return {
        inputs,
        refused: ending,
        decided: beforeAnyPhase(ending, inputs?.runComparison ?? false)
    };
}
/** Masks the step's secrets before anything can print them; makes a closed stdout harmless. */
function openLog(surface, secrets) {
    for (const secret of secrets)
        surface.maskSecret(secret);
    // A reader that went away (EPIPE) must not crash the step: the exit code still tells the verdict.
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    return new SafeLog(new safe_text/* SafeText */.P(secrets), surface);
}
/** A warning for an access key secret too short to be one: hiding its copies may garble messages. */
function warnIfShortSecret(log, accessKeySecret) {
    const secret = accessKeySecret.trim();
    if (secret && secret.length < 8) {
        log.warning('access-key-secret looks too short for a NineData AccessKey secret; every copy of it in what NineData sends back is hidden as ***, which may make messages hard to read.');
    }
}
/** Every problem at once: the entry's and the inputs'. */
function checkedInputs(get, usage) {
    let inputs;
    try {
        inputs = (0,src_inputs/* parseInputs */.TL)(get);
    }
    catch (error) {
        if (error instanceof src_inputs/* InputError */.dz)
            throw new src_inputs/* InputError */.dz([...usage, ...error.problems]);
        throw error;
    }
    if (usage.length > 0)
        throw new src_inputs/* InputError */.dz([...usage]);
    return inputs;
}


/***/ }),

/***/ 957:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ HINTS)
/* harmony export */ });
// The hints users read: what to check next, shown after the reason (the 💡 line of the summary and
// the pull request comment, and the failure message). All of them here, so the advice is worded
// once and read together. The network layer's hints are phrases ("check ..."); ending.ts makes
// them sentences.
const HINTS = {
    /** NineData rejected the credentials or the request signature. */
    credentials: 'Check the access-key-id and access-key-secret inputs (NineData console: User Management, AccessKey) ' +
        "and that the runner's clock is right.",
    /** `task status invalid`: the task is busy with another precheck or run. */
    busyTask: 'Another precheck or comparison run of this task may be under way, e.g. from a second workflow run: ' +
        'give the job a `concurrency:` group per comparison task.',
    /** `task not found`: the task ID, its kind or the account is not the one meant. */
    taskNotFound: 'Check `task-id`: it must be the ID of a comparison task of the kind the message names ' +
        '(cc-... for a schema comparison, cd-... for a data comparison), in the NineData account the ' +
        'AccessKey belongs to, and visible to that AccessKey user.',
    /** TLS failed as a wrong scheme for the port does. */
    scheme: 'check the scheme and port of `api-url`: https:// to a plain-http port (or http:// to an https port) fails like this',
    /** The server's certificate is not one Node trusts. */
    privateCa: 'if NineData uses a private certificate authority, point NODE_EXTRA_CA_CERTS at its certificate',
    /** The host name does not resolve. */
    hostName: "check the host name in `api-url` (and the runner's DNS or proxy settings)",
    /** Nothing accepted the connection. */
    port: 'check the port in `api-url`, and that NineData is reachable from the runner',
    /** An answer of 404/405: not NineData's OpenAPI address. */
    apiPath: 'check `api-url`: it should be the base URL of the NineData OpenAPI (without /openapi)',
    /** The proxy refused its credentials (407). */
    proxyCredentials: 'the proxy wants credentials: put them in the proxy URL (http://user:password@proxy:port)',
    /** The proxy did not open the tunnel. */
    proxy: 'check https_proxy / http_proxy and no_proxy on the runner'
};


/***/ }),

/***/ 422:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qh: () => (/* binding */ INPUT_NAMES),
/* harmony export */   TL: () => (/* binding */ parseInputs),
/* harmony export */   WJ: () => (/* binding */ INPUT_DEFAULTS),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   yu: () => (/* binding */ REQUIRED_INPUTS)
/* harmony export */ });
/* unused harmony exports withoutUserinfo, wantsJobSummary, stepSecrets */
/* harmony import */ var _ninedata_precheck_api_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(380);
/* harmony import */ var _task_definition_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(566);
/* harmony import */ var _text_clean_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(118);



/** The inputs without a default: an empty one is refused. */
const REQUIRED_INPUTS = ['api-url', 'access-key-id', 'access-key-secret'];
/** The defaults of action.yml, applied when an input is empty (e.g. when run outside a runner). */
const INPUT_DEFAULTS = {
    'task-id': '',
    comparison: 'auto',
    'precheck-task-id': '',
    'source-datasource': '',
    'target-datasource': '',
    databases: '',
    tables: '',
    'task-name': '',
    'when-busy': 'wait',
    'poll-interval-seconds': '5',
    'timeout-seconds': '900',
    'request-timeout-seconds': '30',
    'fail-on-failure': 'true',
    'run-comparison': 'false',
    'fail-on-difference': 'true',
    'job-summary': 'true',
    'pr-comment': 'false',
    // action.yml's default is `${{ github.token }}`, which only a runner can fill in.
    'github-token': ''
};
/** Every input's name, in action.yml's order of importance: the one list both entries read. */
const INPUT_NAMES = [
    ...new Set([...REQUIRED_INPUTS, ...Object.keys(INPUT_DEFAULTS)])
];
/** Allowed range of each duration input, in seconds. Below the floor a run would flood NineData. */
const SECONDS_RANGE = {
    // GitHub ends a job after 6 hours on hosted runners (and a workflow run after 35 days).
    'timeout-seconds': { min: 1, max: 35 * 24 * 3600, examples: '900 or 1800' },
    'poll-interval-seconds': { min: 0.1, max: 3600, examples: '5 or 0.5' },
    'request-timeout-seconds': { min: 1, max: 600, examples: '30 or 60' }
};
/** Inputs a workflow fills from secrets: empty mostly for one of two reasons, named in the error. */
const FROM_SECRETS = new Set(['access-key-id', 'access-key-secret']);
const EMPTY_SECRET_CAUSES = " A workflow run from a fork's pull request (or Dependabot's) gets no secrets, and a misspelled secret name gives an empty value: check the name in `secrets.` against the repository's or environment's secrets.";
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1
            ? `Invalid input: ${problems[0]}`
            : `Invalid inputs:\n${problems.map(p => `- ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
const KIND_PREFIX = { schema: 'cc-', data: 'cd-' };
/** Parses every input; throws InputError listing every problem. */
function parseInputs(get, repository = process.env['GITHUB_REPOSITORY'] ?? '') {
    const problems = [];
    const read = (name) => {
        const value = (get(name) ?? '').trim();
        return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
    };
    const required = (name) => {
        const value = read(name);
        if (value === '')
            problems.push(`\`${name}\` is required but was empty or not set.${FROM_SECRETS.has(name) ? EMPTY_SECRET_CAUSES : ''}`);
        return value;
    };
    const apiUrl = parseApiUrl(required('api-url'), problems);
    const accessKeyId = checkId('access-key-id', required('access-key-id'), problems);
    const accessKeySecret = required('access-key-secret');
    const taskId = checkId('task-id', read('task-id'), problems);
    const precheckTaskId = checkId('precheck-task-id', read('precheck-task-id'), problems);
    const definition = readDefinition(read, taskId, precheckTaskId, repository, problems);
    const inputs = {
        apiUrl,
        accessKeyId,
        accessKeySecret,
        taskId,
        definition,
        whenBusy: parseWhenBusy(read('when-busy'), problems),
        comparison: parseComparison(read('comparison'), taskId, problems),
        precheckTaskId,
        timeoutMs: seconds('timeout-seconds', read('timeout-seconds'), problems),
        pollIntervalMs: seconds('poll-interval-seconds', read('poll-interval-seconds'), problems),
        requestTimeoutMs: seconds('request-timeout-seconds', read('request-timeout-seconds'), problems),
        failOnFailure: bool('fail-on-failure', read('fail-on-failure'), problems),
        runComparison: bool('run-comparison', read('run-comparison'), problems),
        failOnDifference: bool('fail-on-difference', read('fail-on-difference'), problems),
        jobSummary: bool('job-summary', read('job-summary'), problems),
        prComment: bool('pr-comment', read('pr-comment'), problems),
        githubToken: read('github-token')
    };
    checkSwappedIds(taskId, precheckTaskId, problems);
    if (problems.length > 0)
        throw new InputError(problems);
    return inputs;
}
const DEFINITION_INPUTS = [
    'source-datasource',
    'target-datasource',
    'databases',
    'tables',
    'task-name'
];
/**
 * Exactly one way to name the task: task-id, or the datasources with what to compare. Both, or
 * neither, is refused naming them; a definition is only for schema comparisons (see gate-as-code).
 */
function readDefinition(read, taskId, precheckTaskId, repository, problems) {
    const given = DEFINITION_INPUTS.filter(name => read(name) !== '');
    if (given.length === 0) {
        if (taskId === '')
            problems.push('`task-id` is required, or instead `source-datasource`, `target-datasource` and `databases` (the task is then found by name or created).');
        return undefined;
    }
    if (taskId !== '') {
        problems.push(`\`task-id\` and ${given.map(n => `\`${n}\``).join(', ')} were both given: name the task one way only (task-id, or the datasources with databases).`);
        return undefined;
    }
    if (precheckTaskId !== '')
        problems.push('`precheck-task-id` follows a precheck of a `task-id`: give task-id with it.');
    if (read('comparison') === 'data') {
        problems.push('`comparison: data` with datasources: NineData documents no way to list data comparison tasks, so every run would create a new task in your console. Create the data comparison task once and give its cd-... ID as `task-id`.');
    }
    return (0,_task_definition_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDefinition */ .JA)({
        sourceDatasource: read('source-datasource'),
        targetDatasource: read('target-datasource'),
        databases: read('databases'),
        tables: read('tables'),
        taskName: read('task-name'),
        repository
    }, problems);
}
function parseWhenBusy(raw, problems) {
    if (raw === 'wait' || raw === 'fail')
        return raw;
    problems.push(`\`when-busy\` must be wait or fail, got ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(raw)}.`);
    return 'wait';
}
function checkId(name, value, problems) {
    const problem = value === '' ? undefined : (0,_ninedata_precheck_api_js__WEBPACK_IMPORTED_MODULE_0__/* .idProblem */ .lx)(value);
    if (problem)
        problems.push(`\`${name}\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(value)} is not a valid ID: ${problem}.`);
    return value;
}
function checkSwappedIds(taskId, precheckTaskId, problems) {
    if (/^pcte-/i.test(taskId)) {
        problems.push(`\`task-id\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(taskId)} looks like a precheck ID (pcte-...): task-id takes the comparison task (cc-... or cd-...); a precheck to follow goes in precheck-task-id.`);
    }
    if (/^c[cd]-/i.test(precheckTaskId)) {
        problems.push(`\`precheck-task-id\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(precheckTaskId)} looks like a comparison task ID: put it in task-id, and leave precheck-task-id empty to start a new precheck.`);
    }
}
function parseComparison(raw, taskId, problems) {
    const fromPrefix = Object.keys(KIND_PREFIX).find(kind => taskId.toLowerCase().startsWith(KIND_PREFIX[kind]));
    if (raw === 'schema' || raw === 'data') {
        if (fromPrefix && fromPrefix !== raw) {
            problems.push(`\`comparison\` is "${raw}", but \`task-id\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(taskId)} is a ${fromPrefix} comparison task (${KIND_PREFIX[fromPrefix]}...): set comparison to ${fromPrefix} or auto, or check task-id.`);
        }
        return raw;
    }
    if (raw !== 'auto') {
        problems.push(`\`comparison\` must be schema, data or auto, got ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(raw)}.`);
        return 'schema';
    }
    if (!fromPrefix && taskId !== '' && !/^pcte-/i.test(taskId)) {
        problems.push(`\`comparison\` is auto, but \`task-id\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(taskId)} starts with neither cc- (schema comparison) nor cd- (data comparison): check task-id, or set comparison to schema or data.`);
    }
    return fromPrefix ?? 'schema';
}
function seconds(name, raw, problems) {
    const { min, max, examples } = SECONDS_RANGE[name];
    // Plain decimal only: "1e3", "0x10", "Infinity" and "5s" are refused rather than guessed at.
    if (!/^(\d{1,12}(\.\d{0,9})?|\.\d{1,9})$/.test(raw)) {
        problems.push(`\`${name}\` must be a number of seconds (e.g. ${examples}), got ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(raw)}.`);
        return NaN;
    }
    const value = Number(raw);
    if (value < min)
        problems.push(`\`${name}\` must be at least ${min} seconds, got "${raw}".`);
    else if (value > max)
        problems.push(`\`${name}\` must be at most ${max} seconds, got "${raw}".`);
    return Math.round(value * 1000);
}
function bool(name, raw, problems) {
    if (TRUE_WORDS.includes(raw))
        return true;
    if (FALSE_WORDS.includes(raw))
        return false;
    problems.push(`\`${name}\` must be true or false, got ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(raw)}.`);
    return true;
}
/**
 * The URL as typed, with any user name or password hidden, for messages. The text may not parse as a
 * URL at all, and a password may hold `/`, `?`, `#` or `@`: everything between the scheme (with its
 * slashes) and the last `@` is hidden, which hides a little too much in the rare path with an `@`.
 */
function withoutUserinfo(raw) {
    const at = raw.lastIndexOf('@');
    if (at < 0)
        return raw;
    const prefix = /^(?:[a-z][a-z0-9+.-]*:[/\\]+|https?:)?[/\\]*/i.exec(raw)?.[0] ?? '';
    return at < prefix.length ? raw : `${prefix}***${raw.slice(at)}`;
}
function parseApiUrl(raw, problems) {
    if (raw === '')
        return '';
    const shown = (0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(withoutUserinfo(raw));
    if (/^https?:\/?(?!\/)/i.test(raw)) {
        problems.push(`\`api-url\` ${shown} needs two slashes after the scheme, e.g. https://ninedata.example.com.`);
        return '';
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
        problems.push(`\`api-url\` ${shown} has no scheme: add https:// (or http://) in front, e.g. https://${withoutUserinfo(raw).replace(/^\/+/, '')}.`);
        return '';
    }
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        problems.push(`\`api-url\` ${shown} is not a valid URL; expected e.g. https://ninedata.example.com.`);
        return '';
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        problems.push(`\`api-url\` must start with https:// or http://, got ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_2__/* .visible */ .RK)(url.protocol)}.`);
    }
    else if (url.username || url.password) {
        problems.push('`api-url` must not contain a user name or password; use access-key-id and access-key-secret.');
    }
    else if (url.search || url.hash) {
        problems.push('`api-url` must be a base URL without a query string or fragment.');
    }
    else if (/\/openapi(\/|$)/i.test(path)) {
        problems.push(`\`api-url\` must be the base URL without the API path: drop "${path.slice(path.toLowerCase().indexOf('/openapi'))}" (use ${url.origin}${path.slice(0, path.toLowerCase().indexOf('/openapi'))}); the action adds /openapi/v1/... itself.`);
    }
    return `${url.origin}${path}`;
}
/** Whether the job summary should be written, read leniently for the error path. */
function wantsJobSummary(get) {
    return !FALSE_WORDS.includes((get('job-summary') ?? '').trim());
}
/**
 * The step's secrets as given (each also trimmed), read before anything is parsed so even a refused
 * input or a crash cannot print them: the access key secret, and the github-token unless pr-comment
 * is plainly off (a pr-comment the parser refuses still counts as on).
 */
function stepSecrets(get) {
    const raw = [get('access-key-secret') ?? ''];
    if (!FALSE_WORDS.includes((get('pr-comment') ?? '').trim()))
        raw.push(get('github-token') ?? '');
    return [...new Set(raw.flatMap(s => [s, s.trim()]).filter(s => s !== ''))];
}


/***/ }),

/***/ 936:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FP: () => (/* binding */ idText),
/* harmony export */   JW: () => (/* binding */ protocolError),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   ap: () => (/* binding */ integerText),
/* harmony export */   u4: () => (/* binding */ isRecord)
/* harmony export */ });
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(454);

// Strict reading of NineData's `data`: what the docs promise, or a `protocol` failure that says what
// was wrong. Reading never changes a character of server text.
function protocolError(what) {
    return new _api_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD('protocol', `NineData's answer does not have the documented shape: ${what}`);
}
function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function describeType(value) {
    return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
/** A text field; '' when absent or null; numbers and booleans as their text; else a shape error. */
function text(record, key, where) {
    const value = record[key];
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    throw protocolError(`${where}.${key} is ${describeType(value)}, not a string`);
}
/** An ID field: a JSON string or absent ('' then). A number could have lost digits on its way. */
function idText(record, key, where) {
    const value = record[key];
    if (value === undefined || value === null)
        return '';
    if (typeof value === 'string')
        return value;
    throw protocolError(`${where}.${key} is ${describeType(value)}, not a string ID`);
}
/**
 * A whole number sent as a JSON number (a safe integer) or a string of digits, as its digits; undefined
 * when absent or null. Anything else (fractions, 1e400, true, "12abc") is a shape error.
 */
function integerText(value, where) {
    if (value === undefined || value === null)
        return undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
        return String(value);
    if (typeof value === 'string' && /^\d{1,30}$/.test(value))
        return value;
    throw protocolError(`${where} is ${visibleKind(value)}, not a whole number`);
}
/** A count: integerText, as a number (counts stay far below 2^53 or they are not counts). */
function count(value, where) {
    const digits = integerText(value, where);
    if (digits === undefined)
        return undefined;
    const n = Number(digits);
    if (!Number.isSafeInteger(n))
        throw protocolError(`${where} is too large to be a count`);
    return n;
}
function visibleKind(value) {
    if (typeof value === 'string')
        return `the text of ${value.length} characters`;
    if (typeof value === 'number')
        return `the number ${String(value)}`;
    return describeType(value);
}


/***/ }),

/***/ 454:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ isTransientStatus),
/* harmony export */   LW: () => (/* binding */ classifyNetworkError),
/* harmony export */   Tj: () => (/* binding */ StopError),
/* harmony export */   hD: () => (/* binding */ ApiError),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ne: () => (/* binding */ apiUrlSuspicion),
/* harmony export */   tG: () => (/* binding */ pointsAtAddress),
/* harmony export */   xW: () => (/* binding */ mayHaveReachedServer)
/* harmony export */ });
/* harmony import */ var _hints_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(957);
/* harmony import */ var _error_message_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(587);


/** A failed call. `message` may quote server text as received: it is made safe where it is shown. */
class ApiError extends Error {
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
        this.name = 'ApiError';
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
}
/** The run was cancelled or its deadline passed while a call was under way. */
class StopError extends Error {
    reason;
    outage;
    mayHaveActed;
    constructor(reason, outage, 
    /** An attempt of the call stopped may have reached NineData: it may have acted on it. */
    mayHaveActed = false) {
        super(reason === 'cancelled' ? 'The run was cancelled.' : 'The timeout passed.');
        this.reason = reason;
        this.outage = outage;
        this.mayHaveActed = mayHaveActed;
        this.name = 'StopError';
    }
}
/** HTTP statuses worth another try: throttling, gateway trouble, server errors, request timeout. */
function isTransientStatus(status) {
    return status === 408 || status === 425 || status === 429 || status >= 500;
}
/** A throttled request was refused before NineData acted on it. */
function mayHaveReachedServer(httpStatus) {
    return httpStatus !== 429;
}
/** `Retry-After` as delay-seconds or an HTTP date, in ms from `nowMs` (NineData's clock). */
function parseRetryAfter(value, nowMs) {
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (!text)
        return undefined;
    if (/^\d{1,9}(\.\d{1,6})?$/.test(text))
        return Math.round(Number(text) * 1000);
    const at = Date.parse(text);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - nowMs);
}
// Failures of the connection itself: the request never reached NineData.
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'EHOSTDOWN',
    'UND_ERR_CONNECT_TIMEOUT'
]);
// Failures after the connection was made: NineData may have acted on the request.
const CUT_CODES = new Set([
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'UND_ERR_SOCKET',
    'ERR_STREAM_PREMATURE_CLOSE'
]);
const CUT_MESSAGES = /socket hang up|request timeout|aborted|tunneling socket could not be established/i;
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|ALTNAME/;
const WRONG_PROTOCOL = /WRONG_VERSION_NUMBER|ERR_SSL_|EPROTO|packet length too long|http request/i;
/** A network-level failure as an ApiError: transient when retrying may help, fatal when it cannot. */
function classifyNetworkError(error) {
    if (error instanceof ApiError)
        return error;
    const code = typeof error?.code === 'string'
        ? error.code
        : '';
    const message = (0,_error_message_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .g)(error);
    if (error instanceof Error && error.name === 'ProxyError')
        return proxyFailure(error);
    const sent = !NOT_SENT_CODES.has(code);
    if (CERTIFICATE_CODES.test(code)) {
        return new ApiError('fatal', `TLS certificate problem (${code})`, {
            hint: _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.privateCa,
            mayHaveReachedServer: false,
            symptom: 'cut'
        });
    }
    if (WRONG_PROTOCOL.test(code) || (code === '' && WRONG_PROTOCOL.test(message))) {
        return new ApiError('fatal', `the TLS handshake failed (${code || 'no TLS answer'})`, {
            hint: _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.scheme,
            mayHaveReachedServer: false,
            symptom: 'cut'
        });
    }
    const text = code && !message.includes(code) ? `${code}${message ? ` (${message})` : ''}` : message;
    const hint = code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.hostName
        : code === 'ECONNREFUSED'
            ? _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.port
            : undefined;
    const transient = NOT_SENT_CODES.has(code) ||
        CUT_CODES.has(code) ||
        code.startsWith('HPE_') ||
        CUT_MESSAGES.test(message);
    return new ApiError(transient ? 'transient' : 'fatal', text, {
        hint,
        mayHaveReachedServer: sent,
        symptom: symptomOf(code)
    });
}
function symptomOf(code) {
    if (code === 'ECONNREFUSED')
        return 'refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
        return 'unresolved';
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
        return 'silent';
    return 'cut';
}
/**
 * What to check in `api-url` when an attempt failed before NineData ever answered: a wrong scheme,
 * host, port or path fails exactly like this. Undefined when the failure says nothing about it.
 */
function apiUrlSuspicion(error) {
    if (error.fromNineData)
        return undefined;
    switch (error.symptom) {
        case 'refused':
            return 'nothing accepted the connection: check the port (and that NineData is reachable from the runner)';
        case 'unresolved':
            return "the host name does not resolve: check the host (and the runner's DNS or proxy settings)";
        case 'cut':
            return 'the connection was cut or TLS failed before any answer: check the scheme (http:// to an https port, or https:// to a plain-http one, fails like this) and the port';
        case 'silent':
            return 'nothing answered: check the host and port, and any firewall between the runner and NineData';
        case 'foreign':
            if ((error.httpStatus ?? 0) >= 500) {
                return `HTTP ${error.httpStatus} with an error page, not NineData's JSON: a gateway in front of NineData may be failing, or it is not NineData's OpenAPI address`;
            }
            return "the answer is not NineData's OpenAPI JSON (an HTML page, a 404): check that it is the base URL of NineData's OpenAPI (without /openapi), not another site or the console's page";
        case 'proxy':
            return 'the proxy did not open the way: check https_proxy / http_proxy and no_proxy';
        default:
            return undefined;
    }
}
/**
 * Whether a failure before NineData ever answered points at the address rather than at an outage:
 * a host name that does not resolve, a connection cut before any answer (TLS or protocol mismatch,
 * such as http:// to an https port), or an answer that is not NineData's. A refused connection, a
 * silence, a proxy's trouble, or a page saying wait (5xx, 429, 408) may be a restart or an outage:
 * ridden out.
 */
function pointsAtAddress(error) {
    if (error.fromNineData)
        return false;
    switch (error.symptom) {
        case 'unresolved':
        case 'cut':
            return true;
        case 'foreign':
            return !isTransientStatus(error.httpStatus ?? 0);
        default:
            return false;
    }
}
/**
 * The proxy from https_proxy / http_proxy did not open the tunnel: the request never reached NineData.
 * Proxies fail for a while (502 while the upstream is down) and are ridden out, except a refusal of
 * the proxy credentials (407), which retrying cannot fix.
 */
function proxyFailure(error) {
    const status = error.proxyStatus;
    const hint = status === 407 ? _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.proxyCredentials : _hints_js__WEBPACK_IMPORTED_MODULE_0__/* .HINTS */ .N.proxy;
    return new ApiError(status === 407 ? 'fatal' : 'transient', error.message, {
        hint,
        mayHaveReachedServer: false,
        symptom: 'proxy'
    });
}


/***/ }),

/***/ 960:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ RUN_STATUSES),
/* harmony export */   V: () => (/* binding */ PRECHECK_STATUSES)
/* harmony export */ });
// The shapes of NineData's OpenAPI as this action uses them (docs/ninedata-api.md). Types only.
/** The documented status values, overall and per item. Failed and Success are terminal. */
const PRECHECK_STATUSES = ['Unstarted', 'Running', 'Failed', 'Success'];
/** The documented run statuses of a comparison run (`stopped`: data comparisons). */
const RUN_STATUSES = ['starting', 'running', 'success', 'failed', 'stopped'];


/***/ }),

/***/ 380:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EJ: () => (/* binding */ startPrecheck),
/* harmony export */   K$: () => (/* binding */ getPrecheckStatus),
/* harmony export */   lx: () => (/* binding */ idProblem)
/* harmony export */ });
/* harmony import */ var _answer_fields_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(936);

// The two precheck calls of a comparison task (schema or data: same calls, same shapes), and strict
// reading of their answers. Reading never changes a character of server text.
const BASE = {
    schema: '/openapi/v1/compareschema/precheck',
    data: '/openapi/v1/comparedata/precheck'
};
function precheckPaths(kind) {
    return { start: `${BASE[kind]}/start`, status: `${BASE[kind]}/status` };
}
/** Longest precheck ID followed; NineData's look like `pcte-` and a few dozen characters. */
const MAX_ID_LENGTH = 128;
// Whitespace, controls, and invisible format characters: never part of an ID to follow.
const ID_PROBLEM = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** Why `id` cannot be an ID to follow, or undefined when it can. */
function idProblem(id) {
    if (id === '')
        return 'it is empty';
    if (id.length > MAX_ID_LENGTH)
        return `it is ${id.length} characters long (at most ${MAX_ID_LENGTH})`;
    if (ID_PROBLEM.test(id))
        return 'it contains whitespace, control or invisible characters';
    return undefined;
}
async function startPrecheck(client, kind, taskId) {
    const call = await client.call('POST', precheckPaths(kind).start, { body: { taskId } });
    return { ...parseStarted(call.data, taskId), call };
}
async function getPrecheckStatus(client, kind, taskId, precheckTaskId) {
    const call = await client.call('GET', precheckPaths(kind).status, {
        query: { taskId, precheckTaskId }
    });
    return parseStatus(call.data, taskId, precheckTaskId);
}
function parseStarted(data, taskId) {
    // Tolerated: a bare precheck ID as `data`, checked like the documented field.
    if (typeof data === 'string')
        data = { precheckTaskId: data };
    if (!(0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(data))
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)('the start call returned no data object');
    const answeredTask = (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .idText */ .FP)(data, 'taskId', 'data');
    if (answeredTask !== '' && answeredTask !== taskId) {
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)(`asked to start a precheck of task ${taskId}, got an answer about task ${answeredTask}`);
    }
    const precheckTaskId = (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .idText */ .FP)(data, 'precheckTaskId', 'data');
    const problem = idProblem(precheckTaskId);
    if (problem)
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)(`data.precheckTaskId of the start call is not an ID to follow: ${problem}`);
    return { taskId, precheckTaskId };
}
function parseStatus(data, taskId, precheckTaskId) {
    if (!(0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(data))
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)('the status call returned no data object');
    const status = (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(data, 'status', 'data');
    if (status.trim() === '')
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)('data.status is missing');
    const answeredTask = (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .idText */ .FP)(data, 'taskId', 'data');
    const answeredPrecheck = (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .idText */ .FP)(data, 'precheckTaskId', 'data');
    // An answer about another precheck must never decide this one.
    if (answeredPrecheck !== '' && answeredPrecheck !== precheckTaskId) {
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)(`asked about precheck ${precheckTaskId}, got an answer about ${answeredPrecheck}`);
    }
    if (answeredTask !== '' && answeredTask !== taskId) {
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)(`asked about task ${taskId}, got an answer about ${answeredTask}`);
    }
    const rawItems = data['precheckItems'];
    if (rawItems !== undefined && rawItems !== null && !Array.isArray(rawItems)) {
        throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)('data.precheckItems is not an array');
    }
    const precheckItems = (rawItems ?? []).map((item, index) => {
        const where = `data.precheckItems[${index}]`;
        if (!(0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u4)(item))
            throw (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .protocolError */ .JW)(`${where} is not an object`);
        return {
            precheckItem: (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(item, 'precheckItem', where),
            itemName: (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(item, 'itemName', where),
            itemDescription: (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(item, 'itemDescription', where),
            status: (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(item, 'status', where),
            errorMessage: (0,_answer_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .text */ .Qq)(item, 'errorMessage', where),
            raw: item
        };
    });
    const itemsMissing = rawItems === undefined || rawItems === null;
    return {
        taskId,
        precheckTaskId,
        status,
        precheckItems,
        ...(itemsMissing ? { itemsMissing } : {})
    };
}


/***/ }),

/***/ 408:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  o: () => (/* binding */ correctionSqlFiles)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/text/wording.ts
var wording = __nccwpck_require__(179);
// EXTERNAL MODULE: ./src/verdict/comparison-verdict.ts
var comparison_verdict = __nccwpck_require__(312);
// EXTERNAL MODULE: ./src/report/report-file.ts
var report_file = __nccwpck_require__(757);
;// CONCATENATED MODULE: ./src/report/correction-sql-file.ts



// The correction SQL file's text: a header of fixed size (written first as INCOMPLETE, rewritten in
// place once the reading ends), the SQL of every differing object in NineData's order, each after a
// comment naming it, and a last line that says again whether the file is complete. Pure: the
// writer (correction-sql-writer.ts) puts the pieces in the file as objects are read.
/** The header's size in bytes, whatever it says: it is rewritten in place at the end. */
const HEADER_BYTES = 640;
function correctionSqlFileName(execId, safe, state) {
    const run = (0,report_file/* fileNamePart */.BQ)(execId, safe, 'run');
    const suffix = state === 'complete' ? '' : state === 'partial' ? '.partial' : '.INCOMPLETE';
    return `ninedata-correction-${run}${suffix}.sql`;
}
const REVIEW = '-- Review before running: it makes the target match the source.';
/** The header while the file is written: a file left like this (the step was killed) is incomplete. */
function headerWhileWriting(execId) {
    return padHeader([
        `-- INCOMPLETE: correction SQL of comparison run ${idText(execId)} from NineData, still being written.`,
        '-- Do not apply it: if this line is still here, the step ended before the file was finished.'
    ]);
}
/** The final header: complete, or INCOMPLETE naming what is missing. Only digits and counts from the server. */
function finalHeader(execId, objects, missing) {
    const run = `comparison run ${idText(execId)}`;
    if (!missing) {
        return padHeader([
            `-- Correction SQL from NineData: ${(0,wording/* plural */.LS)(objects, 'differing object')} of ${run}.`,
            '-- COMPLETE: the SQL of every object of the run that differs.',
            REVIEW
        ]);
    }
    return padHeader([
        `-- INCOMPLETE: NOT the whole correction SQL of ${run}. Do not apply it as a fix.`,
        `-- It holds the SQL of ${(0,wording/* plural */.LS)(objects, 'differing object')}; ${missingLine(missing)}`,
        REVIEW
    ]);
}
/** The last line: a reader of the end of the file sees the same. */
function footer(objects, missing) {
    return missing
        ? `\n-- END: INCOMPLETE (${missingLine(missing)})\n`
        : `\n-- END: COMPLETE, ${(0,wording/* plural */.LS)(objects, 'differing object')}.\n`;
}
/** What is missing, with the first progressIds (digits only). */
function missingLine(missing) {
    const shown = missing.progressIds.slice(0, 10).map(idText);
    const more = missing.count - shown.length;
    const ids = shown.length
        ? `: progressId ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
        : '';
    return `${missing.count} of ${missing.of} objects are missing (${missing.why})${ids}.`;
}
/** One object's SQL after a one-line comment naming it. */
function sqlEntry(object, sql, safe) {
    return sqlEntryParts(object, sql, safe).join('');
}
/** The entry in parts, written one after the other: a 20 KB SQL is not copied into a joined text. */
function sqlEntryParts(object, sql, safe) {
    // The name goes into a one-line comment: a newline in it must not start a statement.
    const name = safe.line((0,comparison_verdict/* objectLabel */.uk)(object), wording/* LIMITS */.b1.name);
    const text = safe.value(sql);
    const head = `\n-- progressId ${safe.line(object.progressId, wording/* LIMITS */.b1.id)}: ${name}\n`;
    return text.endsWith('\n') ? [head, text] : [head, text, '\n'];
}
/**
 * The whole file as the writer leaves it, for the given objects: what a test compares the written
 * file with. Objects without SQL (tables, consistent or unread objects) are not in it.
 */
function correctionSqlText(differences, safe, execId = '', missing) {
    const objects = differences.differing.filter((e) => e.kind === 'object' && Boolean(e.correctSql));
    const entries = objects.map(o => sqlEntry(o, o.correctSql ?? '', safe));
    return `${finalHeader(execId, objects.length, missing)}${entries.join('')}${footer(objects.length, missing)}`;
}
function idText(id) {
    return /^\d{1,40}$/.test(id) ? id : '(unnamed)';
}
/** The lines, cut to fit, padded with spaces to exactly HEADER_BYTES. */
function padHeader(lines) {
    let text = `${lines.join('\n')}\n`;
    while (Buffer.byteLength(text) > HEADER_BYTES - 4)
        text = `${text.slice(0, -40)}\n`;
    return `${text}--${' '.repeat(HEADER_BYTES - Buffer.byteLength(text) - 3)}\n`;
}

;// CONCATENATED MODULE: ./src/report/correction-sql-writer.ts




// The correction SQL file, written as the objects are read so a run of 200 MB of SQL never sits in
// memory: created as `<name>.partial.sql` with an INCOMPLETE header, each differing object's SQL
// appended in NineData's order, and at the end the header rewritten in place and the file renamed:
// `<name>.sql` when every object was read, `<name>.INCOMPLETE.sql` otherwise. A file-system failure
// never turns the verdict: the file is then reported as not written.
/** Opens sinks under RUNNER_TEMP; text goes through `safe` on its way into the file. */
function correctionSqlFiles(safe, folder = runnerTemp()) {
    return execId => new CorrectionSqlWriter(safe, folder, execId);
}
function runnerTemp() {
    return process.env['RUNNER_TEMP'] || (0,external_node_os_namespaceObject.tmpdir)();
}
class CorrectionSqlWriter {
    safe;
    folder;
    execId;
    fd;
    objects = 0;
    failed;
    constructor(safe, folder, execId) {
        this.safe = safe;
        this.folder = folder;
        this.execId = execId;
    }
    path(state) {
        return (0,external_node_path_.join)(this.folder, correctionSqlFileName(this.execId, this.safe, state));
    }
    add(object, sql) {
        if (this.failed !== undefined)
            return;
        try {
            if (this.fd === undefined) {
                (0,external_node_fs_.mkdirSync)(this.folder, { recursive: true });
                this.fd = (0,external_node_fs_.openSync)(this.path('partial'), 'w');
                (0,external_node_fs_.writeSync)(this.fd, headerWhileWriting(this.execId));
            }
            for (const part of sqlEntryParts(object, sql, this.safe))
                (0,external_node_fs_.writeSync)(this.fd, part);
            this.objects++;
        }
        catch (error) {
            this.failed = error.message;
        }
    }
    finish(missing) {
        if (this.fd === undefined && this.failed === undefined)
            return undefined;
        const complete = missing === undefined && this.failed === undefined;
        const facts = {
            path: this.path(complete ? 'complete' : 'incomplete'),
            complete,
            objects: this.objects,
            missing: missing ? `${missing.count} of ${missing.of} objects (${missing.why})` : ''
        };
        if (this.failed !== undefined) {
            this.close();
            return { ...facts, path: this.path('partial'), failed: this.failed };
        }
        try {
            const fd = this.fd;
            (0,external_node_fs_.writeSync)(fd, footer(this.objects, missing));
            (0,external_node_fs_.writeSync)(fd, finalHeader(this.execId, this.objects, missing), 0);
            (0,external_node_fs_.closeSync)(fd);
            this.fd = undefined;
            (0,external_node_fs_.renameSync)(this.path('partial'), facts.path);
            return facts;
        }
        catch (error) {
            this.close();
            return {
                ...facts,
                complete: false,
                path: this.path('partial'),
                failed: error.message
            };
        }
    }
    close() {
        try {
            if (this.fd !== undefined)
                (0,external_node_fs_.closeSync)(this.fd);
        }
        catch {
            // Already closed or gone: nothing more to free.
        }
        this.fd = undefined;
    }
}


/***/ }),

/***/ 298:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  S: () => (/* binding */ publishReport)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./src/text/wording.ts
var wording = __nccwpck_require__(179);
// EXTERNAL MODULE: ./src/status/precheck-status.ts
var precheck_status = __nccwpck_require__(126);
// EXTERNAL MODULE: ./src/verdict/comparison-verdict.ts
var comparison_verdict = __nccwpck_require__(312);
// EXTERNAL MODULE: ./src/report/report-model.ts
var report_model = __nccwpck_require__(486);
;// CONCATENATED MODULE: ./src/report/annotations.ts




// Annotations for failed items and for objects or tables that differ. GitHub shows only 10 error
// (and 10 warning) annotations a step, and the step's own failure message is one of them, so the
// annotations are planned to fit.
const ANNOTATIONS_SHOWN_PER_STEP = 10;
function annotationOf(finding, level, safe) {
    if ('item' in finding) {
        const { item } = finding;
        const message = item.errorMessage.trim()
            ? safe.line(item.errorMessage, wording/* LIMITS */.b1.message)
            : 'NineData gave no reason for this failure.';
        return { level, title: safe.line((0,precheck_status/* itemLabel */.IR)(item), wording/* LIMITS */.b1.name), message };
    }
    const { entry } = finding;
    const message = entry.kind === 'table'
        ? `${entry.differences === undefined ? 'Some records differ' : (0,report_model/* recordsDiffer */.xe)(entry.differences)} between source and target.`
        : 'Source and target differ; the correction-sql-file output has the SQL that makes the target match.';
    return { level, title: `Differs: ${safe.line((0,comparison_verdict/* objectLabel */.uk)(entry), wording/* LIMITS */.b1.name)}`, message };
}
function planAnnotations(report, safe) {
    const findings = [
        ...report.verdict.failedItems.map(item => ({ item })),
        ...(report.run?.differences?.differing ?? []).map(entry => ({ entry }))
    ];
    if (findings.length === 0)
        return [];
    const fails = (0,report_model/* stepFails */.ug)(report);
    const level = fails ? 'error' : 'warning';
    // The failure message of the step takes one place among the errors.
    const room = ANNOTATIONS_SHOWN_PER_STEP - (fails ? 1 : 0);
    if (findings.length <= room)
        return findings.map(f => annotationOf(f, level, safe));
    const shown = findings.slice(0, room - 1).map(f => annotationOf(f, level, safe));
    const rest = findings.length - shown.length;
    const onlyItems = findings.every(f => 'item' in f);
    shown.push(onlyItems
        ? {
            level,
            title: (0,wording/* plural */.LS)(rest, 'more failed check item'),
            message: `${(0,wording/* plural */.LS)(rest, 'more check item')} failed; the job summary lists the failed items first, and the report-file output has every item.`
        }
        : {
            level,
            title: (0,wording/* plural */.LS)(rest, 'more finding'),
            message: `${(0,wording/* plural */.LS)(rest, 'more failed check item or difference', 'more failed check items or differences')}; the job summary lists them first, and the report-file output has every result.`
        });
    return shown;
}

// EXTERNAL MODULE: ./src/status/run-status.ts
var run_status = __nccwpck_require__(986);
// EXTERNAL MODULE: ./src/text/clean.ts
var clean = __nccwpck_require__(118);
;// CONCATENATED MODULE: ./src/report/outputs.ts




// The step's outputs. Pure: returns name -> value, already safe; the publisher sets them.
/**
 * Cap for the JSON outputs `items` and `failed-items`. Workflows pass outputs through environment
 * variables, and Linux refuses a single variable over 128 KiB, so each holds at most this many
 * bytes: whole items, in API order, as many as fit. The report file has them all.
 */
const JSON_OUTPUT_BUDGET_BYTES = 100_000;
/** A JSON array of whole items that fits the budget. Linear: each item is serialised once. */
function jsonArrayWithin(items, budget, safe) {
    const parts = [];
    let size = 2;
    for (const item of items) {
        const plain = JSON.stringify(item.raw);
        // An item far over the budget is not worth the redaction pass that would only drop it.
        if (plain.length > 4 * budget)
            break;
        const json = safe.json(item.raw, plain);
        const extra = Buffer.byteLength(json) + (parts.length > 0 ? 1 : 0);
        if (size + extra > budget)
            break;
        parts.push(json);
        size += extra;
    }
    return { json: `[${parts.join(',')}]`, kept: parts.length };
}
/** A one-value output: the secret hidden, then cut, so a later `env:` can always carry it. */
function scalar(safe, text) {
    return (0,clean/* shorten */.ml)(safe.value(text), wording/* LIMITS */.b1.outputValue);
}
function planOutputs(report, safe, budget = JSON_OUTPUT_BUDGET_BYTES) {
    const values = {};
    const truncated = [];
    if (report.taskId)
        values['task-id'] = scalar(safe, report.taskId);
    if (report.precheckTaskId)
        values['precheck-task-id'] = scalar(safe, report.precheckTaskId);
    if (report.requestId)
        values['request-id'] = scalar(safe, report.requestId);
    const state = report.state;
    values['status'] = scalar(safe, state?.status ?? '');
    if (report.run)
        Object.assign(values, runOutputs(report.run, safe));
    // Without a status, counts stay unset: "" never reads as "0 failed".
    if (!state)
        return { values, truncated };
    values['item-count'] = String(state.precheckItems.length);
    values['failed-count'] = String(report.verdict.failedItems.length);
    for (const [name, list] of [
        ['items', state.precheckItems],
        ['failed-items', report.verdict.failedItems]
    ]) {
        const { json, kept } = jsonArrayWithin(list, budget, safe);
        values[name] = json;
        if (kept < list.length)
            truncated.push({ name, kept, total: list.length });
    }
    return { values, truncated };
}
/** The comparison run's outputs: set whenever a run was started, counts only once they were read. */
function runOutputs(run, safe) {
    const { seen, differences } = run;
    const values = {};
    if (!seen.execId)
        return values;
    values['comparison-exec-id'] = scalar(safe, seen.execId);
    values['comparison-status'] = scalar(safe, seen.last?.status ?? '');
    // A run's row counts are final only once it succeeded: a running run's zeros say nothing.
    const finished = (0,run_status/* canonicalRunStatus */.Y)(seen.last?.status ?? '') === 'success';
    if (seen.kind === 'data' && finished && seen.last?.rows) {
        const rows = seen.last.rows;
        const counts = [
            ['difference-rows', rows.differenceRows],
            ['only-source-rows', rows.onlySourceRows],
            ['only-target-rows', rows.onlyTargetRows],
            ['skipped-tables', rows.skippedTables]
        ];
        for (const [name, n] of counts)
            if (n !== undefined)
                values[name] = String(n);
    }
    // What the gate counts is set only once it could count.
    if (!(0,report_model/* countedDifferences */.$U)(run) || !differences || !seen.results)
        return values;
    values['difference-count'] = String(differences.count);
    if (seen.results.kind === 'schema') {
        values['different-objects'] = String(differences.differing.length);
    }
    else {
        values['different-tables'] = String(seen.results.diffTableCount);
    }
    return values;
}

;// CONCATENATED MODULE: ./src/report/log-lines.ts




// The collapsed log groups at the end: every item, every difference. Every piece of server text goes
// through SafeText.line, so each line is inert.
/** One line per item for the collapsed group at the end, at most `max` of them. */
function itemLines(state, safe, max = wording/* LIMITS */.b1.logItems) {
    // The summary's order (failed, unfinished, succeeded), so a capped list shows every failure it can.
    const ordered = (0,report_model/* orderForReport */.eo)(state.precheckItems);
    const lines = ordered.slice(0, max).map(item => {
        const id = item.precheckItem ? ` [${safe.line(item.precheckItem, wording/* LIMITS */.b1.id)}]` : '';
        const reason = item.errorMessage.trim()
            ? ` — ${safe.line(item.errorMessage, wording/* LIMITS */.b1.message)}`
            : '';
        return `${safe.line(item.status || '(no status)', wording/* LIMITS */.b1.id)}: ${safe.line((0,precheck_status/* itemLabel */.IR)(item), wording/* LIMITS */.b1.name)}${id}${reason}`;
    });
    const left = state.precheckItems.length - lines.length;
    if (left > 0) {
        lines.push(`… and ${(0,wording/* plural */.LS)(left, 'more check item')}, left out to keep the log readable: the report-file output has every item.`);
    }
    return lines;
}
/** One line per object or table that differs, for the collapsed group at the end. */
function differenceLines(differences, safe, max = wording/* LIMITS */.b1.logItems) {
    const lines = differences.differing.slice(0, max).map(entry => {
        const detail = entry.kind === 'table'
            ? entry.differences === undefined
                ? 'differing records not counted'
                : (0,wording/* plural */.LS)(entry.differences, 'differing record')
            : `correction SQL of ${(0,wording/* plural */.LS)(entry.correctSqlLength ?? (entry.correctSql ?? '').length, 'character')}`;
        return `Differs: ${safe.line((0,comparison_verdict/* objectLabel */.uk)(entry), wording/* LIMITS */.b1.name)} [progressId ${safe.line(entry.progressId, wording/* LIMITS */.b1.id)}] — ${detail}`;
    });
    const left = differences.differing.length - lines.length;
    if (left > 0) {
        lines.push(`… and ${left} more: the report-file output has every result.`);
    }
    return lines;
}

// EXTERNAL MODULE: ./src/report/report-file.ts
var report_file = __nccwpck_require__(757);
;// CONCATENATED MODULE: ./src/report/comparison-summary.ts





// The job summary's comparison section: the run's facts, the objects or tables that differ, and
// each object's correction SQL, collapsed. Pure; every piece of server text goes through SafeText.
const RUN_ICON = {
    success: '✅',
    failed: '❌',
    stopped: '🛑',
    running: '⏳',
    starting: '⏳'
};
function runStatusCell(status, safe) {
    const known = (0,run_status/* canonicalRunStatus */.Y)(status);
    if (known)
        return `${RUN_ICON[known] ?? ''}&nbsp;${known}`;
    return `❔&nbsp;<code>${safe.code((0,clean/* visible */.RK)(status), wording/* LIMITS */.b1.id * 6)}</code>`;
}
function factsRows(run, safe) {
    const { seen, differences } = run;
    const code = (text) => `<code>${safe.code(text)}</code>`;
    const rows = [
        ['Comparison run', seen.execId ? code(seen.execId) : '(not started)'],
        ['Run status', seen.last ? runStatusCell(seen.last.status, safe) : '(no status seen)']
    ];
    if (seen.last?.errorMessage.trim()) {
        rows.push(['Message from NineData', safe.html(seen.last.errorMessage, wording/* LIMITS */.b1.message)]);
    }
    const results = seen.results;
    if (results?.kind === 'schema' && differences) {
        // Objects whose SQL was not read (refused, or the step ran out of time) are not verified.
        const unverified = differences.unverified.length;
        rows.push([
            'Objects',
            `${results.objects.length} compared, ${differences.differing.length} differ${unverified ? `, ${unverified} not verified` : ''}`
        ]);
    }
    const r = seen.last?.rows;
    if (r) {
        const total = (0,comparison_verdict/* rowTotal */.ri)(seen.last);
        rows.push([
            'Rows',
            `${total ?? '?'} differ (${r.differenceRows ?? '?'} with other values, ${r.onlySourceRows ?? '?'} only in the source, ${r.onlyTargetRows ?? '?'} only in the target)`
        ]);
        if (results?.kind === 'data') {
            rows.push(['Tables', `${results.totalTableCount} compared, ${results.diffTableCount} differ`]);
        }
        if (r.skippedTables !== undefined)
            rows.push(['Skipped tables', String(r.skippedTables)]);
    }
    if (seen.stop)
        rows.push(['Stop request', seen.stop.sent ? 'sent' : safe.html(seen.stop.message, 500)]);
    return rows;
}
function differenceRow(entry, safe) {
    return (`<tr><td><strong>${safe.html((0,comparison_verdict/* objectLabel */.uk)(entry), wording/* LIMITS */.b1.name)}</strong></td>` +
        `<td><code>${safe.code(entry.progressId)}</code></td><td>${differenceDetail(entry, safe)}</td></tr>\n`);
}
function differenceDetail(entry, safe) {
    if (entry.kind === 'object')
        return 'correction SQL below';
    const records = entry.differences === undefined ? 'records differ' : (0,report_model/* recordsDiffer */.xe)(entry.differences);
    const target = [entry.targetSchemaName, entry.targetTableName].filter(Boolean).join('.');
    const source = [entry.schemaName, entry.tableName].filter(Boolean).join('.');
    return target && target !== source
        ? `${records} (target ${safe.html(target, wording/* LIMITS */.b1.name)})`
        : records;
}
function sqlBlock(entry, safe) {
    return (`<details><summary>${safe.html((0,comparison_verdict/* objectLabel */.uk)(entry), wording/* LIMITS */.b1.name)}</summary>` +
        `<pre>${safe.html(entry.correctSql ?? '', wording/* LIMITS */.b1.sql)}</pre>${sqlCutNote(entry)}</details>\n`);
}
/** Memory kept only the start of a long run's SQL: the file has the rest. */
function sqlCutNote(entry) {
    if (entry.correctSqlLength === undefined)
        return '';
    const left = entry.correctSqlLength - (entry.correctSql ?? '').length;
    return `<p>… ${(0,wording/* plural */.LS)(left, 'more character')}: the correction-sql-file output has the whole SQL.</p>`;
}
/** Adds blocks while they fit `budget` bytes; returns how many were added. Made one at a time. */
function addWithin(parts, blocks, budget) {
    let used = 0;
    let added = 0;
    for (const block of blocks) {
        used += Buffer.byteLength(block);
        if (used > budget)
            break;
        parts.push(block);
        added++;
    }
    return added;
}
/** The first LIMITS.differenceRows entries, each rendered only when it is asked for. */
function* rendered(entries, render) {
    for (const entry of entries.slice(0, wording/* LIMITS */.b1.differenceRows))
        yield render(entry);
}
function renderComparison(run, safe, budget) {
    const rows = factsRows(run, safe);
    const parts = [
        '\n### Comparison run\n\n<table>\n',
        rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join('\n'),
        '\n</table>\n'
    ];
    const differing = run.differences?.differing ?? [];
    if (differing.length === 0)
        return parts.join('');
    const what = differing[0]?.kind === 'table' ? 'Tables' : 'Objects';
    parts.push(`\n### ${what} that differ\n\n<table>\n<thead><tr><th>${what === 'Tables' ? 'Table' : 'Object'}</th><th>progressId</th><th>Difference</th></tr></thead>\n<tbody>\n`);
    const shownRows = rendered(differing, e => differenceRow(e, safe));
    const kept = addWithin(parts, shownRows, budget / 2);
    parts.push('</tbody>\n</table>\n');
    if (kept < differing.length) {
        parts.push(`\n<p>${differing.length - kept} more not shown: the report-file output has every result.</p>\n`);
    }
    const objects = differing.filter((e) => e.kind === 'object');
    if (objects.length > 0) {
        parts.push('\n#### Correction SQL\n\n');
        const room = budget - Buffer.byteLength(parts.join(''));
        const blocks = rendered(objects, e => sqlBlock(e, safe));
        const shown = addWithin(parts, blocks, room);
        if (shown < objects.length) {
            parts.push(`\n<p>The SQL of ${(0,wording/* plural */.LS)(objects.length - shown, 'more object')} is in the correction-sql-file output.</p>\n`);
        }
    }
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/report/job-summary.ts





// The job summary: a heading with the verdict, the facts of the run, and one table row per check
// item, failed items first. Pure: returns the HTML; every piece of server text goes through SafeText.
/** GitHub drops a step summary over 1 MiB whole; stay well below it. */
const SUMMARY_BUDGET_BYTES = 900 * 1024;
const STATUS_ICON = {
    Failed: '❌',
    Success: '✅',
    Running: '⏳',
    Unstarted: '⏸️'
};
function statusCell(status, safe) {
    const canonical = (0,precheck_status/* canonicalStatus */.xX)(status);
    if (canonical)
        return `${STATUS_ICON[canonical] ?? ''}&nbsp;${canonical}`;
    // Not a documented status: show exactly what was sent, invisible characters included.
    return `❔&nbsp;<code>${safe.code((0,clean/* visible */.RK)(status), wording/* LIMITS */.b1.id * 6)}</code>`;
}
/** The verdict in a few words with its icon: the summary's heading, and the PR comment's. */
function verdictHeading(report) {
    const { verdict } = report;
    const what = verdict.phase === 'comparison'
        ? `NineData ${(0,report_model/* comparisonWords */.bz)(report)}`
        : `NineData ${(0,report_model/* comparisonWords */.bz)(report)} precheck`;
    const failed = verdict.phase === 'comparison' && verdict.softenedBy ? 'found differences' : 'failed';
    switch (verdict.kind) {
        case 'passed':
            return verdict.phase === 'comparison' ? `✅ ${what}: no difference` : `✅ ${what} passed`;
        case 'failed':
            return (0,report_model/* stepFails */.ug)(report)
                ? `❌ ${what} ${failed}`
                : `⚠️ ${what} ${failed} (not blocking: ${verdict.softenedBy ?? 'fail-on-failure'} is false)`;
        case 'timeout':
            return `⏱️ ${what} timed out`;
        case 'cancelled':
            return `🛑 ${what}: wait cancelled`;
        case 'error':
            return `❌ ${what}: no verdict`;
    }
}
/**
 * What a green step says, in one line, for a step that does not fail: a precheck pass is not a
 * comparison, and a softened finding is not a pass. Undefined when the step fails.
 */
function greenMeaning(report) {
    if ((0,report_model/* stepFails */.ug)(report))
        return undefined;
    const { verdict } = report;
    if (verdict.passed)
        return verdict.phase === 'comparison'
            ? 'What this green means: the precheck passed and the comparison run found no difference between source and target.'
            : 'What this green means: the precheck passed; no comparison was run, so source and target may still differ.';
    return verdict.phase === 'comparison'
        ? 'What this green means: the step does not block, but the comparison run found differences (`fail-on-difference` is false).'
        : 'What this green means: the step does not block, but the precheck failed (`fail-on-failure` is false) and no comparison was run.';
}
function itemRow(item, withMessage, safe, earlier) {
    const name = (0,precheck_status/* itemLabel */.IR)(item);
    const id = item.precheckItem && item.precheckItem !== name
        ? `<br><sub><code>${safe.code(item.precheckItem)}</code></sub>`
        : '';
    const message = withMessage ? `<td>${safe.html(item.errorMessage, wording/* LIMITS */.b1.message)}</td>` : '';
    return (`<tr><td>${earlier ?? statusCell(item.status, safe)}</td>` +
        `<td><strong>${safe.html(name, wording/* LIMITS */.b1.name)}</strong>${id}</td>` +
        `<td>${safe.html(item.itemDescription, wording/* LIMITS */.b1.description)}</td>${message}</tr>\n`);
}
function taskCell(report, code) {
    const source = report.taskSource;
    const id = report.taskId ? code(report.taskId) : source ? '(none)' : '(not given)';
    if (!source)
        return id;
    const how = source.how === 'created' ? 'created by this run' : 'found by name';
    return `${id} (${report.taskId ? how : 'not found or created'}: ${code(source.taskName)})`;
}
function factsTable(report, safe) {
    const state = report.state;
    const code = (text) => `<code>${safe.code(text)}</code>`;
    const rows = [
        ['Comparison task', taskCell(report, code)],
        ['Comparison', report.comparison ?? '(not known)'],
        ['Precheck', report.precheckTaskId ? code(report.precheckTaskId) : '(none started)'],
        ['Status', state ? statusCell(state.status, safe) : '(no status seen)']
    ];
    if (state) {
        const items = state.precheckItems;
        const succeeded = items.filter(i => (0,precheck_status/* canonicalStatus */.xX)(i.status) === 'Success').length;
        const failedNow = items.filter(i => (0,precheck_status/* canonicalStatus */.xX)(i.status) === 'Failed').length;
        const other = items.length - succeeded - failedNow;
        const parts = [`${failedNow} failed`, `${succeeded} succeeded`];
        if (other > 0)
            parts.push(`${other} without a final status`);
        rows.push(['Check items', `${items.length} (${parts.join(', ')})`]);
    }
    rows.push(['Duration', (0,wording/* formatDuration */.a3)(report.durationMs)]);
    if (report.requestId)
        rows.push(['Last request ID', code(report.requestId)]);
    return `<table>\n${rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`).join('\n')}\n</table>\n`;
}
function itemsTable(items, earlier, budget, safe) {
    const withMessage = [...earlier.map(e => e.item), ...items].some(i => i.errorMessage.trim() !== '');
    const head = '\n### Check items\n\n<table>\n<thead><tr><th>Status</th><th>Check item</th><th>Description</th>' +
        `${withMessage ? '<th>Message from NineData</th>' : ''}</tr></thead>\n<tbody>\n`;
    const tail = '</tbody>\n</table>\n';
    // Room kept for the closing tags and the line that counts what was left out.
    let used = Buffer.byteLength(head) + Buffer.byteLength(tail) + 600;
    const rows = [];
    // Items seen Failed earlier come first: they keep the step red even if NineData dropped them.
    const ordered = [...earlier.map(e => e.item), ...(0,report_model/* orderForReport */.eo)(items)];
    for (const [index, item] of ordered.entries()) {
        const row = itemRow(item, withMessage, safe, earlier[index]?.mark);
        used += Buffer.byteLength(row);
        if (used > budget)
            break;
        rows.push(row);
    }
    const left = ordered.slice(rows.length);
    const failedLeft = left.filter(i => (0,report_model/* statusRank */.Tx)(i) === 0).length;
    const note = left.length === 0
        ? ''
        : `\n<p>${(0,wording/* plural */.LS)(left.length, 'more check item')}${failedLeft ? ` (${failedLeft} of them failed)` : ''} ` +
            `not shown: GitHub drops a job summary over 1 MiB. The report-file output has every item.</p>\n`;
    return `${head}${rows.join('')}${tail}${note}`;
}
function renderSummary(report, safe, budgetBytes = SUMMARY_BUDGET_BYTES) {
    const parts = [`## ${verdictHeading(report)}\n\n`];
    const reason = `<p>${(0,clean/* codeSpans */.tE)(safe.html(report.verdict.reason, wording/* LIMITS */.b1.reason))}</p>\n\n`;
    const hint = report.hint ? `<p>💡 ${(0,clean/* codeSpans */.tE)(safe.html(report.hint, 1000))}</p>\n\n` : '';
    parts.push(...(report.hintFirst ? [hint, reason] : [reason, hint]));
    const green = greenMeaning(report);
    if (green)
        parts.push(`<p>${(0,clean/* codeSpans */.tE)(safe.html(green, 1000))}</p>\n\n`);
    parts.push(factsTable(report, safe));
    // The comparison section is small next to a large precheck: it is rendered first and kept.
    const comparison = report.run ? renderComparison(report.run, safe, budgetBytes / 2) : '';
    const used = () => Buffer.byteLength(parts.join('')) + Buffer.byteLength(comparison);
    const items = report.state?.precheckItems ?? [];
    const current = new Set(items);
    const earlier = [
        ...report.verdict.failedItems
            .filter(item => !current.has(item))
            .map(item => ({ item, mark: '❌&nbsp;Failed at an earlier poll' })),
        ...report.vanished.map(item => ({ item, mark: '❔&nbsp;Gone from the last answer' }))
    ];
    if (items.length === 0 && earlier.length === 0) {
        if (report.state)
            parts.push('\n<p>NineData returned no check items.</p>\n');
    }
    else {
        parts.push(itemsTable(items, earlier, budgetBytes - used(), safe));
    }
    parts.push(comparison);
    return parts.join('');
}

// EXTERNAL MODULE: ./src/error-message.ts
var error_message = __nccwpck_require__(587);
;// CONCATENATED MODULE: ./src/report/junit-report.ts






// The JUnit XML report, the one test format every CI reads (GitLab's merge request widget, Jenkins'
// junit step, GitHub test-report actions). One suite for the precheck (a case per check item), one
// for the comparison run (a case per object or table), each led by a case that carries the phase's
// verdict, so a verdict no item explains (an undocumented status, a timeout) is never green. Pure:
// returns the text; every piece of server text goes through SafeText.xml.
/** The file's cap. Whole test cases as many as fit; the rest are counted in one closing case. */
const JUNIT_BUDGET_BYTES = 4 * 1024 * 1024;
/** Room kept for the verdict cases, the closing cases and the suites' own lines. */
const RESERVED_BYTES = 128 * 1024;
function junitFileName(report, safe) {
    return `ninedata-junit-${(0,report_file/* fileNamePart */.BQ)(report.precheckTaskId, safe, 'report')}.xml`;
}
function junitReportText(report, safe, budget = JUNIT_BUDGET_BYTES) {
    return junitReportParts(report, safe, budget).join('');
}
/** The report in parts, in order: written one after the other, never joined in memory. */
function junitReportParts(report, safe, budget = JUNIT_BUDGET_BYTES) {
    const suites = [precheckSuite(report)];
    if (report.run)
        suites.push(comparisonSuite(report));
    let room = budget - RESERVED_BYTES;
    const rendered = suites.map(suite => {
        const kept = [];
        const counts = { tests: 1, failures: 0, errors: 0 };
        const count = (c) => {
            if (c.outcome === 'failure')
                counts.failures++;
            if (c.outcome === 'error')
                counts.errors++;
        };
        count(suite.verdict);
        let index = 0;
        for (; index < suite.cases.length; index++) {
            const testCase = suite.cases[index];
            const xml = renderCase(testCase, suite.classname, safe);
            const size = Buffer.byteLength(xml);
            if (size > room)
                break;
            room -= size;
            kept.push(xml);
            counts.tests++;
            count(testCase);
        }
        const left = suite.cases.slice(index);
        if (left.length > 0) {
            const closing = leftOutCase(left, suite.what);
            kept.push(renderCase(closing, suite.classname, safe));
            counts.tests++;
            count(closing);
        }
        const verdict = renderCase(suite.verdict, suite.classname, safe);
        return { suite, counts, body: [verdict, ...kept] };
    });
    return junit_report_document(report, rendered, safe);
}
function junit_report_document(report, rendered, safe) {
    const time = (report.durationMs / 1000).toFixed(3);
    const total = { tests: 0, failures: 0, errors: 0 };
    for (const { counts } of rendered) {
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.errors += counts.errors;
    }
    const attrs = (c) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0"`;
    const suites = rendered.flatMap(({ suite, counts, body }) => [
        `  <testsuite name="${attr(safe, suite.name)}" ${attrs(counts)} time="${time}">\n`,
        ...body,
        '  </testsuite>\n'
    ]);
    return [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        `<testsuites name="NineData precheck gate" ${attrs(total)} time="${time}">\n`,
        ...suites,
        '</testsuites>\n'
    ];
}
const attr = (safe, text, max = wording/* LIMITS */.b1.name) => safe.xml(text, max, true);
function renderCase(testCase, classname, safe) {
    const head = `    <testcase classname="${attr(safe, classname)}" name="${attr(safe, testCase.name)}"`;
    if (testCase.outcome === 'passed') {
        const out = testCase.text
            ? `<system-out>${safe.xml(testCase.text, wording/* LIMITS */.b1.reason)}</system-out>`
            : '';
        return out ? `${head}>${out}</testcase>\n` : `${head}/>\n`;
    }
    const message = attr(safe, testCase.message ?? '', wording/* LIMITS */.b1.description);
    const text = safe.xml(testCase.text ?? '', testCase.textMax ?? wording/* LIMITS */.b1.message);
    const tag = testCase.outcome;
    return `${head}>\n      <${tag} message="${message}" type="${tag === 'failure' ? 'Failed' : 'NotVerified'}">${text}</${tag}>\n    </testcase>\n`;
}
/** The phase's verdict as a case: red whenever the step fails on it, whatever its items say. */
function verdictCase(name, verdict, fails, hint) {
    const reason = hint ? `${verdict.reason} ${hint}` : verdict.reason;
    if (verdict.passed || !fails)
        return { name, outcome: 'passed', text: reason };
    const outcome = verdict.kind === 'failed' ? 'failure' : 'error';
    return { name, outcome, message: reason, text: reason, textMax: wording/* LIMITS */.b1.reason };
}
function leftOutCase(left, what) {
    const outcome = left.some(c => c.outcome === 'failure')
        ? 'failure'
        : left.some(c => c.outcome === 'error')
            ? 'error'
            : 'passed';
    const failing = left.filter(c => c.outcome !== 'passed').length;
    const text = `${(0,wording/* plural */.LS)(left.length, `more ${what.replace(/s$/, '')}`, `more ${what}`)} (${failing} of them not passed) left out to keep this file under ${JUNIT_BUDGET_BYTES / 1024 / 1024} MiB: the report file has every one.`;
    return { name: `${left.length} more ${what}`, outcome, message: text, text };
}
function precheckSuite(report) {
    const onPrecheck = report.verdict.phase === 'precheck';
    const verdict = onPrecheck
        ? verdictCase('Precheck verdict', report.verdict, (0,report_model/* stepFails */.ug)(report), report.hint)
        : { name: 'Precheck verdict', outcome: 'passed', text: 'The precheck passed.' };
    const items = report.state ? (0,report_model/* orderForReport */.eo)(report.state.precheckItems) : [];
    const failedNow = new Set(items.filter(i => (0,precheck_status/* canonicalStatus */.xX)(i.status) === 'Failed'));
    const earlier = report.verdict.failedItems.filter(i => !failedNow.has(i));
    return {
        name: `NineData precheck ${report.precheckTaskId || '(not started)'} of task ${report.taskId}`,
        classname: `ninedata.precheck.${report.taskId || 'task'}`,
        verdict,
        cases: [
            ...items.map(itemCase),
            ...earlier.map(i => seenCase(i, 'failure', 'seen Failed at an earlier poll: it counts as failed, whatever NineData reports now')),
            ...report.vanished.map(i => seenCase(i, 'error', 'listed at an earlier poll, no longer listed in the last answer'))
        ],
        what: 'check items'
    };
}
function caseName(item) {
    return item.precheckItem ? `${(0,precheck_status/* itemLabel */.IR)(item)} [${item.precheckItem}]` : (0,precheck_status/* itemLabel */.IR)(item);
}
function itemCase(item) {
    const status = (0,precheck_status/* canonicalStatus */.xX)(item.status);
    const said = item.errorMessage.trim();
    if (status === 'Success')
        return { name: caseName(item), outcome: 'passed' };
    if (status === 'Failed') {
        const message = said || 'NineData gave no reason for this failure.';
        return { name: caseName(item), outcome: 'failure', message, text: message };
    }
    const message = `No final status: NineData reported ${item.status ? (0,clean/* visible */.RK)(item.status) : 'no status'}.${said ? ` ${said}` : ''}`;
    return { name: caseName(item), outcome: 'error', message, text: message };
}
function seenCase(item, outcome, why) {
    const said = item.errorMessage.trim();
    const message = `${(0,precheck_status/* itemLabel */.IR)(item)} was ${why}.${said ? ` ${said}` : ''}`;
    return { name: `${caseName(item)} (earlier answer)`, outcome, message, text: message };
}
function comparisonSuite(report) {
    const run = report.run;
    if (!run)
        throw new Error('comparisonSuite needs a run');
    const results = run.seen.results;
    const entries = results?.kind === 'schema' ? results.objects : (results?.tables ?? []);
    const execId = run.seen.execId || '(not started)';
    return {
        name: `NineData ${run.seen.kind} comparison run ${execId} of task ${report.taskId}`,
        classname: `ninedata.comparison.${report.taskId || 'task'}`,
        verdict: verdictCase('Comparison run verdict', run.verdict, (0,report_model/* stepFails */.ug)(report), report.hint),
        cases: entries.map(resultCase),
        what: 'results'
    };
}
function resultCase(entry) {
    const name = `${(0,comparison_verdict/* objectLabel */.uk)(entry)} [progressId ${entry.progressId}]`;
    if (entry.unreadable !== undefined) {
        const message = `The result could not be read, so it is not verified: ${entry.unreadable}`;
        return { name, outcome: 'error', message, text: message };
    }
    if ('tableName' in entry) {
        if ((entry.differences ?? 0) === 0)
            return { name, outcome: 'passed' };
        const message = `${(0,report_model/* recordsDiffer */.xe)(entry.differences ?? 0)} between source and target.`;
        return { name, outcome: 'failure', message, text: message };
    }
    if (entry.correctSql === undefined) {
        const message = 'The correction SQL could not be read, so this object is not verified.';
        return { name, outcome: 'error', message, text: message };
    }
    if (entry.correctSql === '')
        return { name, outcome: 'passed' };
    return {
        name,
        outcome: 'failure',
        message: 'Source and target differ; the text is the SQL that makes the target match.',
        text: entry.correctSql,
        textMax: wording/* LIMITS */.b1.sql
    };
}

;// CONCATENATED MODULE: ./src/report/publish-report.ts











// The report's way out: the only place that writes outputs, annotations, files, the summary and the
// step's result, onto whichever runner surface it is given. Every text passes through SafeText on its
// way out, and no failure of the runner's environment (an unwritable GITHUB_OUTPUT, a full disk) can
// turn the verdict.
/** The report files are written in batches of about this many characters. */
const WRITE_BATCH = 64 * 1024;
/**
 * Outputs, annotations, report files, summary and the step's result: the same on every way out.
 * False when reporting itself crashed (the step was failed with what could be said).
 */
async function publishReport(report, log, surface, writeSummary) {
    try {
        logGroups(report, log);
        setOutputs(report, log, surface);
        for (const annotation of planAnnotations(report, log.safe))
            surface.annotate(annotation.level, annotation.title, annotation.message);
        if (writeSummary)
            await writeJobSummary(report, log, surface);
        conclude(report, log, surface);
        return true;
    }
    catch (error) {
        await publishCrash(error, log, surface);
        return false;
    }
}
function logGroups(report, log) {
    const state = report.state;
    if (state) {
        const title = `All ${(0,wording/* plural */.LS)(state.precheckItems.length, 'check item')} of precheck ${state.precheckTaskId}`;
        log.group(title, itemLines(state, log.safe));
    }
    const run = report.run;
    if (run?.differences && run.differences.differing.length > 0) {
        const title = `Differences found by comparison run ${run.seen.execId}`;
        log.group(title, differenceLines(run.differences, log.safe));
    }
}
/** A bug while reporting: still a failed step with a readable message and a summary. */
async function publishCrash(error, log, surface) {
    const message = `The action crashed while writing its report: ${(0,error_message/* errorMessage */.g)(error)}`;
    surface.fail(log.safe.line(message));
    try {
        await surface.writeSummary(`## ❌ NineData precheck gate crashed\n\n<p>${log.safe.html(message, wording/* LIMITS */.b1.reason)}</p>\n`);
    }
    catch {
        // No summary file: the failure message above is all that can be left.
    }
}
function setOutputs(report, log, surface) {
    const { values, truncated } = planOutputs(report, log.safe);
    const write = (kind, what, name, parts) => writeFile(what, surface.reportPath(kind, name), parts, log);
    if (report.state || report.run) {
        const parts = (0,report_file/* reportFileParts */.fF)(report, log.safe);
        const file = write('report', 'report file', (0,report_file/* reportFileName */.cq)(report, log.safe), parts);
        if (file)
            values['report-file'] = log.safe.value(file);
    }
    const sqlFile = report.run && correctionSqlOutput(report.run, log, surface);
    if (sqlFile)
        values['correction-sql-file'] = sqlFile;
    const junit = junitReportParts(report, log.safe);
    const junitFile = write('junit', 'JUnit report', junitFileName(report, log.safe), junit);
    if (junitFile)
        values['junit-file'] = log.safe.value(junitFile);
    const failed = [];
    for (const [name, value] of Object.entries(values)) {
        try {
            surface.setOutput(name, value);
        }
        catch {
            failed.push(name);
        }
    }
    if (failed.length > 0) {
        log.warning(`Could not write the step's outputs (${failed.join(', ')}): GITHUB_OUTPUT is not writable. The verdict stands.`);
    }
    for (const cut of truncated) {
        log.info(`The ${cut.name} output holds the first ${cut.kept} of ${cut.total} items (it is capped at 100 KB); the report-file output has them all.`);
    }
}
/**
 * The correction SQL file was written while the results were read: it is handed over only when it
 * holds every differing object's SQL and the gate counted the differences, at the place the surface
 * keeps it. Otherwise it keeps its INCOMPLETE name and header, and the log says why it is not the
 * output.
 */
function correctionSqlOutput(run, log, surface) {
    const file = run.seen.correctionSqlFile;
    if (!file)
        return undefined;
    if (file.failed !== undefined) {
        log.warning(`Could not write the correction SQL file ${file.path}: ${file.failed}`);
        return undefined;
    }
    if (file.complete && (0,report_model/* countedDifferences */.$U)(run)) {
        const path = surface.reportPath('correction-sql', (0,external_node_path_.basename)(file.path));
        try {
            if (path !== file.path)
                (0,external_node_fs_.renameSync)(file.path, path);
            return log.safe.value(path);
        }
        catch (error) {
            log.warning(`Could not move the correction SQL file ${file.path} to ${path}: ${(0,error_message/* errorMessage */.g)(error)}`);
            return undefined;
        }
    }
    const what = file.complete ? 'the results were not verified' : `it is INCOMPLETE: ${file.missing}`;
    log.warning(`The correction SQL file ${file.path} is not set as correction-sql-file (${what}), so no later step applies half a fix.`);
    return undefined;
}
/** Writes a report file; its path, or undefined (with a warning) when it failed. */
/** Writes the parts one after the other, in batches of about WRITE_BATCH characters. */
function writeFile(what, path, parts, log) {
    let fd;
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
        fd = (0,external_node_fs_.openSync)(path, 'w');
        let batch = [];
        let size = 0;
        for (const part of parts) {
            batch.push(part);
            size += part.length;
            if (size < WRITE_BATCH)
                continue;
            (0,external_node_fs_.writeSync)(fd, batch.join(''));
            batch = [];
            size = 0;
        }
        (0,external_node_fs_.writeSync)(fd, batch.join(''));
        const done = fd;
        fd = undefined;
        (0,external_node_fs_.closeSync)(done);
        return path;
    }
    catch (error) {
        if (fd !== undefined)
            closeQuietly(fd);
        log.warning(`Could not write the ${what} ${path}: ${(0,error_message/* errorMessage */.g)(error)}`);
        return undefined;
    }
}
function closeQuietly(fd) {
    try {
        (0,external_node_fs_.closeSync)(fd);
    }
    catch {
        // Gone already: nothing more to free.
    }
}
async function writeJobSummary(report, log, surface) {
    try {
        await surface.writeSummary(renderSummary(report, log.safe));
    }
    catch (error) {
        log.warning(`Could not write the job summary: ${(0,error_message/* errorMessage */.g)(error)}`);
    }
}
function conclude(report, log, surface) {
    const { hint } = report;
    const said = report.verdict.reason;
    const reason = hint ? (report.hintFirst ? `${hint} ${said}` : `${said} ${hint}`) : said;
    if ((0,report_model/* stepFails */.ug)(report)) {
        surface.fail(log.safe.line(reason));
    }
    else if (!report.verdict.passed) {
        const input = report.verdict.softenedBy ?? 'fail-on-failure';
        log.warning(`${reason} The step passes because ${input} is false.`);
    }
    else {
        log.info(reason);
    }
}


/***/ }),

/***/ 757:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BQ: () => (/* binding */ fileNamePart),
/* harmony export */   cq: () => (/* binding */ reportFileName),
/* harmony export */   fF: () => (/* binding */ reportFileParts)
/* harmony export */ });
// The report file: the whole report as JSON, uncapped, for later steps and artifacts. Pure: returns
// the file name and the text in parts; the publisher writes them.
/**
 * A part of a file name made from an ID: safe characters only, nothing that could leave the folder.
 * The name is an output too: when the ID, or what the replacements make of it, carries the secret,
 * the fallback is used instead.
 */
function fileNamePart(id, safe, fallback) {
    const part = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
    return part && safe.value(id) === id && safe.value(part) === part ? part : fallback;
}
function reportFileName(report, safe) {
    return `ninedata-precheck-${fileNamePart(report.precheckTaskId, safe, 'report')}.json`;
}
/**
 * The report file's text in parts: a run of 10,000 objects is written entry by entry, never held as
 * one string beside the results it is made of.
 */
function reportFileParts(report, safe) {
    const entries = report.run ? runEntries(report.run) : [];
    if (entries.length === 0)
        return [safe.json(reportRecord(report, entries))];
    // The entries are the last key of the run, itself the last key of the report.
    const head = safe.json(reportRecord(report, []));
    if (!head.endsWith('[]}}'))
        return [safe.json(reportRecord(report, entries))];
    return safe.jsonParts(head.slice(0, -3), entries, head.slice(-3));
}
function reportRecord(report, entries) {
    const { verdict, state } = report;
    return {
        taskId: report.taskId,
        ...(report.taskSource ? { task: report.taskSource } : {}),
        precheckTaskId: report.precheckTaskId,
        comparison: report.comparison ?? null,
        status: state?.status ?? null,
        items: state?.precheckItems.map(item => item.raw) ?? [],
        failedItems: verdict.failedItems.map(item => item.raw),
        verdict: { kind: verdict.kind, passed: verdict.passed, reason: verdict.reason },
        requestId: report.requestId || null,
        durationMs: report.durationMs,
        ...(report.run ? { comparisonRun: runSection(report.run, entries) } : {})
    };
}
/** The comparison run: its status and every object or table result as received, with the SQL. */
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
        ...(seen.correctionSqlFile ? { correctionSqlFile: seen.correctionSqlFile } : {}),
        ...(results?.kind === 'schema' ? { total: results.total, objects: entries } : {}),
        ...(results?.kind === 'data'
            ? {
                totalTableCount: results.totalTableCount,
                diffTableCount: results.diffTableCount,
                tables: entries
            }
            : {})
    };
}
/** Every object or table result of the run, as the file shows it. */
function runEntries(run) {
    const results = run.seen.results;
    if (results?.kind === 'schema') {
        return results.objects.map(o => ({
            progressId: o.progressId,
            result: o.raw,
            correctSql: o.correctSql ?? null,
            ...(o.correctSqlLength !== undefined
                ? { correctSqlLength: o.correctSqlLength, correctSqlCut: true }
                : {}),
            ...(o.unreadable !== undefined ? { unreadable: o.unreadable } : {})
        }));
    }
    if (results?.kind === 'data') {
        return results.tables.map(t => ({
            progressId: t.progressId,
            result: t.raw,
            differences: t.differences ?? null,
            ...(t.unreadable !== undefined ? { unreadable: t.unreadable } : {})
        }));
    }
    return [];
}


/***/ }),

/***/ 486:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $U: () => (/* binding */ countedDifferences),
/* harmony export */   EI: () => (/* binding */ reportOf),
/* harmony export */   Tx: () => (/* binding */ statusRank),
/* harmony export */   bz: () => (/* binding */ comparisonWords),
/* harmony export */   eo: () => (/* binding */ orderForReport),
/* harmony export */   ug: () => (/* binding */ stepFails),
/* harmony export */   xe: () => (/* binding */ recordsDiffer)
/* harmony export */ });
/* harmony import */ var _ending_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(880);
/* harmony import */ var _status_precheck_status_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(126);
/* harmony import */ var _text_wording_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(179);
/* harmony import */ var _verdict_comparison_verdict_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(312);




/** What to show, assembled from the step's facts and its verdict. */
function reportOf(step, durationMs) {
    const { inputs, gate, decided } = step;
    const verdict = decided.step;
    const precheckSeen = gate?.precheck;
    const run = gate?.comparison && decided.comparison
        ? runReport(gate.comparison, decided.comparison)
        : undefined;
    const ending = verdict.phase === 'comparison' && run ? run.seen.ending : (precheckSeen?.ending ?? step.refused);
    return {
        verdict,
        comparison: inputs?.comparison,
        taskId: gate?.task.taskId || inputs?.taskId || step.taskId,
        taskSource: gate && gate.task.how !== 'given'
            ? { how: gate.task.how, taskName: gate.task.taskName }
            : undefined,
        precheckTaskId: precheckSeen?.precheckTaskId ?? inputs?.precheckTaskId ?? '',
        state: precheckSeen?.last,
        vanished: precheckSeen?.vanished ?? [],
        requestId: gate?.requestId ?? '',
        durationMs,
        failOnFailure: inputs?.failOnFailure ?? true,
        failOnDifference: inputs?.failOnDifference ?? true,
        hint: ending && (0,_ending_js__WEBPACK_IMPORTED_MODULE_0__/* .endingHint */ .rK)(ending),
        hintFirst: ending !== undefined && (0,_ending_js__WEBPACK_IMPORTED_MODULE_0__/* .hintLeads */ .H2)(ending),
        run
    };
}
function runReport(seen, verdict) {
    return {
        seen,
        verdict,
        differences: seen.results ? (0,_verdict_comparison_verdict_js__WEBPACK_IMPORTED_MODULE_2__/* .differencesOf */ .g6)(seen.results, seen.last) : undefined
    };
}
/** Whether the step fails: only plain findings are softened, by their own input. */
function stepFails(report) {
    const { verdict } = report;
    if (verdict.passed)
        return false;
    if (verdict.softenedBy === 'fail-on-failure')
        return report.failOnFailure;
    if (verdict.softenedBy === 'fail-on-difference')
        return report.failOnDifference;
    return true;
}
/**
 * The differences, only when the gate could count them: every result read and understood. A
 * timeout, an unreadable object or contradicting counts give undefined, never a partial "0".
 */
function countedDifferences(run) {
    const counted = run.verdict.passed || run.verdict.softenedBy === 'fail-on-difference';
    return counted ? run.differences : undefined;
}
/** "1 record differs", "2 records differ". */
function recordsDiffer(n) {
    return `${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(n, 'record')} ${n === 1 ? 'differs' : 'differ'}`;
}
/** "schema comparison" / "data comparison" / "comparison". */
function comparisonWords(report) {
    return report.comparison ? `${report.comparison} comparison` : 'comparison';
}
/** 0 for a Failed item, 1 for one without a final status, 2 for a Success. */
function statusRank(item) {
    const status = (0,_status_precheck_status_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalStatus */ .xX)(item.status);
    return status === 'Failed' ? 0 : status === 'Success' ? 2 : 1;
}
/** Failed items first, then the ones without a final status, then the rest; API order within each. */
function orderForReport(items) {
    return items
        .map((item, index) => ({ item, index, rank: statusRank(item) }))
        .sort((a, b) => a.rank - b.rank || a.index - b.index)
        .map(entry => entry.item);
}


/***/ }),

/***/ 126:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $T: () => (/* binding */ isFinalStatus),
/* harmony export */   IR: () => (/* binding */ itemLabel),
/* harmony export */   Is: () => (/* binding */ isSettled),
/* harmony export */   VG: () => (/* binding */ itemsMissingAtEnd),
/* harmony export */   k4: () => (/* binding */ ItemHistory),
/* harmony export */   uh: () => (/* binding */ oddItems),
/* harmony export */   xX: () => (/* binding */ canonicalStatus),
/* harmony export */   zU: () => (/* binding */ MAX_TRACKED_ITEMS)
/* harmony export */ });
/* harmony import */ var _ninedata_api_types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(960);
/* harmony import */ var _status_word_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(543);


// The precheck's status vocabulary: which strings are documented statuses, when an answer is final,
// and what the items of every poll add up to. Pure.
/** The documented status a server string stands for: ASCII only, spaces trimmed, case ignored. */
function canonicalStatus(status) {
    return (0,_status_word_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalWord */ .h)(status, _ninedata_api_types_js__WEBPACK_IMPORTED_MODULE_1__/* .PRECHECK_STATUSES */ .V);
}
const isFinalStatus = (s) => s === 'Success' || s === 'Failed';
function itemLabel(item) {
    return item.itemName || item.precheckItem || '(unnamed item)';
}
/** Items whose status is not one NineData documents (empty, look-alikes, anything else). */
function oddItems(state) {
    return state.precheckItems.filter(item => canonicalStatus(item.status) === undefined);
}
/** A Success without the list of items it stands for: nothing to verify, so not a pass. */
function itemsMissingAtEnd(state) {
    return state.itemsMissing === true && canonicalStatus(state.status) === 'Success';
}
/** Whether the answer is final: a verdict can be given now, without waiting for another poll. */
function isSettled(state) {
    const overall = canonicalStatus(state.status);
    if (overall === undefined || oddItems(state).length > 0 || itemsMissingAtEnd(state))
        return true;
    if (overall === 'Failed')
        return true;
    return (overall === 'Success' &&
        state.precheckItems.every(i => isFinalStatus(canonicalStatus(i.status))));
}
/** More distinct items than this across all polls cannot be a real precheck: never a pass. */
const MAX_TRACKED_ITEMS = 200_000;
/**
 * Every item seen at any poll of a precheck. A failure stays a failure, and an item that was seen
 * once must still be there, and succeed, at the end.
 */
class ItemHistory {
    seen = new Map();
    failed = new Map();
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
            if (canonicalStatus(item.status) === 'Failed')
                this.failed.set(key, item);
        });
    }
    /** Items seen Failed earlier that `last` no longer reports as Failed. */
    failedEarlier(last) {
        const failedNow = keysOf(last, item => canonicalStatus(item.status) === 'Failed');
        return [...this.failed.entries()].filter(([key]) => !failedNow.has(key)).map(([, i]) => i);
    }
    /** Items seen at an earlier poll that `last` does not list at all (failed ones aside). */
    vanished(last) {
        const listed = keysOf(last, () => true);
        return [...this.seen.entries()]
            .filter(([key]) => !listed.has(key) && !this.failed.has(key))
            .map(([, item]) => item);
    }
}
function keysOf(state, keep) {
    const keys = new Set();
    state?.precheckItems.forEach((item, index) => {
        if (keep(item))
            keys.add(itemKey(item, index));
    });
    return keys;
}
/** An item's identity across polls: its identifier and name, or its place when it has neither. */
function itemKey(item, index) {
    return item.precheckItem || item.itemName
        ? `${item.precheckItem}\u0000${item.itemName}`
        : `#${index}`;
}


/***/ }),

/***/ 986:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ isRunSettled),
/* harmony export */   Y: () => (/* binding */ canonicalRunStatus)
/* harmony export */ });
/* harmony import */ var _ninedata_api_types_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(960);
/* harmony import */ var _status_word_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(543);


// A comparison run's status vocabulary: starting and running are waited on; success, failed and
// stopped are final; anything else is undocumented, never a pass and never waited on. Pure.
function canonicalRunStatus(status) {
    return (0,_status_word_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalWord */ .h)(status, _ninedata_api_types_js__WEBPACK_IMPORTED_MODULE_1__/* .RUN_STATUSES */ .L);
}
/** Whether a run status ends the wait: a documented final status, or one this action does not know. */
function isRunSettled(status) {
    const run = canonicalRunStatus(status);
    return run !== 'starting' && run !== 'running';
}


/***/ }),

/***/ 543:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ canonicalWord)
/* harmony export */ });
// Matching a status word from the server against a documented vocabulary. Pure, and linear in the
// text: a status is server text, and a trim regex is quadratic on long runs of spaces.
/** Longer than any documented status word: never one of them. */
const LONGEST_WORD = 16;
/** The documented word `text` stands for: ASCII only, spaces and tabs trimmed, case ignored. */
function canonicalWord(text, vocabulary) {
    let from = 0;
    let to = text.length;
    while (from < to && isSpace(text.charCodeAt(from)))
        from++;
    while (to > from && isSpace(text.charCodeAt(to - 1)))
        to--;
    if (to - from > LONGEST_WORD)
        return undefined;
    const word = text.slice(from, to);
    // Non-ASCII never matches: toLowerCase would fold some look-alikes (e.g. the Kelvin sign).
    for (let i = 0; i < word.length; i++)
        if (word.charCodeAt(i) > 0x7e)
            return undefined;
    const lower = word.toLowerCase();
    return vocabulary.find(w => w.toLowerCase() === lower);
}
function isSpace(code) {
    return code === 0x20 || code === 0x09;
}


/***/ }),

/***/ 295:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ watchSignals)
/* harmony export */ });
/**
 * SIGINT/SIGTERM from the runner: cancel the wait and the pull request comment; once the verdict is
 * reached, only the comment (the summary and outputs are still written: they are local and quick).
 */
function watchSignals(log) {
    const wait = new AbortController();
    const comment = new AbortController();
    let reached = false;
    const onSignal = (signal) => {
        if (comment.signal.aborted)
            return;
        comment.abort();
        if (reached) {
            log.warning(`Received ${signal} after the verdict was reached: finishing the summary; no pull request comment is written.`);
        }
        else {
            log.warning(`Received ${signal}: the wait was cancelled; reporting what was seen so far.`);
            wait.abort();
        }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: wait.signal,
        commentSignal: comment.signal,
        verdictReached: () => (reached = true),
        release: () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        }
    };
}


/***/ }),

/***/ 445:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ZG: () => (/* binding */ clearReports),
  c9: () => (/* binding */ cliSurface)
});

// UNUSED EXPORTS: CLI_REPORT_FILES

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./src/surface/cli-surface.ts



// Any other CI's shell (GitLab CI, Jenkins, a terminal): plain lines on stdout, no workflow
// commands; on GitLab the groups are collapsible sections. The report files get fixed names in the
// report folder, so a pipeline can name them before the run (artifacts: reports: junit:).
const CLI_REPORT_FILES = {
    summary: 'summary.md',
    report: 'report.json',
    junit: 'junit.xml',
    'correction-sql': 'correction.sql'
};
function cliSurface(options) {
    const out = options.out ?? ((line) => void process.stdout.write(`${line}\n`));
    const err = options.err ?? ((line) => void process.stderr.write(`${line}\n`));
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    let sections = 0;
    return {
        info: out,
        warning: line => out(`Warning: ${line}`),
        error: line => err(`Error: ${line}`),
        debug: line => {
            if (options.debug)
                out(`Debug: ${line}`);
        },
        group: (title, lines) => {
            if (!options.gitlab) {
                out(`${title}:`);
                for (const line of lines)
                    out(`  ${line}`);
                return;
            }
            // Lines are inert (no control character), so none can end or forge a section.
            const name = `ninedata_gate_${++sections}`;
            out(`\x1b[0Ksection_start:${now()}:${name}[collapsed=true]\r\x1b[0K${title}`);
            for (const line of lines)
                out(line);
            out(`\x1b[0Ksection_end:${now()}:${name}\r\x1b[0K`);
        },
        // No runner masks for us: SafeText hides the secret in every line.
        maskSecret: () => undefined,
        // No annotations outside GitHub: the item lines and junit.xml carry every finding.
        annotate: () => undefined,
        // The outputs are all in report.json.
        setOutput: () => undefined,
        reportPath: kind => (0,external_node_path_.join)(options.reportDir, CLI_REPORT_FILES[kind]),
        writeSummary: async (markdown) => {
            (0,external_node_fs_.mkdirSync)(options.reportDir, { recursive: true });
            await (0,promises_namespaceObject.writeFile)((0,external_node_path_.join)(options.reportDir, CLI_REPORT_FILES.summary), markdown);
        },
        fail: message => err(`Error: ${message}`)
    };
}
/**
 * Removes this tool's report files left by an earlier run, so none of them is read as this run's.
 * Why it could not, or undefined.
 */
function clearReports(reportDir) {
    try {
        for (const name of Object.values(CLI_REPORT_FILES))
            (0,external_node_fs_.rmSync)((0,external_node_path_.join)(reportDir, name), { force: true });
        return undefined;
    }
    catch (error) {
        return error.message;
    }
}


/***/ }),

/***/ 566:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JA: () => (/* binding */ parseDefinition),
/* harmony export */   VW: () => (/* binding */ objectConfigOf)
/* harmony export */ });
/* unused harmony exports MAX_TASK_NAME_LENGTH, entriesOf, canonicalForm, derivedTaskName */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _text_clean_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(118);


// What a gate compares when the workflow names it (source-datasource, target-datasource, databases,
// tables, task-name) instead of a console task: parsed and checked here, purely, before any request.
// The same definition always gives the same task name, so later runs find the task the first created.
/** The longest task name NineData's console accepts (the schema comparison page says 64 characters). */
const MAX_TASK_NAME_LENGTH = 64;
const DATASOURCE_ID = /^ds-[A-Za-z0-9_-]{1,64}$/;
// Whitespace, controls and invisible format characters have no place in a name NineData shows.
const NAME_PROBLEM = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The definition, or undefined with every problem pushed (each naming its input). */
function parseDefinition(raw, problems) {
    const before = problems.length;
    const sourceDsId = checkDatasource('source-datasource', raw.sourceDatasource, problems);
    const targetDsId = checkDatasource('target-datasource', raw.targetDatasource, problems);
    const databases = parseDatabases(raw.databases, problems);
    if (databases !== 'all' && databases !== undefined)
        addTables(databases, raw.tables, problems);
    else if (databases === 'all' && raw.tables.trim() !== '') {
        problems.push('`tables` narrows the databases listed in `databases`; with `databases: *` (the whole instance) leave it empty, or list the databases.');
    }
    const nameGiven = raw.taskName.trim() !== '';
    if (nameGiven)
        checkTaskName(raw.taskName.trim(), problems);
    if (problems.length > before || databases === undefined)
        return undefined;
    const definition = { sourceDsId, targetDsId, databases };
    return {
        ...definition,
        taskName: nameGiven ? raw.taskName.trim() : derivedTaskName(raw.repository, definition),
        nameGiven
    };
}
function checkDatasource(name, value, problems) {
    const id = value.trim();
    if (id === '')
        problems.push(`\`${name}\` is required with the other datasource input.`);
    else if (!DATASOURCE_ID.test(id)) {
        problems.push(`\`${name}\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(id)} is not a NineData datasource ID: they look like ds-ct192k3jlj4f (the console's datasource list, or data[].datasourceId of List Data Sources).`);
    }
    return id;
}
function checkTaskName(name, problems) {
    const length = [...name].length;
    if (length > MAX_TASK_NAME_LENGTH) {
        problems.push(`\`task-name\` is ${length} characters long: NineData allows at most ${MAX_TASK_NAME_LENGTH}. Shorten it, or leave it empty for a derived name.`);
    }
    else if (NAME_PROBLEM.test(name)) {
        problems.push(`\`task-name\` ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(name)} contains control or invisible characters.`);
    }
}
/** Entries of a list input: one per line or comma-separated, each trimmed. */
function entriesOf(raw) {
    const text = raw.trim();
    return text === '' ? [] : text.split(/[,\n]/).map(entry => entry.trim());
}
/** `a` or `a=b` as both sides, or the problem with it. */
function sides(entry) {
    const parts = entry.split('=').map(part => part.trim());
    if (parts.length > 2)
        return `${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(entry)} has more than one "="`;
    const [source = '', target = source] = parts;
    if (source === '' || target === '')
        return `${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(entry)} has an empty side of "=" (write source=target)`;
    return { source, target };
}
function parseDatabases(raw, problems) {
    const entries = entriesOf(raw);
    if (entries.length === 0) {
        problems.push('`databases` is required with the datasources: list the databases to compare (app, or app=app_v2), or * for the whole instance.');
        return undefined;
    }
    if (entries.includes('*')) {
        if (entries.length === 1)
            return 'all';
        problems.push('`databases` has * (the whole instance) next to other entries: use * alone, or list the databases.');
        return undefined;
    }
    const databases = [];
    const before = problems.length;
    entries.forEach((entry, index) => {
        const read = entryProblem('databases', entry, index) ?? sides(entry);
        if (typeof read === 'string')
            return void problems.push(`\`databases\`: ${read}.`);
        if (databases.some(db => db.source === read.source))
            return void problems.push(`\`databases\` lists ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(read.source)} twice.`);
        databases.push({ ...read, tables: [] });
    });
    return problems.length > before ? undefined : databases;
}
function entryProblem(input, entry, index) {
    if (entry === '')
        return `entry ${index + 1} is empty (two commas, or a comma at an end)`;
    if (entry === '*' && input === 'tables')
        return '* is not a table (leave `tables` empty for all)';
    return undefined;
}
function addTables(databases, raw, problems) {
    entriesOf(raw).forEach((entry, index) => {
        const read = entryProblem('tables', entry, index) ?? tableSides(entry);
        if (typeof read === 'string')
            return void problems.push(`\`tables\`: ${read}.`);
        const db = databases.find(d => d.source === read.db);
        if (!db) {
            return void problems.push(`\`tables\`: ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(entry)} is in database ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(read.db)}, which \`databases\` does not list.`);
        }
        if (read.targetDb !== undefined && read.targetDb !== db.target) {
            return void problems.push(`\`tables\`: ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(entry)} maps to database ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(read.targetDb)}, but \`databases\` maps ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(db.source)} to ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(db.target)}.`);
        }
        if (db.tables.some(t => t.source === read.source))
            return void problems.push(`\`tables\` lists ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(`${db.source}.${read.source}`)} twice.`);
        db.tables.push({ source: read.source, target: read.target });
    });
}
/** `db.table` or `db.table=db2.table2`; the first dot parts database from table. */
function tableSides(entry) {
    const read = sides(entry);
    if (typeof read === 'string')
        return read;
    const source = splitTable(read.source);
    const target = read.target === read.source ? source : splitTable(read.target);
    if (!source || !target)
        return `${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_1__/* .visible */ .RK)(entry)} is not database.table (or database.table=database.table)`;
    return read.target === read.source
        ? { db: source.db, source: source.table, target: source.table }
        : { db: source.db, source: source.table, targetDb: target.db, target: target.table };
}
function splitTable(text) {
    const dot = text.indexOf('.');
    const db = text.slice(0, dot).trim();
    const table = text.slice(dot + 1).trim();
    return dot > 0 && db !== '' && table !== '' ? { db, table } : undefined;
}
/**
 * The definition in one canonical text: entries sorted, sides explicit, so order and whitespace do
 * not change it and any side that changes does.
 */
function canonicalForm(definition) {
    const byName = (a, b) => a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
    const databases = definition.databases === 'all'
        ? '*'
        : [...definition.databases].sort(byName).map(db => ({
            s: db.source,
            t: db.target,
            tables: [...db.tables].sort(byName).map(t => [t.source, t.target])
        }));
    return JSON.stringify({ s: definition.sourceDsId, t: definition.targetDsId, databases });
}
const HASH_LENGTH = 10;
const NAME_PREFIX = 'gate-';
/** `gate-<repository>-<hash>`, at most MAX_TASK_NAME_LENGTH: the repository part is cut to fit. */
function derivedTaskName(repository, definition) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonicalForm(definition)).digest('hex');
    const room = MAX_TASK_NAME_LENGTH - NAME_PREFIX.length - HASH_LENGTH - 1;
    // Letters, digits, `.`, `_` and `-` only: NineData documents no alphabet for names.
    const repo = repository.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, room);
    return `${NAME_PREFIX}${repo ? `${repo}-` : ''}${hash.slice(0, HASH_LENGTH)}`;
}
/** NineData's objectConfig for the definition (Create Schema/Data Comparison Task). */
function objectConfigOf(definition) {
    if (definition.databases === 'all')
        return { all: true };
    return {
        all: false,
        databaseList: definition.databases.map(db => ({
            databaseName: db.source,
            targetDatabase: db.target,
            all: db.tables.length === 0,
            ...(db.tables.length > 0
                ? { tableList: db.tables.map(t => ({ tableName: t.source, targetTable: t.target })) }
                : {})
        }))
    };
}


/***/ }),

/***/ 118:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F3: () => (/* binding */ flattenLine),
/* harmony export */   Fq: () => (/* binding */ inertLine),
/* harmony export */   RK: () => (/* binding */ visible),
/* harmony export */   X5: () => (/* binding */ cleanText),
/* harmony export */   fX: () => (/* binding */ xmlEscape),
/* harmony export */   j0: () => (/* binding */ xmlChars),
/* harmony export */   jQ: () => (/* binding */ showInvisible),
/* harmony export */   ml: () => (/* binding */ shorten),
/* harmony export */   ph: () => (/* binding */ codeText),
/* harmony export */   tE: () => (/* binding */ codeSpans),
/* harmony export */   xs: () => (/* binding */ htmlBlock)
/* harmony export */ });
// Shaping text for a surface: cleaning, shortening, one-line, visible escapes, HTML. Pure, and linear
// in the input: server text can be megabytes, and the report runs after timeout-seconds stops counting.
// Characters a reader cannot see: C0/C1 controls other than tab and newline, the bidi marks,
// embeddings, overrides and isolates that could make text display as something it is not, and the
// zero-width and format characters that would ride along unseen into whatever a reader copies.
// Zero-width (non-)joiners stay: scripts and emoji need them.
const INVISIBLE = 
// eslint-disable-next-line no-control-regex
/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;
const NEWLINES = /\r\n?|[\n\u0085\u2028\u2029]/;
/** Cuts to `max` UTF-16 units plus a marker saying how much was left out; never splits a surrogate pair. */
function shorten(text, max, total = text.length) {
    if (text.length <= max && total <= text.length)
        return text;
    let cut = Math.min(max, text.length);
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        cut--;
    // Nor a written-out invisible character (`<U+202E>`): it goes whole or not at all.
    const escape = text.lastIndexOf('<U+', cut - 1);
    if (escape >= 0 && escape > cut - 8 && text.indexOf('>', escape) >= cut)
        cut = escape;
    return `${text.slice(0, cut)}… (${total - cut} more characters)`;
}
/** Newlines normalised to \n, invisible characters dropped. */
function cleanText(text) {
    return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n').replace(INVISIBLE, '');
}
/**
 * Newlines normalised to \n, every invisible character written out as `<U+202E>`: a reader sees
 * that it is there, and a copy of the text carries no character they could not see.
 */
function showInvisible(text) {
    return text
        .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
        .replace(INVISIBLE, c => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
/** One line: no CR, LF or other control character, whitespace runs collapsed, line breaks as ⏎. */
function flattenLine(text) {
    return text
        .split(NEWLINES)
        .map(part => part.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim())
        .filter(part => part !== '')
        .join(' ⏎ ');
}
/**
 * A line the runner cannot read as a command: it acts on `::` at the start of a line and on `##[`
 * anywhere in it, so the first gets a visible prefix and the second a space.
 */
function inertLine(line) {
    const broken = line.includes('##[') ? line.replace(/##\[/g, '## [') : line;
    return broken.startsWith('::') ? `› ${broken}` : broken;
}
/**
 * The value in quotes with everything outside printable ASCII written as \uXXXX, so a status such as
 * "Failed\u200b" or "F\u0430iled" shows what it really is. Not shortened: that is the boundary's job,
 * after the secret is hidden.
 */
function visible(text) {
    const escaped = text.replace(/[^\x20-\x7e]|["\\]/g, c => c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `"${escaped}"`;
}
// Only what needs it: HTML's own five, the backtick (codeSpans reads it), and what GitHub acts on in
// rendered text (`@name` mentions, `#12` references, `:emoji:`). Server text only ever lands inside
// an HTML block (a table cell, <p>, <pre>), where Markdown syntax (`*`, `_`, `|`, `[`) is inert; an
// entity there would also hide a secret from the runner's own masking, which matches plain text only.
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '`': '&#96;',
    '#': '&#35;',
    '@': '&#64;',
    ':': '&#58;'
};
const HTML_SPECIAL = /[&<>"'`#@:]/g;
/** An unbroken run longer than this gets break opportunities, so it cannot push a table off the page. */
const BREAK_EVERY = 40;
function escapeHtml(text) {
    return text.replace(HTML_SPECIAL, c => HTML_ENTITIES[c] ?? c);
}
/** Escaped HTML with a <wbr> every BREAK_EVERY characters of a run without whitespace. */
function escapeWithBreaks(text) {
    return text
        .split(/(\s+)/)
        .map(part => {
        if (part.length <= BREAK_EVERY || /^\s/.test(part))
            return escapeHtml(part);
        const pieces = [];
        for (let i = 0; i < part.length; i += BREAK_EVERY) {
            pieces.push(escapeHtml(part.slice(i, i + BREAK_EVERY)));
        }
        return pieces.join('<wbr>');
    })
        .join('');
}
/**
 * Shaped, shortened text as inert HTML: entities, <br> for newlines. No bidi isolation marks: the
 * invisible characters were written out before, and each text sits in its own cell or paragraph.
 */
function htmlBlock(shaped) {
    return escapeWithBreaks(shaped).replace(/\n/g, '<br>');
}
/** An ID for a <code> element: copyable as shown, escaped, one line. */
function codeText(line) {
    return escapeWithBreaks(line);
}
/**
 * Escaped HTML with each pair of escaped backticks made a <code> span, as Markdown would show
 * them: inside raw HTML GitHub renders no Markdown, so `timeout-seconds` would keep its backticks.
 * Linear: one split. An unpaired backtick stays as it is.
 */
function codeSpans(escaped) {
    const parts = escaped.split('&#96;');
    if (parts.length < 3)
        return escaped;
    let out = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) {
        const inner = parts[i] ?? '';
        out += i + 1 < parts.length ? `<code>${inner}</code>${parts[i + 1] ?? ''}` : `&#96;${inner}`;
    }
    return out;
}
// XML 1.0 allows no C0 control but tab, LF and CR (cleanText drops the rest), no lone surrogate and
// neither U+FFFE nor U+FFFF.
const XML_FORBIDDEN = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;
/** The characters XML 1.0 forbids, dropped (before the secret is hidden again: see SafeText). */
function xmlChars(text) {
    return text.replace(XML_FORBIDDEN, '');
}
const XML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;'
};
/** Text for an XML element or attribute (an attribute's text must be one line: see flattenLine). */
function xmlEscape(text) {
    return text.replace(/[&<>"']/g, c => XML_ENTITIES[c] ?? c);
}


/***/ }),

/***/ 326:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ jsonStrings),
/* harmony export */   p: () => (/* binding */ Redactor)
/* harmony export */ });
/* harmony import */ var _text_work_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(328);
// Finding a secret in text in every form a reader could decode, and hiding it. Pure (but for the
// work counter in text-work.ts) and linear in the text (times the secret's length).

const MASK = '***';
const NAMED_ENTITIES = {
    amp: 0x26,
    lt: 0x3c,
    gt: 0x3e,
    quot: 0x22,
    apos: 0x27,
    nbsp: 0xa0
};
/** JSON's two-character escapes: the character after the backslash -> the one it stands for. */
function jsonEscape(next) {
    switch (next) {
        case 0x22: // "
        case 0x5c: // \
        case 0x2f: // /
            return next;
        case 0x62: // b
            return 0x08;
        case 0x66: // f
            return 0x0c;
        case 0x6e: // n
            return 0x0a;
        case 0x72: // r
            return 0x0d;
        case 0x74: // t
            return 0x09;
        default:
            return -1;
    }
}
/** The characters an escape can start with: `\\`, `%`, `&`, `+`. */
const ESCAPE_STARTS = [0x5c, 0x25, 0x26, 0x2b];
function isEscapeStart(code) {
    return ESCAPE_STARTS.includes(code);
}
/** Families of escapes a copy may be written in; a match reads only the families it is given. */
const JSON_ESCAPES = 1;
const URL_ESCAPES = 2;
const HTML_ESCAPES = 4;
const ANY_ESCAPE = JSON_ESCAPES | URL_ESCAPES | HTML_ESCAPES;
function hexValue(text, from, count) {
    if (from + count > text.length)
        return -1;
    let value = 0;
    for (let i = from; i < from + count; i++) {
        const c = text.charCodeAt(i);
        const digit = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}
// The last escape read by escapeAt: the code it stands for (a UTF-16 unit for JSON, a byte for URL
// escapes, a code point for HTML) and its length in the text. Module state: the hot loop allocates nothing.
let escapedCode = 0;
let escapedLength = 0;
/**
 * Whether an escape of one of `families` starts at `text[i]`: a JSON escape (`\\"`, `\\u005f`), a URL
 * escape (`%5F`, `+` for a space) or an HTML character reference (`&#95;`, `&#x5f;`, `&amp;`).
 */
function escapeAt(text, i, families) {
    const c = text.charCodeAt(i);
    if (families & URL_ESCAPES) {
        if (c === 0x2b)
            return found(0x20, 1);
        if (c === 0x25) {
            // One byte of UTF-8; multi-byte characters are matched byte by byte against the UTF-8 target.
            const code = hexValue(text, i + 1, 2);
            return code >= 0 && found(code, 3);
        }
    }
    if (c === 0x5c && families & JSON_ESCAPES) {
        const next = text.charCodeAt(i + 1);
        if (next === 0x75) {
            const code = hexValue(text, i + 2, 4);
            return code >= 0 && found(code, 6);
        }
        const simple = jsonEscape(next);
        return simple >= 0 && found(simple, 2);
    }
    return c === 0x26 && (families & HTML_ESCAPES) !== 0 && entityAt(text, i);
}
function found(code, length) {
    escapedCode = code;
    escapedLength = length;
    return true;
}
function entityAt(text, i) {
    // Only `&#` or `&` and a letter can start a reference: most `&` are rejected without a scan.
    const next = text.charCodeAt(i + 1) | 0x20;
    if (next !== 0x23 && (next < 0x61 || next > 0x7a))
        return false;
    // References are short: look no further than 10 characters (a scan to the end would be quadratic).
    let end = -1;
    for (let j = i + 1; j <= i + 10 && j < text.length; j++) {
        if (text.charCodeAt(j) === 0x3b) {
            end = j;
            break;
        }
    }
    if (end < 0)
        return false;
    const name = text.slice(i + 1, end);
    let code;
    if (/^#\d{1,7}$/.test(name))
        code = Number(name.slice(1));
    else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name))
        code = parseInt(name.slice(2), 16);
    else
        code = NAMED_ENTITIES[name];
    return code !== undefined && code <= 0x10ffff && found(code, end - i + 1);
}
/**
 * Length in `text` of a copy of `target` starting at `start`, each character plain or written as an
 * escape of `families` (an escape is read before the plain character, so `\\u005f` is read whole);
 * or 0. JSON's `\\ud83d\\ude00` matches an emoji unit by unit, an HTML reference by code point.
 */
function matchTarget(text, start, target, families) {
    let i = start;
    let t = 0;
    while (t < target.length && i < text.length) {
        _text_work_js__WEBPACK_IMPORTED_MODULE_0__/* .textWork */ .X.searched++;
        const code = text.charCodeAt(i);
        if (families !== 0 && isEscapeStart(code) && escapeAt(text, i, families)) {
            const astral = escapedCode > 0xffff;
            if ((astral ? target.codePointAt(t) : target.charCodeAt(t)) === escapedCode) {
                t += astral ? 2 : 1;
                i += escapedLength;
                continue;
            }
        }
        if (code !== target.charCodeAt(t))
            return 0;
        t++;
        i++;
    }
    return t === target.length ? i - start : 0;
}
/** Length in `text` of an encoded copy of a secret starting at `start`, or 0. */
function matchAt(text, start, secret) {
    // The secret's characters (plain, JSON, HTML, URL for ASCII), then its UTF-8 bytes (URL escapes),
    // each character plain or escaped in any family.
    const length = matchTarget(text, start, secret.text, ANY_ESCAPE);
    if (length > 0)
        return length;
    if (secret.bytes !== secret.text) {
        const bytes = matchTarget(text, start, secret.bytes, ANY_ESCAPE);
        if (bytes > 0)
            return bytes;
    }
    if (!secret.literalEscapes)
        return 0;
    // A secret holding `%`, `\\` or `&` can be misread above (`%25` in it is read as one `%`): try it
    // as received, and in each family alone, as one encoder would write it.
    // The longest wins: a JSON-escaped copy also starts with a shorter copy as received.
    return Math.max(matchTarget(text, start, secret.text, 0), matchTarget(text, start, secret.text, JSON_ESCAPES), matchTarget(text, start, secret.bytes, URL_ESCAPES), matchTarget(text, start, secret.text, HTML_ESCAPES));
}
/** The parts of base64 that only depend on the secret, at each of the three byte alignments. */
function base64Cores(secret) {
    const bytes = Buffer.from(secret, 'utf8');
    const cores = new Set();
    for (let shift = 0; shift < 3; shift++) {
        const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
        const b64 = padded.toString('base64');
        const from = Math.ceil((8 * shift) / 6);
        const to = Math.floor((8 * padded.length) / 6);
        const core = b64.slice(from, to);
        // Too short a core would hide ordinary text; the plain forms still cover short secrets.
        if (core.length >= 6) {
            cores.add(core);
            cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
        }
    }
    return [...cores];
}
/** Sorted [start, end, start, end, ...] spans, overlapping or touching ones merged. */
function mergeSpans(spans) {
    if (spans.length <= 2)
        return spans;
    const order = [];
    for (let k = 0; k < spans.length; k += 2)
        order.push(k);
    order.sort((a, b) => spans[a] - spans[b] || spans[b + 1] - spans[a + 1]);
    const merged = [];
    for (const k of order) {
        const start = spans[k];
        const end = spans[k + 1];
        const last = merged.length - 1;
        if (last > 0 && start <= merged[last])
            merged[last] = Math.max(merged[last], end);
        else
            merged.push(start, end);
    }
    return merged;
}
/**
 * Finds a secret in text in every promised form (as received; JSON-escaped, surrogate pairs
 * included; URL-encoded; HTML-escaped; base64) and hides each copy as `***`. Linear in the text.
 */
class Redactor {
    secrets;
    cores;
    constructor(secrets) {
        const usable = [...new Set(secrets.filter(s => s.length > 0))];
        this.secrets = usable.map(text => {
            const bytes = Buffer.from(text, 'utf8').toString('latin1');
            // Where an encoded copy can start: its first character, plain or as a UTF-8 byte, or an escape.
            const starts = new Uint8Array(65536);
            for (const code of [text.charCodeAt(0), bytes.charCodeAt(0), ...ESCAPE_STARTS])
                starts[code] = 1;
            const first = [text.charCodeAt(0), text.codePointAt(0) ?? -1, bytes.charCodeAt(0)];
            return { text, bytes, first, starts, literalEscapes: /[%\\&]/.test(text) };
        });
        this.cores = usable.flatMap(base64Cores);
    }
    get active() {
        return this.secrets.length > 0;
    }
    /** Where `text` holds a copy of a secret: sorted, merged [start, end, ...] spans. */
    spans(text) {
        if (!this.active || text.length === 0)
            return [];
        const spans = [];
        for (const secret of this.secrets)
            findCopies(text, secret, spans);
        for (const core of this.cores) {
            for (let at = text.indexOf(core); at >= 0; at = text.indexOf(core, at + core.length)) {
                spans.push(at, at + core.length);
            }
        }
        return mergeSpans(spans);
    }
    /** Whether `text` holds a copy of a secret in any form. */
    finds(text) {
        return this.spans(text).length > 0;
    }
    /** `text` with every decodable copy of a secret replaced by `***` (`spans`: its copies, if known). */
    redact(text, spans) {
        return this.redactPrefix(text, text.length, spans).text;
    }
    /**
     * The part of `text` before `limit`, secrets hidden; a copy that starts before `limit` is hidden
     * whole and ends the part. `end` is where in `text` the part ends. Copies are found in all of
     * `text`, so a copy cut at `limit` is never shown in part.
     */
    redactPrefix(text, limit, spans = this.spans(text)) {
        if (spans.length === 0)
            return { text: text.slice(0, limit), end: Math.min(limit, text.length) };
        const parts = [];
        let copied = 0;
        for (let k = 0; k < spans.length && spans[k] < limit; k += 2) {
            parts.push(text.slice(copied, spans[k]), MASK);
            copied = spans[k + 1];
        }
        const end = Math.max(copied, Math.min(limit, text.length));
        parts.push(text.slice(copied, end));
        return { text: parts.join(''), end };
    }
}
/** Adds the spans of every encoded copy of `secret` in `text`, left to right, to `spans`. */
function findCopies(text, secret, spans) {
    const { starts, first } = secret;
    const [unit, point, byte] = first;
    const isFirst = (code) => code === unit || code === point || code === byte;
    _text_work_js__WEBPACK_IMPORTED_MODULE_0__/* .textWork */ .X.searched += text.length;
    for (let at = 0; at < text.length; at++) {
        // Most characters cannot start a copy: one typed-array look-up, no allocation.
        const code = text.charCodeAt(at);
        if (starts[code] !== 1)
            continue;
        // An escape that does not stand for the secret's first character starts no copy: a long run
        // of '&' or '%' costs one look at each, not a full match attempt in every family.
        if (!isFirst(code) && !(escapeAt(text, at, ANY_ESCAPE) && isFirst(escapedCode)))
            continue;
        const length = matchAt(text, at, secret);
        if (length > 0) {
            spans.push(at, at + length);
            at += length - 1;
        }
    }
}
/** Every string of a JSON value, keys included, one per line. Iterative: depth costs no stack. */
function jsonStrings(value) {
    const strings = [];
    const stack = [value];
    while (stack.length > 0) {
        const v = stack.pop();
        if (typeof v === 'string')
            strings.push(v);
        else if (Array.isArray(v))
            for (const x of v)
                stack.push(x);
        else if (v !== null && typeof v === 'object') {
            for (const [key, x] of Object.entries(v)) {
                strings.push(key);
                stack.push(x);
            }
        }
    }
    return strings.join('\n');
}


/***/ }),

/***/ 844:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ SafeText)
/* harmony export */ });
/* harmony import */ var _clean_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(118);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(326);
/* harmony import */ var _text_work_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(328);
/* harmony import */ var _wording_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(179);




// The output boundary's toolbox: every text that leaves the action (log, annotations, outputs, summary,
// report file, errors) goes through one of these. The order matters: the secret is found in the text
// exactly as received, before anything is cut, collapsed or dropped; then the text is shaped for its
// surface (which can put a copy together, e.g. by dropping a control character inside it or
// collapsing whitespace), then hidden again, and only then shortened and escaped. The mask `***` holds
// no character any shaping step changes, joins or splits, so a hidden copy stays hidden.
/** Text is shaped from at most this multiple of the shown length (plus 1 KiB): room for whitespace
 * the shaping collapses, bounded so a 60 MB message costs no more than a short one. */
const PRE_CUT_FACTOR = 4;
/** A text this long is searched once and its copies remembered: the same server text reaches the
 * log, annotations, summary, outputs and report file, and a search of 40 MB is not free. */
const REMEMBER_FROM = 64 * 1024;
class SafeText {
    redactor;
    /** Room past a cut for the longest encoded copy of a secret (`&#x00005F;`: 10 per character). */
    margin;
    /** Copies found in long texts, by text (a long string's hash is cheap: V8 hashes its length). */
    known = new Map();
    constructor(secrets) {
        this.redactor = new _redact_js__WEBPACK_IMPORTED_MODULE_1__/* .Redactor */ .p(secrets);
        this.margin = 12 * Math.max(0, ...secrets.map(s => s.length)) + 16;
    }
    /** The secret hidden, nothing else changed: for outputs and the report file. */
    value(text) {
        return this.redactor.redact(text, this.spans(text));
    }
    /** One inert log line. */
    line(text, max = _wording_js__WEBPACK_IMPORTED_MODULE_3__/* .LIMITS */ .b1.reason) {
        const part = this.hidden(text, max);
        _text_work_js__WEBPACK_IMPORTED_MODULE_2__/* .textWork */ .X.shaped += part.text.length;
        const line = this.redactor.redact((0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .inertLine */ .Fq)((0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .flattenLine */ .F3)(part.text)));
        return this.cut(line, max, part.dropped);
    }
    /**
     * Escaped HTML for the job summary and the comment, invisible characters written out. When
     * leaving them out would spell the secret (`sec<U+0007>ret`), they are left out and it is hidden.
     */
    html(text, max) {
        const part = this.hidden(text, max);
        _text_work_js__WEBPACK_IMPORTED_MODULE_2__/* .textWork */ .X.shaped += part.text.length;
        const joined = (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X5)(part.text);
        if (this.redactor.finds(joined))
            return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlBlock */ .xs)(this.cut(this.redactor.redact(joined), max, part.dropped));
        // Without an invisible character both shapings are the same text, already searched.
        const shown = (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .showInvisible */ .jQ)(part.text);
        const shaped = shown.length === joined.length ? joined : this.redactor.redact(shown);
        return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlBlock */ .xs)(this.cut(shaped, max, part.dropped));
    }
    /**
     * Escaped XML for the JUnit report: characters XML 1.0 forbids and invisible controls dropped;
     * `oneLine` for names and attributes, else newlines are kept (SQL, messages).
     */
    xml(text, max, oneLine = false) {
        const part = this.hidden(text, max);
        const kept = (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .xmlChars */ .j0)(part.text);
        const shaped = this.redactor.redact(oneLine ? (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .flattenLine */ .F3)(kept) : (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanText */ .X5)(kept));
        return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .xmlEscape */ .fX)(this.cut(shaped, max, part.dropped));
    }
    /** An ID for <code> in the job summary. */
    code(text, max = _wording_js__WEBPACK_IMPORTED_MODULE_3__/* .LIMITS */ .b1.id) {
        return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .codeText */ .ph)(this.line(text, max));
    }
    /**
     * JSON of a value with every string (keys included) redacted. The value is not changed. `plain` is
     * its JSON when the caller already made it.
     */
    json(value, plain = JSON.stringify(value)) {
        // Fast path: no copy in any string as it is (JSON.stringify escapes an escaped copy once more,
        // so the JSON text alone would hide it) nor in the JSON text (a copy across its syntax).
        if (!this.redactor.active)
            return plain;
        if (!this.findsInStrings(value) && !this.findsInJson(plain))
            return plain;
        const json = JSON.stringify(value, (_key, v) => {
            if (typeof v === 'string')
                return this.value(v);
            if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
                const entries = Object.entries(v);
                if (entries.some(([k]) => this.redactor.redact(k) !== k)) {
                    return Object.fromEntries(entries.map(([k, x]) => [this.redactor.redact(k), x]));
                }
            }
            return v;
        });
        // A copy that spans the JSON syntax itself (`a","b` across two strings) survives the per-string
        // pass: hide it in the text, and give up the value rather than the secret if that breaks the JSON.
        if (!this.redactor.finds(json))
            return json;
        const text = this.redactor.redact(json);
        try {
            JSON.parse(text);
            return text;
        }
        catch {
            return JSON.stringify('***');
        }
    }
    /**
     * JSON text in parts, for a file too large to hold as one string: `open`, the values separated by
     * commas (each as `json` makes it), then `close`. A copy of a secret across two parts (across the
     * JSON syntax between them) costs the later value, written as "***".
     */
    *jsonParts(open, values, close) {
        const masked = JSON.stringify('***');
        let before = '';
        let pending = open;
        let comma = '';
        const across = (right) => this.redactor.finds((before + pending).slice(-this.margin) + right.slice(0, this.margin));
        for (const value of values) {
            const json = this.json(value);
            const part = comma + (across(comma + json) ? masked : json);
            yield pending;
            before = (before + pending).slice(-this.margin);
            pending = part;
            comma = ',';
        }
        if (comma !== '' && across(close))
            pending = comma + masked;
        yield pending;
        yield close;
    }
    /**
     * The part of `text` worth shaping for a surface showing `max` characters, every copy of the secret
     * in it hidden. A copy that straddles the cut is found in the room past it and hidden whole.
     */
    hidden(text, max) {
        const budget = max * PRE_CUT_FACTOR + 1024;
        if (text.length <= budget + this.margin)
            return { text: this.value(text), dropped: 0 };
        const part = this.redactor.redactPrefix(text.slice(0, budget + this.margin), budget);
        return { text: part.text, dropped: text.length - part.end };
    }
    /**
     * Shortened to `max` with a count of what was left out. After a cut, the shaped text's last
     * `margin` characters go too: shaping may have made them the start of a copy whose rest was cut.
     */
    cut(shaped, max, dropped) {
        if (dropped === 0)
            return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .shorten */ .ml)(shaped, max);
        const kept = shaped.slice(0, Math.max(0, shaped.length - this.margin));
        return (0,_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .shorten */ .ml)(kept, max, shaped.length + dropped);
    }
    /** Where `text` holds a copy of a secret; a long text is searched only the first time. */
    spans(text) {
        if (text.length < REMEMBER_FROM)
            return this.redactor.spans(text);
        let spans = this.known.get(text);
        if (spans === undefined) {
            spans = this.redactor.spans(text);
            this.known.set(text, spans);
        }
        return spans;
    }
    /** Whether any string of a JSON value, keys included, holds a copy. Iterative: depth costs no stack. */
    findsInStrings(value) {
        const short = [];
        const stack = [value];
        while (stack.length > 0) {
            const v = stack.pop();
            if (typeof v === 'string') {
                if (v.length < REMEMBER_FROM)
                    short.push(v);
                else if (this.spans(v).length > 0)
                    return true;
            }
            else if (Array.isArray(v))
                for (const x of v)
                    stack.push(x);
            else if (v !== null && typeof v === 'object') {
                for (const [key, x] of Object.entries(v)) {
                    short.push(key);
                    stack.push(x);
                }
            }
        }
        return this.redactor.finds(short.join('\n'));
    }
    /**
     * Whether JSON text holds a copy, in a string or across its syntax (`a","b`). The inside of a long
     * string already searched as a value is not searched again: only `margin` characters at each end,
     * where a copy could run into the quotes.
     */
    findsInJson(json) {
        let from = 0;
        for (let open = json.indexOf('"'); open >= 0;) {
            const close = closingQuote(json, open);
            const inside = json.slice(open + 1, close);
            if (inside.length >= REMEMBER_FROM && this.known.get(inside)?.length === 0) {
                if (this.redactor.finds(json.slice(from, open + 1 + this.margin)))
                    return true;
                from = close - this.margin;
            }
            open = json.indexOf('"', close + 1);
        }
        return this.redactor.finds(json.slice(from));
    }
}
/** Index of the quote closing the JSON string that opens at `open` (valid JSON assumed). */
function closingQuote(json, open) {
    for (let at = json.indexOf('"', open + 1); at >= 0; at = json.indexOf('"', at + 1)) {
        let backslashes = 0;
        while (json.charCodeAt(at - 1 - backslashes) === 0x5c)
            backslashes++;
        if (backslashes % 2 === 0)
            return at;
    }
    return json.length;
}


/***/ }),

/***/ 328:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ textWork)
/* harmony export */ });
// How much text the output boundary has read: a counter, so tests prove the text paths linear (or
// bounded) by counting work rather than by timing it on a machine that may be busy. Costs one
// addition per character read; nothing in the action reads it.
const textWork = {
    /** Characters the secret search read: each position tried as a start, each one a copy compared. */
    searched: 0,
    /** Characters handed to shaping (cleaning, one-line, HTML) after the cut to what a surface shows. */
    shaped: 0
};


/***/ }),

/***/ 179:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   b1: () => (/* binding */ LIMITS)
/* harmony export */ });
// Words and numbers for messages. Pure.
/** "1 item", "2 items". */
function plural(n, word, many = `${word}s`) {
    return `${n} ${n === 1 ? word : many}`;
}
/** "20m 3s", "1h 0m 5s", "42s", "0.3s": a duration for messages. */
function formatDuration(ms) {
    const abs = Math.abs(ms);
    if (abs < 10_000 && abs % 1000 !== 0)
        return `${(abs / 1000).toFixed(1).replace(/\.0$/, '')}s`;
    const total = Math.round(abs / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h ${m}m ${s}s`;
    if (m > 0)
        return `${m}m ${s}s`;
    return `${s}s`;
}
/** Seconds as the user wrote them in an input: 900 -> "900 s", 0.5 -> "0.5 s". */
function formatSeconds(ms) {
    return `${Number((ms / 1000).toFixed(3))} s`;
}
/** How much server text is shown where, in characters (UTF-16 units). One table for every surface. */
const LIMITS = {
    /** An item's name, in a cell, a log line or an annotation title. */
    name: 300,
    /** IDs and status values. */
    id: 128,
    description: 600,
    /** An item's message from NineData. */
    message: 2000,
    /** A message of the action that embeds server text (reasons, errors). */
    reason: 4000,
    /** Lines in the all-items log group. */
    logItems: 2000,
    /** One object's correction SQL in the job summary. */
    sql: 20_000,
    /** Rows of the table of objects or tables that differ. */
    differenceRows: 500,
    /** A one-value output (IDs, statuses, request IDs). */
    outputValue: 1000,
    /** Failed items named in a one-line reason. */
    namesInReason: 5
};


/***/ }),

/***/ 834:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ realTime)
/* harmony export */ });
// The passing of time, as one seam: the client and the waiting loop read the clock and sleep through
// it, so tests can run retries, backoff and deadlines on a clock they move themselves.
const realTime = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener('abort', done, { once: true });
    })
};


/***/ }),

/***/ 312:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ed: () => (/* binding */ decideComparison),
/* harmony export */   g6: () => (/* binding */ differencesOf),
/* harmony export */   ri: () => (/* binding */ rowTotal),
/* harmony export */   uk: () => (/* binding */ objectLabel)
/* harmony export */ });
/* harmony import */ var _status_run_status_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(986);
/* harmony import */ var _text_clean_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(118);
/* harmony import */ var _text_wording_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(179);



function differencesOf(results, last) {
    if (results.kind === 'schema') {
        const differing = results.objects.filter(o => o.correctSql !== undefined && o.correctSql !== '');
        const unverified = results.objects.filter(o => o.correctSql === undefined);
        return { count: differing.length, differing, unverified };
    }
    const differing = results.tables.filter(t => (t.differences ?? 0) > 0);
    const unverified = results.tables.filter(t => t.unreadable !== undefined);
    return { count: rowTotal(last) ?? 0, differing, unverified };
}
/** differenceRows + onlySourceRows + onlyTargetRows; undefined when any of them was not sent. */
function rowTotal(last) {
    const rows = last?.rows;
    if (!rows)
        return undefined;
    const { differenceRows: d, onlySourceRows: s, onlyTargetRows: t } = rows;
    return d === undefined || s === undefined || t === undefined ? undefined : d + s + t;
}
function objectLabel(entry) {
    switch (entry.kind) {
        case 'table': {
            const source = [entry.schemaName, entry.tableName].filter(Boolean).join('.');
            return source || `progressId ${entry.progressId}`;
        }
        case 'object':
            return schemaObjectLabel(entry);
    }
}
function schemaObjectLabel(entry) {
    const raw = entry.raw;
    for (const key of ['objectName', 'name', 'tableName', 'sourceObjectName']) {
        const value = raw[key];
        if (typeof value === 'string' && value.trim() !== '') {
            const schema = raw['schemaName'] ?? raw['sourceSchemaName'];
            return typeof schema === 'string' && schema ? `${schema}.${value}` : value;
        }
    }
    return `progressId ${entry.progressId}`;
}
function decideComparison(seen) {
    const verdict = (kind, reason, soft = false) => ({
        kind,
        passed: kind === 'passed',
        reason,
        phase: 'comparison',
        failedItems: [],
        ...(soft ? { softenedBy: 'fail-on-difference' } : {})
    });
    const { ending, last } = seen;
    if (ending.how === 'error')
        return verdict('error', `${ending.message}${stopNote(seen)}`);
    if (ending.how === 'cancelled')
        return verdict('cancelled', cancelledReason(seen));
    const status = last ? (0,_status_run_status_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalRunStatus */ .Y)(last.status) : undefined;
    if (last && status === undefined) {
        return verdict('error', `NineData reported the run status ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .visible */ .RK)(last.status)} for comparison run ${seen.execId}: not a status NineData documents (starting, running, success, failed, stopped). An answer this action does not understand is never a pass.${stopNote(seen)}`);
    }
    if (ending.how === 'timeout' || !last)
        return verdict('timeout', timeoutReason(seen));
    if (status === 'failed' || status === 'stopped') {
        const said = last.errorMessage.trim() ? `: ${last.errorMessage}` : '.';
        return verdict('failed', `The comparison run ${seen.execId} ended ${status}${said}`);
    }
    if (status !== 'success' || !seen.results) {
        return verdict('error', `The comparison run ${seen.execId} ended without its results being read.`);
    }
    return resultsVerdict(seen, seen.results, last, verdict);
}
function resultsVerdict(seen, results, last, verdict) {
    const problem = results.kind === 'schema' ? schemaProblem(results) : dataProblem(results, last);
    if (problem)
        return verdict('error', `${problem} An answer this action cannot verify is never a pass.`);
    const found = differencesOf(results, last);
    const compared = results.kind === 'schema'
        ? (0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(results.objects.length, 'object')
        : (0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(results.tables.length, 'table');
    // Tables NineData skipped were not compared: a pass says so.
    const skipped = results.kind === 'data' ? (last.rows?.skippedTables ?? 0) : 0;
    const skippedNote = skipped > 0
        ? ` NineData skipped ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(skipped, 'table')}, which ${skipped === 1 ? 'was' : 'were'} not compared (skipped-tables).`
        : '';
    if (found.count === 0) {
        return verdict('passed', `The comparison run ${seen.execId} found no difference: ${compared} compared, all consistent.${skippedNote}`);
    }
    const counted = results.kind === 'schema'
        ? `${found.count} of ${results.objects.length} objects differ`
        : `${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(found.count, 'row')} differ, in ${found.differing.length} of ${results.tables.length} tables`;
    return verdict('failed', `The comparison run ${seen.execId} found differences (${counted}): ${listNames(found.differing)}.`, true);
}
/** Why schema results cannot be verified, or undefined. */
function schemaProblem(results) {
    if (results.objects.length !== results.total) {
        return `NineData reported ${results.total} objects but listed ${results.objects.length}.`;
    }
    const unreadable = results.objects.filter(o => o.correctSql === undefined);
    if (unreadable.length === 0)
        return undefined;
    const first = unreadable[0]?.unreadable ?? 'no answer';
    return `The correction SQL of ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(unreadable.length, 'object')} could not be read, so ${unreadable.length === 1 ? 'it is' : 'they are'} not verified: ${listNames(unreadable)} (${first}).`;
}
/** Why data results cannot be verified (missing or contradicting counts), or undefined. */
function dataProblem(results, last) {
    const rows = rowTotal(last);
    if (rows === undefined) {
        return 'NineData did not report differenceRows, onlySourceRows and onlyTargetRows for the run.';
    }
    if (results.tables.length !== results.totalTableCount) {
        return `NineData reported ${results.totalTableCount} tables but listed ${results.tables.length}.`;
    }
    if (rows > 0 !== results.diffTableCount > 0) {
        return `NineData's counts contradict each other: ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(rows, 'row')} differ, but ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(results.diffTableCount, 'table')} ${results.diffTableCount === 1 ? 'differs' : 'differ'}.`;
    }
    const skipped = last.rows?.skippedTables ?? 0;
    if (skipped > 0 && skipped >= results.tables.length) {
        return `NineData skipped every table of the run (skipTableCount ${skipped}, ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(results.tables.length, 'table')} listed): nothing was compared.`;
    }
    const unreadable = results.tables.filter(t => t.unreadable !== undefined);
    if (unreadable.length > 0) {
        return `The differences of ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(unreadable.length, 'table')} could not be read: ${listNames(unreadable)} (${unreadable[0]?.unreadable ?? ''}).`;
    }
    const asked = results.tables.some(t => t.differences !== undefined);
    const differing = results.tables.filter(t => (t.differences ?? 0) > 0).length;
    if (asked && differing !== results.diffTableCount) {
        return `NineData's counts contradict each other: diffTableCount is ${results.diffTableCount}, but ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(differing, 'table')} ${differing === 1 ? 'has' : 'have'} differing records.`;
    }
    return undefined;
}
function cancelledReason(seen) {
    const run = seen.execId ? `comparison run ${seen.execId}` : 'the comparison run';
    const status = seen.last ? ` The last run status seen was ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .visible */ .RK)(seen.last.status)}.` : '';
    return `The wait for ${run} was cancelled before it finished.${status}${stopNote(seen)}`;
}
function timeoutReason(seen) {
    if (seen.ending.how === 'timeout' && seen.ending.waitingFor) {
        return `No comparison run was started within timeout-seconds (${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(seen.timeoutMs)}): ${seen.ending.waitingFor}. Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`;
    }
    const head = seen.stage === 'results'
        ? `Reading the results of comparison run ${seen.execId} did not finish within timeout-seconds (${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(seen.timeoutMs)}).`
        : `The comparison run ${seen.execId || '(not started)'} did not finish within timeout-seconds (${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSeconds */ .Xo)(seen.timeoutMs)}).`;
    const outage = seen.ending.how === 'timeout' ? seen.ending.outage : undefined;
    const down = outage
        ? ` NineData gave no usable answer for the last ${(0,_text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(seen.endedAt - outage.sinceMs)}; the last error: ${outage.lastError.message}.`
        : '';
    const status = seen.last ? ` The last run status seen was ${(0,_text_clean_js__WEBPACK_IMPORTED_MODULE_0__/* .visible */ .RK)(seen.last.status)}.` : '';
    return `${head}${down}${status}${stopNote(seen)} Raise timeout-seconds to wait longer (it covers the precheck and the comparison).`;
}
function stopNote(seen) {
    if (!seen.stop)
        return '';
    return seen.stop.sent
        ? ' NineData was asked to stop the run.'
        : ` Asking NineData to stop the run failed: ${seen.stop.message}`;
}
/** "a, b, c and 12 more". */
function listNames(entries, max = _text_wording_js__WEBPACK_IMPORTED_MODULE_1__/* .LIMITS */ .b1.namesInReason) {
    const names = entries.slice(0, max).map(objectLabel);
    const rest = entries.length - names.length;
    return rest > 0 ? `${names.join(', ')} and ${rest} more` : names.join(', ');
}


/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 330:
/***/ ((module) => {

module.exports = {"rE":"1.0.0"};

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
