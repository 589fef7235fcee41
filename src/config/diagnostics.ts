/**
 * Tracing problems are reported, never thrown into the app: each kind of problem is
 * reported once (then counted), so a hot loop cannot flood the logs.
 */
export interface Diagnostic {
  /** A stable code, e.g. `exporter-failed`, `serialize-failed`, `span-ended`. */
  readonly code: string;
  readonly message: string;
  readonly error?: unknown;
}

export type DiagnosticHandler = (diagnostic: Diagnostic) => void;

export const defaultDiagnosticHandler: DiagnosticHandler = ({ message, error }) => {
  const detail = error instanceof Error ? `: ${error.stack ?? error.message}` : error === undefined ? "" : `: ${String(error)}`;
  console.warn(`[traced] ${message}${detail}`);
};

export class Diagnostics {
  handler: DiagnosticHandler = defaultDiagnosticHandler;
  /** How often each code occurred, reported or not. */
  readonly counts = new Map<string, number>();

  /** Reports the first occurrence of `code`; later ones are only counted. */
  reportOnce(code: string, message: string, error?: unknown): void {
    const seen = this.counts.get(code) ?? 0;
    this.counts.set(code, seen + 1);
    if (seen === 0) this.emit({ code, message, error });
  }

  /** Reports every time; for rare events that the user must see (a drop summary). */
  report(code: string, message: string, error?: unknown): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
    this.emit({ code, message, error });
  }

  private emit(diagnostic: Diagnostic): void {
    try {
      this.handler(diagnostic);
    } catch {
      // A throwing diagnostic handler must not turn a report into an app failure.
    }
  }

  reset(): void {
    this.counts.clear();
    this.handler = defaultDiagnosticHandler;
  }
}
