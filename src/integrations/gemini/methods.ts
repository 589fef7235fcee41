/**
 * The `@google/genai` methods traced, and how each maps onto an LLM call. They are the
 * public methods of `ai.models`; `ai.chats` sessions call them too, so a chat turn is one
 * span. Each call is one span however many requests the SDK makes for it (automatic
 * function calling, continuations).
 */
import { diagnostics } from "../../config/registry.js";
import { SpanType } from "../../model/span-type.js";
import { type LlmCall, type LlmRequest, type LlmResult } from "../llm/llm-call.js";
import { observeInPlace } from "../llm/observe-in-place.js";
import { type MethodAdapter } from "../llm/traced-method.js";
import { embeddingResult, GenerateContentAssembler, responseResult } from "./response-assembler.js";
import { watchRequestAttempts } from "./request-attempts.js";
import { geminiTools } from "./tools.js";

export const GEMINI_METHODS = ["generateContent", "generateContentStream", "embedContent"] as const;
export type GeminiMethod = (typeof GEMINI_METHODS)[number];

interface Params {
  model?: unknown;
  config?: { tools?: unknown; abortSignal?: unknown };
}

/**
 * MLflow passes `mlflow.llm.provider` to its price lookup as LiteLLM's provider name:
 * `gemini` is the Gemini Developer API, `vertex_ai` Vertex AI (same models, own prices).
 */
function providerOf(models: object): string {
  try {
    const apiClient = (models as { apiClient?: { isVertexAI?: () => unknown } }).apiClient;
    return apiClient?.isVertexAI?.() === true ? "vertex_ai" : "gemini";
  } catch {
    return "gemini";
  }
}

function signalOf(params: Params | undefined): AbortSignal | undefined {
  const signal = params?.config?.abortSignal;
  return typeof signal === "object" && signal !== null && typeof (signal as AbortSignal).addEventListener === "function" ? (signal as AbortSignal) : undefined;
}

/** Ends `call` from a result, never letting a surprise escape into an unhandled rejection. */
function settle(call: LlmCall, toResult: () => LlmResult): void {
  try {
    call.succeed(toResult());
  } catch (error) {
    diagnostics.reportOnce(`llm-result-unrecognised:${call.span.name}`, `${call.span.name} returned a response traced does not know; its span has no outputs`, error);
    call.succeed({ outputs: undefined });
  }
}

function watchStream(call: LlmCall, stream: unknown, signal: AbortSignal | undefined): void {
  let observed = false;
  let problem: unknown;
  try {
    observed = observeInPlace(stream, call, new GenerateContentAssembler(), signal);
  } catch (error) {
    problem = error;
  }
  if (!observed) {
    diagnostics.reportOnce("gemini-stream-unrecognised", `${call.span.name} returned a stream traced cannot observe (a new SDK version?); its span has no outputs`, problem);
    call.succeed({ outputs: undefined });
  }
}

/**
 * How one method of one `ai.models` object is traced. `active` lets autolog switch its
 * wrappers off: a call it says no to is not traced at all.
 */
export function geminiAdapter(method: GeminiMethod, models: object, active?: () => boolean): MethodAdapter {
  return {
    describe(args): LlmRequest | undefined {
      if (active !== undefined && !active()) return undefined;
      const params = args[0];
      if (typeof params !== "object" || params === null) return undefined;
      const p = params as Params;
      return {
        method: `models.${method}`,
        defaultName: `Models.${method}`,
        defaultSpanType: method === "embedContent" ? SpanType.EMBEDDING : SpanType.CHAT_MODEL,
        inputs: params,
        provider: providerOf(models),
        messageFormat: "gemini",
        model: p.model,
        tools: method === "embedContent" ? undefined : geminiTools(p.config?.tools),
      };
    },
    observe(result, call, target, args) {
      if (typeof (result as Promise<unknown> | null)?.then !== "function") return false;
      watchRequestAttempts((target as { apiClient?: unknown }).apiClient);
      const params = args[0] as Params | undefined;
      const fail = (error: unknown) => call.fail(error);
      if (method === "generateContentStream") {
        const signal = signalOf(params);
        (result as Promise<unknown>).then((stream) => watchStream(call, stream, signal), fail);
      } else {
        const toResult = method === "embedContent" ? embeddingResult : responseResult;
        (result as Promise<unknown>).then((response) => settle(call, () => toResult(response)), fail);
      }
      return true;
    },
  };
}
