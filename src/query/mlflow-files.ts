/**
 * MLflow trace JSON on disk, so traces move between traced and MLflow.
 * Reading accepts one trace (`{"info", "data"}`), an array of traces, an object with a
 * `traces` array (a search response), or a directory of such `.json` files; and what
 * MLflow's REST API answers, saved to a file: a `traces/get` reply (`{"trace": {trace_info,
 * spans}}`) or a `traces/search` reply (`{"traces": [trace_info]}`: traces without spans).
 * Writing: a directory gets one `<trace_id>.json` per trace (MLflow's `Trace.to_json`);
 * a single file gets a JSON array, whatever the count, or JSON Lines (one trace a line).
 * Reading also takes JSON Lines.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { TraceFormatError, traceFromMlflowDict, traceToMlflowJson } from "../model/mlflow-json.js";
import { type Trace } from "../model/trace.js";
import { isRestTrace, isRestTraceInfo, traceFromRestShape } from "./remote/rest-trace.js";

// Nanosecond integers exceed 2^53: quote them before JSON.parse so they stay exact (a key
// is always preceded by `{` or `,` outside strings; inside strings quotes are escaped).
const NANO_VALUES = /([{,]\s*"(?:start_time_unix_nano|end_time_unix_nano|time_unix_nano|startTimeUnixNano|endTimeUnixNano|timeUnixNano|start_time_ns|end_time_ns|timestamp_ns)"\s*:\s*)(-?\d+)/g;

function parseExact(text: string): unknown {
  return JSON.parse(text.replace(NANO_VALUES, '$1"$2"'));
}

/** JSON Lines: each non-blank line one trace. Undefined when the text is not that (its first line alone is no JSON object). */
function parseJsonLines(text: string, source: string): unknown[] | undefined {
  const lines = text.split("\n").map((line, i) => [line.trim(), i + 1] as const).filter(([line]) => line !== "");
  if (lines.length < 2 || !lines[0]![0].startsWith("{")) return undefined;
  try {
    parseExact(lines[0]![0]);
  } catch {
    return undefined;
  }
  return lines.map(([line, number]) => {
    try {
      return parseExact(line);
    } catch (error) {
      throw new TraceFormatError(`${source} line ${number}: not valid JSON: ${(error as Error).message}`);
    }
  });
}

export function parseMlflowTraces(text: string, source = "input"): Trace[] {
  let parsed: unknown;
  try {
    parsed = parseExact(text);
  } catch (error) {
    parsed = parseJsonLines(text, source);
    if (parsed === undefined) throw new TraceFormatError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(parsed)
    ? parsed
    : typeof parsed === "object" && parsed !== null && Array.isArray((parsed as { traces?: unknown }).traces)
      ? (parsed as { traces: unknown[] }).traces
      : [parsed];
  return items.map((item, i) => {
    try {
      return isRestTrace(item) || isRestTraceInfo(item) ? traceFromRestShape(item as Record<string, unknown>) : traceFromMlflowDict(item);
    } catch (error) {
      throw new TraceFormatError(`${source}${items.length > 1 ? ` (trace ${i})` : ""}: ${(error as Error).message}`);
    }
  });
}

/** The files to import from a path: the file itself, or a directory's `.json` and `.jsonl` files in name order. */
export function traceFilesAt(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith(".json") || name.endsWith(".jsonl"))
    .sort()
    .map((name) => join(path, name));
}

export function readMlflowTraceFile(file: string): Trace[] {
  return parseMlflowTraces(readFileSync(file, "utf8"), file);
}

/** Writes traces one at a time as they arrive, so a large export never sits in memory whole. */
export interface TraceSink {
  write(trace: Trace): void;
  close(): void;
}

export function directorySink(directory: string): TraceSink {
  return {
    write(trace) {
      writeFileSync(join(directory, `${trace.traceId}.json`), traceToMlflowJson(trace, 2) + "\n");
    },
    close() {},
  };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** writeSync until every byte is written: a pipe (stdout) may be non-blocking and take part of it, or none (EAGAIN). */
function writeFully(fd: number, text: string): void {
  let data = Buffer.from(text);
  while (data.length > 0) {
    try {
      data = data.subarray(writeSync(fd, data));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** `json`: one JSON array; `jsonl`: JSON Lines, one trace per line. */
export type TraceFileFormat = "json" | "jsonl";

/**
 * One file (a path, or an open descriptor such as 1 for stdout). An array even for one trace
 * or none, so that a reader never has to guess the shape from the count.
 */
export function fileSink(file: string | number, format: TraceFileFormat = "json"): TraceSink {
  const fd = typeof file === "number" ? file : openSync(file, "w");
  const lines = format === "jsonl";
  let written = 0;
  if (!lines) writeFully(fd, "[");
  return {
    write(trace) {
      const json = traceToMlflowJson(trace);
      writeFully(fd, lines ? json + "\n" : (written === 0 ? "\n" : ",\n") + json);
      written++;
    },
    close() {
      try {
        if (!lines) writeFully(fd, written ? "\n]\n" : "]\n");
      } finally {
        if (typeof file !== "number") closeSync(fd);
      }
    },
  };
}
