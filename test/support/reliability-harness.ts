/**
 * Shared pieces of the reliability suite: a fresh tracing state per test, a diagnostics
 * recorder, and exporters that misbehave in the ways real destinations do.
 */
import { configure, reset, type Diagnostic, type TraceExporter, type Trace } from "../../src/index.js";

export interface DiagnosticsRecorder {
  readonly all: Diagnostic[];
  /** Diagnostics whose code equals `code` or starts with `code:` (per-exporter codes). */
  withCode(code: string): Diagnostic[];
}

/** Resets traced and routes diagnostics into a list (instead of console.warn). */
export function freshTracing(options: Parameters<typeof configure>[0] = {}): DiagnosticsRecorder {
  reset();
  const all: Diagnostic[] = [];
  configure({ ...options, onDiagnostic: (d) => all.push(d) });
  return {
    all,
    withCode: (code) => all.filter((d) => d.code === code || d.code.startsWith(`${code}:`)),
  };
}

/** Counts what reaches it; its behaviour per call is given by `behave`. */
export class ScriptedExporter implements TraceExporter {
  readonly traces: Trace[] = [];
  calls = 0;
  constructor(
    readonly name: string,
    private readonly behave: (traces: readonly Trace[]) => void | Promise<void>,
  ) {}
  export(traces: readonly Trace[]): void | Promise<void> {
    this.calls++;
    const result = this.behave(traces);
    if (result instanceof Promise) return result.then(() => void this.traces.push(...traces));
    this.traces.push(...traces);
  }
}

export const never = <T>(): Promise<T> => new Promise<T>(() => {});
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The app's own error type, so tests can check identity and class survive tracing. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly detail: { code: number },
  ) {
    super(message);
    this.name = "AppError";
  }
}
