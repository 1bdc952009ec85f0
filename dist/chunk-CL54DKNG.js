import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-FPWFQ3JF.js";

// builtin:node:fs
var require_node_fs = __commonJS({
  "builtin:node:fs"(exports, module) {
    module.exports = __require("node:fs");
  }
});

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/error-message.ts
function errorMessage(error2) {
  if (typeof error2 === "object" && error2 !== null && "message" in error2) {
    const { message } = error2;
    if (typeof message === "string") return message;
  }
  return String(error2);
}

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

// src/text/clean.ts
var INVISIBLE = (
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g
);
var NEWLINES = /\r\n?|[\n\u0085\u2028\u2029]/;
function shorten(text, max, total = text.length) {
  if (text.length <= max && total <= text.length) return text;
  let cut = Math.min(max, text.length);
  const code = text.charCodeAt(cut - 1);
  if (code >= 55296 && code <= 56319) cut--;
  const escape = text.lastIndexOf("<U+", cut - 1);
  if (escape >= 0 && escape > cut - 8 && text.indexOf(">", escape) >= cut) cut = escape;
  return `${text.slice(0, cut)}\u2026 (${total - cut} more characters)`;
}
function cleanText(text) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(INVISIBLE, "");
}
function showInvisible(text) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
}
function flattenLine(text) {
  return text.split(NEWLINES).map((part) => part.replace(INVISIBLE, "").replace(/\s+/g, " ").trim()).filter((part) => part !== "").join(" \u23CE ");
}
function inertLine(line) {
  const broken = line.includes("##[") ? line.replace(/##\[/g, "## [") : line;
  return broken.startsWith("::") ? `\u203A ${broken}` : broken;
}
function visible(text) {
  const escaped = text.replace(
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
function escapeHtml(text) {
  return text.replace(HTML_SPECIAL, (c) => HTML_ENTITIES[c] ?? c);
}
function escapeWithBreaks(text) {
  return text.split(/(\s+)/).map((part) => {
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
function xmlChars(text) {
  return text.replace(XML_FORBIDDEN, "");
}
var XML_ENTITIES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;"
};
function xmlEscape(text) {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
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
function hexValue(text, from, count) {
  if (from + count > text.length) return -1;
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
var escapedCode = 0;
var escapedLength = 0;
function escapeAt(text, i, families) {
  const c = text.charCodeAt(i);
  if (families & URL_ESCAPES) {
    if (c === 43) return found(32, 1);
    if (c === 37) {
      const code = hexValue(text, i + 1, 2);
      return code >= 0 && found(code, 3);
    }
  }
  if (c === 92 && families & JSON_ESCAPES) {
    const next = text.charCodeAt(i + 1);
    if (next === 117) {
      const code = hexValue(text, i + 2, 4);
      return code >= 0 && found(code, 6);
    }
    const simple = jsonEscape(next);
    return simple >= 0 && found(simple, 2);
  }
  return c === 38 && (families & HTML_ESCAPES) !== 0 && entityAt(text, i);
}
function found(code, length) {
  escapedCode = code;
  escapedLength = length;
  return true;
}
function entityAt(text, i) {
  const next = text.charCodeAt(i + 1) | 32;
  if (next !== 35 && (next < 97 || next > 122)) return false;
  let end = -1;
  for (let j = i + 1; j <= i + 10 && j < text.length; j++) {
    if (text.charCodeAt(j) === 59) {
      end = j;
      break;
    }
  }
  if (end < 0) return false;
  const name = text.slice(i + 1, end);
  let code;
  if (/^#\d{1,7}$/.test(name)) code = Number(name.slice(1));
  else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  else code = NAMED_ENTITIES[name];
  return code !== void 0 && code <= 1114111 && found(code, end - i + 1);
}
function matchTarget(text, start, target, families) {
  let i = start;
  let t = 0;
  while (t < target.length && i < text.length) {
    textWork.searched++;
    const code = text.charCodeAt(i);
    if (families !== 0 && isEscapeStart(code) && escapeAt(text, i, families)) {
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
  return t === target.length ? i - start : 0;
}
function matchAt(text, start, secret) {
  const length = matchTarget(text, start, secret.text, ANY_ESCAPE);
  if (length > 0) return length;
  if (secret.bytes !== secret.text) {
    const bytes = matchTarget(text, start, secret.bytes, ANY_ESCAPE);
    if (bytes > 0) return bytes;
  }
  if (!secret.literalEscapes) return 0;
  return Math.max(
    matchTarget(text, start, secret.text, 0),
    matchTarget(text, start, secret.text, JSON_ESCAPES),
    matchTarget(text, start, secret.bytes, URL_ESCAPES),
    matchTarget(text, start, secret.text, HTML_ESCAPES)
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
    const start = spans[k];
    const end = spans[k + 1];
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]) merged[last] = Math.max(merged[last], end);
    else merged.push(start, end);
  }
  return merged;
}
var Redactor = class {
  secrets;
  cores;
  constructor(secrets) {
    const usable = [...new Set(secrets.filter((s) => s.length > 0))];
    this.secrets = usable.map((text) => {
      const bytes = Buffer.from(text, "utf8").toString("latin1");
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
    if (!this.active || text.length === 0) return [];
    const spans = [];
    for (const secret of this.secrets) findCopies(text, secret, spans);
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
    if (spans.length === 0) return { text: text.slice(0, limit), end: Math.min(limit, text.length) };
    const parts = [];
    let copied = 0;
    for (let k = 0; k < spans.length && spans[k] < limit; k += 2) {
      parts.push(text.slice(copied, spans[k]), MASK);
      copied = spans[k + 1];
    }
    const end = Math.max(copied, Math.min(limit, text.length));
    parts.push(text.slice(copied, end));
    return { text: parts.join(""), end };
  }
};
function findCopies(text, secret, spans) {
  const { starts, first } = secret;
  const [unit, point, byte] = first;
  const isFirst = (code) => code === unit || code === point || code === byte;
  textWork.searched += text.length;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (starts[code] !== 1) continue;
    if (!isFirst(code) && !(escapeAt(text, at, ANY_ESCAPE) && isFirst(escapedCode))) continue;
    const length = matchAt(text, at, secret);
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
  value(text) {
    return this.redactor.redact(text, this.spans(text));
  }
  /** One inert log line. */
  line(text, max = LIMITS.reason) {
    const part = this.hidden(text, max);
    textWork.shaped += part.text.length;
    const line = this.redactor.redact(inertLine(flattenLine(part.text)));
    return this.cut(line, max, part.dropped);
  }
  /**
   * Escaped HTML for the job summary and the comment, invisible characters written out. When
   * leaving them out would spell the secret (`sec<U+0007>ret`), they are left out and it is hidden.
   */
  html(text, max) {
    const part = this.hidden(text, max);
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
  xml(text, max, oneLine = false) {
    const part = this.hidden(text, max);
    const kept = xmlChars(part.text);
    const shaped = this.redactor.redact(oneLine ? flattenLine(kept) : cleanText(kept));
    return xmlEscape(this.cut(shaped, max, part.dropped));
  }
  /** An ID for <code> in the job summary. */
  code(text, max = LIMITS.id) {
    return codeText(this.line(text, max));
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
    const text = this.redactor.redact(json);
    try {
      JSON.parse(text);
      return text;
    } catch {
      return JSON.stringify("***");
    }
  }
  /**
   * JSON text in parts, for a file too large to hold as one string: `open`, the values separated by
   * commas (each as `json` makes it), then `close`. A copy of a secret across two parts (across the
   * JSON syntax between them) costs the later value, written as "***".
   */
  *jsonParts(open2, values, close) {
    const masked = JSON.stringify("***");
    let before = "";
    let pending = open2;
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
  hidden(text, max) {
    const budget = max * PRE_CUT_FACTOR + 1024;
    if (text.length <= budget + this.margin) return { text: this.value(text), dropped: 0 };
    const part = this.redactor.redactPrefix(text.slice(0, budget + this.margin), budget);
    return { text: part.text, dropped: text.length - part.end };
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
  spans(text) {
    if (text.length < REMEMBER_FROM) return this.redactor.spans(text);
    let spans = this.known.get(text);
    if (spans === void 0) {
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
    for (let open2 = json.indexOf('"'); open2 >= 0; ) {
      const close = closingQuote(json, open2);
      const inside = json.slice(open2 + 1, close);
      if (inside.length >= REMEMBER_FROM && this.known.get(inside)?.length === 0) {
        if (this.redactor.finds(json.slice(from, open2 + 1 + this.margin))) return true;
        from = close - this.margin;
      }
      open2 = json.indexOf('"', close + 1);
    }
    return this.redactor.finds(json.slice(from));
  }
};
function closingQuote(json, open2) {
  for (let at = json.indexOf('"', open2 + 1); at >= 0; at = json.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (json.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return json.length;
}

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
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return void 0;
  if (/^\d{1,9}(\.\d{1,6})?$/.test(text)) return Math.round(Number(text) * 1e3);
  const at = Date.parse(text);
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
function classifyNetworkError(error2) {
  if (error2 instanceof ApiError) return error2;
  const code = typeof error2?.code === "string" ? error2.code : "";
  const message = errorMessage(error2);
  if (error2 instanceof Error && error2.name === "ProxyError") return proxyFailure(error2);
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
  const text = code && !message.includes(code) ? `${code}${message ? ` (${message})` : ""}` : message;
  const hint = code === "ENOTFOUND" || code === "EAI_AGAIN" ? HINTS.hostName : code === "ECONNREFUSED" ? HINTS.port : void 0;
  const transient = NOT_SENT_CODES.has(code) || CUT_CODES.has(code) || code.startsWith("HPE_") || CUT_MESSAGES.test(message);
  return new ApiError(transient ? "transient" : "fatal", text, {
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
function apiUrlSuspicion(error2) {
  if (error2.fromNineData) return void 0;
  switch (error2.symptom) {
    case "refused":
      return "nothing accepted the connection: check the port (and that NineData is reachable from the runner)";
    case "unresolved":
      return "the host name does not resolve: check the host (and the runner's DNS or proxy settings)";
    case "cut":
      return "the connection was cut or TLS failed before any answer: check the scheme (http:// to an https port, or https:// to a plain-http one, fails like this) and the port";
    case "silent":
      return "nothing answered: check the host and port, and any firewall between the runner and NineData";
    case "foreign":
      if ((error2.httpStatus ?? 0) >= 500) {
        return `HTTP ${error2.httpStatus} with an error page, not NineData's JSON: a gateway in front of NineData may be failing, or it is not NineData's OpenAPI address`;
      }
      return "the answer is not NineData's OpenAPI JSON (an HTML page, a 404): check that it is the base URL of NineData's OpenAPI (without /openapi), not another site or the console's page";
    case "proxy":
      return "the proxy did not open the way: check https_proxy / http_proxy and no_proxy";
    default:
      return void 0;
  }
}
function pointsAtAddress(error2) {
  if (error2.fromNineData) return false;
  switch (error2.symptom) {
    case "unresolved":
    case "cut":
      return true;
    case "foreign":
      return !isTransientStatus(error2.httpStatus ?? 0);
    default:
      return false;
  }
}
function proxyFailure(error2) {
  const status = error2.proxyStatus;
  const hint = status === 407 ? HINTS.proxyCredentials : HINTS.proxy;
  return new ApiError(status === 407 ? "fatal" : "transient", error2.message, {
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
function endingOf(error2, doing) {
  if (error2 instanceof EndingError) return error2.ending;
  if (error2 instanceof StopError) {
    return error2.reason === "timeout" ? { how: "timeout", outage: error2.outage } : { how: "cancelled", outage: error2.outage };
  }
  if (!(error2 instanceof ApiError)) return crashEnding(error2);
  const id = error2.requestId ? ` (requestId ${error2.requestId})` : "";
  const said = error2.kind === "business" ? `NineData said "${error2.message}"` : error2.kind === "auth" ? `NineData rejected the credentials or the request signature: "${error2.message}"` : error2.kind === "protocol" ? `${error2.message}. This is not treated as a pass` : error2.message;
  const ending = { how: "error", message: `${doing}: ${said}${id}.`, hint: hintOf(error2) };
  return error2.misaddressed ? { ...ending, hintFirst: true } : ending;
}
function crashEnding(error2) {
  return {
    how: "error",
    message: `The action crashed: ${errorMessage(error2)}`
  };
}
function hintOf(error2) {
  if (!error2) return void 0;
  if (error2.kind === "auth") return HINTS.credentials;
  if (isBusyRefusal(error2)) return HINTS.busyTask;
  if (error2.kind === "business" && /(?<!precheck )task not found/i.test(error2.message))
    return HINTS.taskNotFound;
  return error2.hint && sentence(error2.hint);
}
function isBusyRefusal(error2) {
  return error2 instanceof ApiError && error2.kind === "business" && /status invalid/i.test(error2.message);
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
function sentence(text) {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

// src/ninedata/api-types.ts
var PRECHECK_STATUSES = ["Unstarted", "Running", "Failed", "Success"];
var RUN_STATUSES = ["starting", "running", "success", "failed", "stopped"];

// src/status/status-word.ts
var LONGEST_WORD = 16;
function canonicalWord(text, vocabulary) {
  let from = 0;
  let to = text.length;
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  if (to - from > LONGEST_WORD) return void 0;
  const word = text.slice(from, to);
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

// src/status/run-status.ts
function canonicalRunStatus(status) {
  return canonicalWord(status, RUN_STATUSES);
}
function isRunSettled(status) {
  const run = canonicalRunStatus(status);
  return run !== "starting" && run !== "running";
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
  const unreadable = results.objects.filter((o) => o.correctSql === void 0);
  if (unreadable.length === 0) return void 0;
  const first = unreadable[0]?.unreadable ?? "no answer";
  return `The correction SQL of ${plural(unreadable.length, "object")} could not be read, so ${unreadable.length === 1 ? "it is" : "they are"} not verified: ${listNames(unreadable)} (${first}).`;
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
  const unreadable = results.tables.filter((t) => t.unreadable !== void 0);
  if (unreadable.length > 0) {
    return `The differences of ${plural(unreadable.length, "table")} could not be read: ${listNames(unreadable)} (${unreadable[0]?.unreadable ?? ""}).`;
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
  const code = (text) => `<code>${safe.code(text)}</code>`;
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
  const failed = verdict.phase === "comparison" && verdict.softenedBy ? "found differences" : "failed";
  switch (verdict.kind) {
    case "passed":
      return verdict.phase === "comparison" ? `\u2705 ${what}: no difference` : `\u2705 ${what} passed`;
    case "failed":
      return stepFails(report) ? `\u274C ${what} ${failed}` : `\u26A0\uFE0F ${what} ${failed} (not blocking: ${verdict.softenedBy ?? "fail-on-failure"} is false)`;
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
  const code = (text) => `<code>${safe.code(text)}</code>`;
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

export {
  summary,
  setSecret,
  getInput,
  setOutput,
  setFailed,
  debug,
  error,
  warning,
  info,
  startGroup,
  endGroup,
  HINTS,
  errorMessage,
  ApiError,
  StopError,
  isTransientStatus,
  mayHaveReachedServer,
  parseRetryAfter,
  classifyNetworkError,
  apiUrlSuspicion,
  pointsAtAddress,
  FINISHED,
  EndingError,
  endingOf,
  crashEnding,
  isBusyRefusal,
  plural,
  formatDuration,
  formatSeconds,
  LIMITS,
  Redactor,
  jsonStrings,
  realTime,
  canonicalStatus,
  isFinalStatus,
  itemLabel,
  oddItems,
  itemsMissingAtEnd,
  isSettled,
  MAX_TRACKED_ITEMS,
  ItemHistory,
  canonicalRunStatus,
  isRunSettled,
  shorten,
  visible,
  codeSpans,
  rowTotal,
  objectLabel,
  decideComparison,
  SafeText,
  require_node_fs,
  reportOf,
  stepFails,
  countedDifferences,
  recordsDiffer,
  orderForReport,
  verdictHeading,
  greenMeaning,
  renderSummary
};
//# sourceMappingURL=chunk-CL54DKNG.js.map
