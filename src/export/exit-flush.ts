import { shared } from "../config/registry.js";
import { type ExportPipeline } from "./pipeline.js";

const SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"] as const;

/**
 * Traces queued when the process ends are written, not lost:
 * - a normal end (the event loop empties): `beforeExit` runs the asynchronous flush;
 * - `process.exit()`: the `exit` event can only run synchronous code, so the remainder goes
 *   to `exportSync`, or `exportAtExit` (OTLP, MLflow: blocking requests from a child process); what
 *   no exporter could take, or was still being exported, is counted and reported;
 * - SIGTERM / SIGINT / SIGHUP: when every exporter has `exportSync`, flush synchronously;
 *   otherwise (OTLP, MLflow) flush the usual way. When traced is the signal's only listener,
 *   the signal is then re-raised so the process ends exactly as it would have: at once after
 *   a synchronous flush, or when the asynchronous one settles or `exitFlushTimeoutMs` passes
 *   (a second signal meanwhile ends it at once).
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

function runFinalSteps(): void {
  for (const step of state.finalSteps.splice(0)) step();
}

export function installExitFlush(pipeline: ExportPipeline): void {
  if (state.installed) return;
  state.installed = true;

  process.on("beforeExit", () => {
    if (pipeline.pending > 0) void pipeline.flush();
  });
  process.on("exit", () => {
    runFinalSteps();
    pipeline.flushSync(true);
    pipeline.abandon("the process exited before their export finished");
  });
  for (const signal of SIGNALS) {
    const onSignal = () => {
      const alone = process.listenerCount(signal) === 1;
      if (!alone) {
        // The app handles the signal and may go on: export what is queued, lose nothing.
        if (pipeline.canExportSync) pipeline.flushSync();
        else void pipeline.flush();
        return;
      }
      process.removeListener(signal, onSignal);
      runFinalSteps();
      if (pipeline.canExportSync) {
        pipeline.flushSync();
        pipeline.abandon(`the process ended on ${signal} before their export finished`);
        process.kill(process.pid, signal);
        return;
      }
      endAfterFlush(pipeline, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Re-raises `signal` once the asynchronous flush settles or its time runs out. */
function endAfterFlush(pipeline: ExportPipeline, signal: NodeJS.Signals): void {
  const waitMs = pipeline.options.exitFlushTimeoutMs;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(deadline);
    pipeline.abandon(`the process ended on ${signal} before the exporters finished (waited ${waitMs} ms, exitFlushTimeoutMs)`);
    process.kill(process.pid, signal);
  };
  const deadline = setTimeout(end, waitMs);
  void pipeline.flush().finally(end);
}
