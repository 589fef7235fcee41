/**
 * `traced/langchain`: LangChain.js and LangGraph.js runs as traced spans.
 * - `new TracedCallbackHandler(options?)`: pass it in `callbacks` of a run;
 * - `autolog(options?)`: traces every run from then on; `autolog({ disable: true })` undoes it.
 */
export { TracedCallbackHandler, type LangChainTracingOptions } from "./callback-handler.js";
export { autolog, type LangChainAutologOptions } from "./autolog.js";
