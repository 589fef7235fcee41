/**
 * `autolog()`: a TracedCallbackHandler on every LangChain run, through LangChain's own
 * configure hooks — a hook naming a context variable, which holds the handler. LangChain's
 * context variables live in its AsyncLocalStorage: set outside any run they hold for the
 * code that follows in the same async flow (the app's startup), as LangChain documents.
 */
import { registerConfigureHook, setContextVariable } from "@langchain/core/context";
import { type AutologOptions, validateAutologOptions } from "../llm/integration-options.js";
import { TracedCallbackHandler } from "./callback-handler.js";

const CONTEXT_VARIABLE = "traced_callback_handler";

let current: TracedCallbackHandler | undefined;

export type LangChainAutologOptions = AutologOptions;

export function autolog(options?: LangChainAutologOptions): void {
  const { disable, options: spanOptions } = validateAutologOptions(options, "traced/langchain autolog");
  // The old handler stops, wherever LangChain still holds it (copies share its state).
  if (current !== undefined) current.state.active = false;
  current = undefined;
  if (disable) {
    setContextVariable(CONTEXT_VARIABLE, undefined);
    return;
  }
  current = new TracedCallbackHandler(spanOptions);
  // Registered with the variable, in the same async flow (a repeated hook is harmless: LangChain adds a handler once by name).
  registerConfigureHook({ contextVar: CONTEXT_VARIABLE, inheritable: true });
  setContextVariable(CONTEXT_VARIABLE, current);
}
