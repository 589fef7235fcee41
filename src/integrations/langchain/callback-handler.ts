/**
 * LangChain's callbacks as traced spans. Each run becomes a span under its parent run's span
 * (or the active span, for a top-level run): chains CHAIN, LangGraph graphs and nodes AGENT,
 * chat models CHAT_MODEL and LLMs LLM (through the LLM core, so they match a direct SDK call's
 * span), tools TOOL, retrievers RETRIEVER. Every method catches its own failures: tracing
 * reports them once and never changes what LangChain does.
 */
import { BaseCallbackHandler, type HandleLLMNewTokenCallbackFields, type NewTokenIndices } from "@langchain/core/callbacks/base";
import { type DocumentInterface } from "@langchain/core/documents";
import { type Serialized } from "@langchain/core/load/serializable";
import { type BaseMessage } from "@langchain/core/messages";
import { type LLMResult } from "@langchain/core/outputs";
import { type ChainValues } from "@langchain/core/utils/types";
import { openBlockSpan } from "../../capture/block-spans.js";
import { isRecordingSpan } from "../../capture/recording-span.js";
import { failSpan } from "../../capture/traced-call.js";
import { config, diagnostics } from "../../config/registry.js";
import { SpanType } from "../../model/span-type.js";
import { serialize } from "../../processing/serialize.js";
import { type IntegrationOptions, validateIntegrationOptions } from "../llm/integration-options.js";
import { LlmCall } from "../llm/llm-call.js";
import { chatCompletion, chatMessages } from "./messages.js";
import { openRuns, openRunSpan } from "./open-runs.js";
import { installRunContext } from "./run-context.js";
import { leaveSdkCallsToModelRuns, openingModelRun } from "./sdk-calls.js";
import { chainSpanType, isGraph, runName } from "./run-names.js";
import { documents, readable, toolInput, toolOutput } from "./readable.js";
import { langchainTools, modelName, provider, responseModel } from "./model-request.js";
import { langchainUsage } from "./usage.js";

export type LangChainTracingOptions = IntegrationOptions;

/** Shared by a handler and the copies LangChain makes of it, so turning tracing off reaches them all. */
interface HandlerState {
  active: boolean;
  readonly options: IntegrationOptions;
}

function guarded(where: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    diagnostics.reportOnce(`langchain-${where}-failed`, `traced/langchain: ${where} could not be traced; LangChain ran on unchanged`, error);
  }
}

export class TracedCallbackHandler extends BaseCallbackHandler {
  name = "traced_callback_handler";
  // Tracing must never make LangChain fail a run.
  override raiseError = false;
  // Awaited, so a run's span is open (and its parent known) before the run's own code starts.
  override awaitHandlers = true;
  /** @internal */
  readonly state: HandlerState;

  constructor(options?: LangChainTracingOptions) {
    super();
    // LangChain's `copy()` passes the handler itself: copies share its state.
    if (options instanceof TracedCallbackHandler) this.state = options.state;
    else this.state = { active: true, options: validateIntegrationOptions(options, "TracedCallbackHandler") };
    installRunContext();
    leaveSdkCallsToModelRuns();
  }

  private get tracing(): boolean {
    return this.state.active && config.enabled;
  }

  private openSpan(runId: string, parentRunId: string | undefined, name: string, spanType: string, inputs: unknown, graph = false): void {
    const parent = openRunSpan(parentRunId);
    const span = openBlockSpan(parent === undefined ? { name, spanType } : { name, spanType, parent });
    if (!isRecordingSpan(span)) return;
    span.inputsJson = serialize(inputs, config);
    openRuns.set(runId, { span, graph });
  }

  private endSpan(runId: string, outputs: unknown): void {
    const run = openRuns.get(runId);
    if (run === undefined) return;
    openRuns.delete(runId);
    if (run.span.isEnded) return;
    run.span.outputsJson = serialize(outputs, config);
    run.span.finish();
  }

  private failRun(runId: string, error: unknown): void {
    const run = openRuns.get(runId);
    if (run === undefined) return;
    openRuns.delete(runId);
    if (run.call !== undefined) run.call.fail(error);
    else if (!run.span.isEnded) failSpan(run.span, error);
  }

