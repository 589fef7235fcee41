/**
 * `traced/transformer`: turns `/** @traced *\/` JSDoc tags into tracing at build time.
 *
 * - ts-patch (`tspc`): `{ "plugins": [{ "transform": "traced/transformer" }] }` in tsconfig;
 *   the default export is ts-patch's "program" plugin.
 * - `ts.transpileModule` and other single-file tools: `createTracedTransformer(options)`.
 */
import { dirname, relative, resolve, sep } from "node:path";
import type ts from "typescript";
import { createDiagnostic, DiagnosticCode, type Report } from "./diagnostics.js";
import { mayHaveTags, transformFile } from "./transform-file.js";
import { resolveTypeScript, type TS } from "./typescript.js";

export { parseTagOptions, type TagOptions } from "./tag-options.js";
export { DiagnosticCode } from "./diagnostics.js";

export const DEFAULT_RUNTIME = "traced/runtime";

export interface TracedTransformerOptions {
  /** The TypeScript that runs the build (defaults to `require("typescript")`). */
  ts?: TS;
  /** Module specifier of the runtime; default `traced/runtime`. */
  runtime?: string;
  /** Directory that recorded file paths are relative to; default: the file name as given. */
  root?: string;
  /** Receives each diagnostic (bad tag options…); default: written to stderr. */
  onDiagnostic?: (diagnostic: ts.Diagnostic) => void;
}

/** The plugin options a tsconfig `plugins` entry may carry besides `transform`. */
export interface TracedPluginConfig {
  runtime?: string;
  root?: string;
}

/** ts-patch's extras for a "program" plugin (only what this transformer uses). */
export interface ProgramExtras {
  ts?: TS;
  addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

/** A transformer factory for `ts.transpileModule`, `program.emit(…, { before: [it] })` and the like. */
export function createTracedTransformer(options: TracedTransformerOptions = {}): ts.TransformerFactory<ts.SourceFile> {
  const tsi = resolveTypeScript(options.ts);
  const runtime = options.runtime ?? DEFAULT_RUNTIME;
  const recordedPath = pathRecorder(options.root);
  return (context) => {
    const report: Report = options.onDiagnostic ?? stderrReporter(tsi);
    return (file) => {
      // Most files of a project have no tag: they cost one text search and nothing else.
      if (!mayHaveTags(file)) return file;
      try {
        return transformFile(file, { ts: tsi, context, report, runtime, filePath: recordedPath(file.fileName) });
      } catch (error) {
        // A transformer bug must not take the build down: the file is emitted untraced, and said so.
        const message = `internal error, ${file.fileName} is emitted without tracing: ${error instanceof Error ? error.message : String(error)}`;
        report(createDiagnostic(tsi, file, 0, 0, DiagnosticCode.internalError, message));
        return file;
      }
    };
  };
}

/** ts-patch entry: `(program, config, extras) => TransformerFactory`. */
export default function tracedTransformer(program: ts.Program, config: TracedPluginConfig = {}, extras: ProgramExtras = {}): ts.TransformerFactory<ts.SourceFile> {
  const options = program.getCompilerOptions();
  const configFile = typeof options.configFilePath === "string" ? options.configFilePath : undefined;
  const root = config.root ?? (configFile ? dirname(configFile) : program.getCurrentDirectory());
  const addDiagnostic = extras.addDiagnostic;
  return createTracedTransformer({
    ts: extras.ts,
    runtime: config.runtime,
    root,
    onDiagnostic: addDiagnostic ? (d) => void addDiagnostic(d) : undefined,
  });
}

/**
 * Without a channel (TypeScript drops diagnostics that a JavaScript transformer adds to its
 * context), a problem is written to stderr as `file(line,col): message` rather than dropped.
 */
function stderrReporter(tsi: TS): Report {
  return (d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const at = where ? `(${where.line + 1},${where.character + 1})` : "";
    process.stderr.write(`${d.file?.fileName ?? ""}${at}: error TS${d.code}: ${tsi.flattenDiagnosticMessageText(d.messageText, "\n")}\n`);
  };
}

/**
 * A project-relative, forward-slash path, so builds on any machine record the same path.
 * TypeScript's file names are normalized absolute paths, so under the root the answer is
 * the rest of the name; `path.relative` (which resolves both paths) covers everything else.
 */
function pathRecorder(root: string | undefined): (fileName: string) => string {
  if (root === undefined) return (fileName) => fileName.split(sep).join("/");
  const base = resolve(root);
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const fastPath = sep === "/";
  return (fileName) => {
    if (fastPath && fileName.startsWith(prefix) && isPlainRelative(fileName, prefix.length)) return fileName.slice(prefix.length);
    return relative(root, fileName).split(sep).join("/");
  };
}

/** Whether `path` from `from` on has no empty, `.` or `..` segment and no trailing slash (what resolve() would change). */
function isPlainRelative(path: string, from: number): boolean {
  if (from >= path.length || path.endsWith("/")) return false;
  for (let start = from; start <= path.length; ) {
    let end = path.indexOf("/", start);
    if (end === -1) end = path.length;
    const length = end - start;
    if (length === 0) return false;
    if (path.charCodeAt(start) === 46 /* . */ && (length === 1 || (length === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = end + 1;
  }
  return true;
}
