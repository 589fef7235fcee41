/**
 * Makes a tool call's TOOL span the active traced span while the Agents SDK runs the tool's
 * function, so spans opened there (`withSpan`, `@trace`, `traced/openai`'s) nest under it.
 * The SDK keeps its current span in a context storage apps may replace
 * (`setTracingContextStorage`); traced's wraps the SDK's own. When the SDK makes a function
 * span current (just before it starts the span and calls the tool), traced's span for it
 * becomes active in that same scope, and leaves with it when the SDK's scope ends.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setTracingContextStorage, type Span as AgentsSpan, type TracingContextStorage } from "@openai/agents";
import type { RecordingSpan } from "../../capture/recording-span.js";
import { diagnostics } from "../../config/registry.js";
import { contextStorage } from "../../context/storage.js";

/** Where the SDK keeps its storage, shared by all its copies (its documented global symbol). */
const SDK_STORAGE = Symbol.for("openai.agents.core.asyncLocalStorage");
const WRAPPED = Symbol.for("traced.openaiAgents.toolContext");

type SdkContext = { span?: AgentsSpan<any> | null } | undefined;
type ToolSpanLookup = (span: AgentsSpan<any>) => RecordingSpan | undefined;

function toolSpan(context: SdkContext, lookup: ToolSpanLookup): RecordingSpan | undefined {
  const span = context?.span;
  if (span === null || span === undefined || span.spanData?.type !== "function") return undefined;
  try {
    return lookup(span);
  } catch (error) {
    diagnostics.reportOnce("openai-agents-tool-context-failed", "traced/openai-agents: could not find a tool call's span; spans opened inside the tool nest under the active span", error);
    return undefined;
  }
}

/** Wraps the SDK's context storage once; `lookup` gives traced's span for an SDK function span (opening it if the SDK has not started it yet). */
export function installToolContext(lookup: ToolSpanLookup): void {
  try {
    const globalScope = globalThis as Record<PropertyKey, unknown>;
    const current = globalScope[SDK_STORAGE] as (TracingContextStorage<SdkContext> & { [WRAPPED]?: true }) | undefined;
    if (current?.[WRAPPED] === true) return;
    const inner: TracingContextStorage<SdkContext> = current ?? new AsyncLocalStorage<SdkContext>();
    const wrapper: TracingContextStorage<SdkContext> & { [WRAPPED]: true } = {
      [WRAPPED]: true,
      getStore: () => inner.getStore(),
      run(store, callback) {
        const before = contextStorage.getStore();
        try {
          return inner.run(store, callback);
        } finally {
          // The SDK's scope is over: so is the tool span it made active in it (enterWith below).
          if (contextStorage.getStore() !== before) contextStorage.enterWith(before as object);
        }
      },
      enterWith(store) {
        inner.enterWith(store);
        const span = toolSpan(store, lookup);
        if (span !== undefined) contextStorage.enterWith(span);
      },
    };
    setTracingContextStorage(wrapper);
  } catch (error) {
    diagnostics.reportOnce("openai-agents-tool-context-missing", "traced/openai-agents: could not hook the Agents SDK's tracing context; spans opened inside tools nest under the active span", error);
  }
}