  private startModel(kind: "chat" | "llm", llm: Serialized, inputs: Record<string, unknown>, runId: string, parentRunId: string | undefined, extraParams: Record<string, unknown> | undefined, metadata: Record<string, unknown> | undefined, name: string | undefined): void {
    const spanName = runName(llm, name, kind === "chat" ? "chat_model" : "llm");
    const spanType = kind === "chat" ? SpanType.CHAT_MODEL : SpanType.LLM;
    const invocation = (extraParams?.invocation_params ?? {}) as Record<string, unknown>;
    const call = openingModelRun(() =>
      LlmCall.start(
        {
          method: spanName,
          defaultName: spanName,
          defaultSpanType: spanType,
          inputs: { ...invocation, ...inputs },
          provider: provider(metadata),
          messageFormat: kind === "chat" ? "openai" : "langchain",
          model: modelName(invocation, metadata),
          tools: langchainTools(extraParams),
          parent: openRunSpan(parentRunId),
        },
        this.state.options,
      ),
    );
    if (call !== undefined) openRuns.set(runId, { span: call.span, call });
  }

  override handleChatModelStart(llm: Serialized, messages: BaseMessage[][], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>, name?: string): void {
    if (!this.tracing) return;
    guarded("handleChatModelStart", () => this.startModel("chat", llm, { messages: chatMessages(messages[0]) }, runId, parentRunId, extraParams, metadata, name));
  }

  override handleLLMStart(llm: Serialized, prompts: string[], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, _tags?: string[], metadata?: Record<string, unknown>, name?: string): void {
    if (!this.tracing) return;
    guarded("handleLLMStart", () => this.startModel("llm", llm, { prompts }, runId, parentRunId, extraParams, metadata, name));
  }

  override handleLLMNewToken(token: string, _idx: NewTokenIndices, runId: string, _parentRunId?: string, _tags?: string[], _fields?: HandleLLMNewTokenCallbackFields): void {
    guarded("handleLLMNewToken", () => openRuns.get(runId)?.call?.chunk(token));
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    guarded("handleLLMEnd", () => {
      const run = openRuns.get(runId);
      if (run?.call === undefined) return;
      openRuns.delete(runId);
      const model = responseModel(output);
      const chat = run.span.spanType === SpanType.CHAT_MODEL;
      run.call.succeed({ outputs: chat ? chatCompletion(output.generations, model) : output, usage: langchainUsage(output), model });
    });
  }

  override handleLLMError(error: Error, runId: string): void {
    guarded("handleLLMError", () => this.failRun(runId, error));
  }

  // LangChain calls this as (chain, inputs, runId, parentRunId, tags, metadata, runType, runName),
  // whatever order its declaration gives after `runId`.
  override handleChainStart(chain: Serialized, inputs: ChainValues, runId: string, parentRunId?: string, _tags?: unknown, metadata?: unknown, _runType?: string, name?: string): void {
    if (!this.tracing) return;
    guarded("handleChainStart", () => {
      const spanName = runName(chain, name, "chain");
      const parentIsGraph = parentRunId !== undefined && openRuns.get(parentRunId)?.graph === true;
      const spanType = chainSpanType(chain, spanName, metadata as Record<string, unknown> | undefined, parentIsGraph);
      this.openSpan(runId, parentRunId, spanName, spanType, readable(inputs), isGraph(chain));
    });
  }

  override handleChainEnd(outputs: ChainValues, runId: string): void {
    guarded("handleChainEnd", () => this.endSpan(runId, readable(outputs)));
  }

  override handleChainError(error: Error, runId: string): void {
    guarded("handleChainError", () => this.failRun(runId, error));
  }

  override handleToolStart(tool: Serialized, input: string, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, name?: string): void {
    if (!this.tracing) return;
    guarded("handleToolStart", () => this.openSpan(runId, parentRunId, runName(tool, name, "tool"), SpanType.TOOL, toolInput(input)));
  }

  override handleToolEnd(output: unknown, runId: string): void {
    guarded("handleToolEnd", () => this.endSpan(runId, toolOutput(output)));
  }

  override handleToolError(error: Error, runId: string): void {
    guarded("handleToolError", () => this.failRun(runId, error));
  }

  override handleRetrieverStart(retriever: Serialized, query: string, runId: string, parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, name?: string): void {
    if (!this.tracing) return;
    guarded("handleRetrieverStart", () => this.openSpan(runId, parentRunId, runName(retriever, name, "retriever"), SpanType.RETRIEVER, { query }));
  }

  override handleRetrieverEnd(docs: DocumentInterface[], runId: string): void {
    guarded("handleRetrieverEnd", () => this.endSpan(runId, documents(docs)));
  }

  override handleRetrieverError(error: Error, runId: string): void {
    guarded("handleRetrieverError", () => this.failRun(runId, error));
  }
}
