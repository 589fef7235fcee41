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
 * Traces still open at the very end are exported as they are (see capture/open-traces).
 */
const state = shared("export.exitFlush", () => ({ installed: false, finalSteps: [] as (() => void)[] }));

/**
 * Runs `step` (synchronously) just before the last flush, when the process is certainly
 * ending: at `exit`, or before a signal traced re-raises. Not at a signal the app handles
 * itself, since the app may go on.
 */
export function beforeFinalFlush(step: () => void): void {
  state.finalSteps.push(step);
}

function finalFlush(pipeline: ExportPipeline): void {
  for (const step of state.finalSteps.splice(0)) step();
  pipeline.flushSync();
}

export function installExitFlush(pipeline: ExportPipeline): void {
  if (state.installed) return;
  state.installed = true;

  process.on("beforeExit", () => {
    if (pipeline.pending > 0) void pipeline.flush();
  });
  process.on("exit", () => finalFlush(pipeline));
  for (const signal of SIGNALS) {
    const onSignal = () => {
      pipeline.flushSync();
      if (process.listenerCount(signal) === 1) {
        finalFlush(pipeline);
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}
