import { shared } from "../config/registry.js";
import { type ExportPipeline } from "./pipeline.js";

const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/**
 * Traces queued when the process ends are written, not lost:
 * - a normal end (the event loop empties): `beforeExit` runs the asynchronous flush;
 * - `process.exit()`: the `exit` event can only run synchronous code, so exporters with
 *   `exportSync` get the remainder;
 * - SIGTERM / SIGINT / SIGHUP: flush synchronously; when traced is the only listener, the
 *   signal is then re-raised so the process ends exactly as it would have.
 */
export function installExitFlush(pipeline: ExportPipeline): void {
  const state = shared("export.exitFlush", () => ({ installed: false }));
  if (state.installed) return;
  state.installed = true;

  process.on("beforeExit", () => {
    if (pipeline.pending > 0) void pipeline.flush();
  });
  process.on("exit", () => pipeline.flushSync());
  for (const signal of SIGNALS) {
    const onSignal = () => {
      pipeline.flushSync();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
