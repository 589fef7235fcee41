/**
 * Makes a traced run's span the active span while LangChain runs the run's own code — a
 * tool's function, a RunnableLambda's or a LangGraph node's — so spans opened there (`withSpan`,
 * `@trace`, an SDK integration's) nest under it. LangChain runs that code through its
 * AsyncLocalStorage provider's `runWithConfig`, whose config carries the child callback
 * manager, whose parent run id names the run; the provider singleton is wrapped once here.
 */
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { runInSpan } from "../../capture/block-spans.js";
import { diagnostics } from "../../config/registry.js";
import { openRunSpan } from "./open-runs.js";

type RunWithConfig = (config: unknown, callback: () => unknown, avoidCreatingRootRunTree?: boolean) => unknown;

const WRAPPED = Symbol.for("traced.langchain.runWithConfig");

function parentRunId(config: unknown): string | undefined {
  const callbacks = typeof config === "object" && config !== null ? (config as { callbacks?: unknown }).callbacks : undefined;
  if (typeof callbacks !== "object" || callbacks === null || Array.isArray(callbacks)) return undefined;
  const getParentRunId = (callbacks as { getParentRunId?: unknown }).getParentRunId;
  if (typeof getParentRunId !== "function") return undefined;
  const id: unknown = getParentRunId.call(callbacks);
  return typeof id === "string" ? id : undefined;
}

export function installRunContext(): void {
  const provider = AsyncLocalStorageProviderSingleton as unknown as Record<PropertyKey, unknown> & { runWithConfig: RunWithConfig };
  if (provider[WRAPPED] === true) return;
  const original = provider.runWithConfig;
  if (typeof original !== "function") {
    diagnostics.reportOnce("langchain-run-context-missing", "traced/langchain: this @langchain/core has no runWithConfig; spans opened inside tools nest under the active span instead");
    return;
  }
  const wrapped: RunWithConfig = function (this: unknown, config, callback, avoidCreatingRootRunTree) {
    let span;
    try {
      span = openRunSpan(parentRunId(config));
    } catch (error) {
      diagnostics.reportOnce("langchain-run-context-failed", "traced/langchain: could not find the run of LangChain code; its spans nest under the active span", error);
    }
    const run = () => Reflect.apply(original, this, [config, callback, avoidCreatingRootRunTree]);
    return span === undefined ? run() : runInSpan(span, run);
  };
  provider.runWithConfig = wrapped;
  provider[WRAPPED] = true;
}
