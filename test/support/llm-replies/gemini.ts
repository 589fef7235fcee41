/**
 * Gemini Developer API replies as generativelanguage.googleapis.com sends them, for
 * `new GoogleGenAI({ apiKey: "test", httpOptions: { baseUrl: server.url } })`: the SDK joins
 * baseUrl, the API version (v1beta) and the method, and sends the key as x-goog-api-key:
 *   POST /v1beta/models/{model}:generateContent
 *   POST /v1beta/models/{model}:streamGenerateContent?alt=sse   (SSE, `data:` lines only)
 *   POST /v1beta/models/{model}:batchEmbedContents   (what models.embedContent calls,
 *        body `{ requests: [{ model, content }] }`; not :embedContent)
 * The SDK retries only when httpOptions.retryOptions is set, and then ignores Retry-After.
 */
import { type ErrorReply, fakeId, type JsonReply, type SseReply } from "./common.js";

const MODEL_VERSION = "gemini-2.5-flash";

export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

export interface GeminiFunctionCall {
  name: string;
  args: Record<string, unknown>;
  id?: string;
}

export type FinishReason = "STOP" | "MAX_TOKENS" | "SAFETY" | "RECITATION" | "MALFORMED_FUNCTION_CALL" | "OTHER";

export interface GenerateContentOptions {
  text?: string;
  /** A thought summary part (`thought: true`), as sent with includeThoughts. */
  thought?: string;
  functionCalls?: GeminiFunctionCall[];
  usage?: GeminiUsage;
  /** Set `null` to leave it out (a chunk mid-stream). Default "STOP". */
  finishReason?: FinishReason | null;
  modelVersion?: string;
  responseId?: string;
}

/** Zero counts are left out, as the API does; the total includes thoughts. */
function usageMetadata({ promptTokenCount = 8, candidatesTokenCount = 12, cachedContentTokenCount = 0, thoughtsTokenCount = 0 }: GeminiUsage) {
  return {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount + thoughtsTokenCount,
    ...(cachedContentTokenCount ? { cachedContentTokenCount } : {}),
    promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokenCount }],
    ...(cachedContentTokenCount ? { cacheTokensDetails: [{ modality: "TEXT", tokenCount: cachedContentTokenCount }] } : {}),
    ...(thoughtsTokenCount ? { thoughtsTokenCount } : {}),
  };
}

function body(options: GenerateContentOptions, withUsage: boolean) {
  const parts: object[] = [];
  if (options.thought !== undefined) parts.push({ text: options.thought, thought: true });
  if (options.text !== undefined) parts.push({ text: options.text });
  for (const call of options.functionCalls ?? []) parts.push({ functionCall: call });
  const finishReason = options.finishReason === undefined ? "STOP" : options.finishReason;
  return {
    candidates: [{ content: { parts, role: "model" }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    ...(withUsage ? { usageMetadata: usageMetadata(options.usage ?? {}) } : {}),
    modelVersion: options.modelVersion ?? MODEL_VERSION,
    responseId: options.responseId ?? fakeId("", 23),
  };
}

export function generateContentResponse(options: GenerateContentOptions = {}): JsonReply {
  const withText = options.text === undefined && !options.functionCalls && options.thought === undefined;
  return { kind: "json", body: body(withText ? { ...options, text: "Hello!" } : options, true) };
}

/**
 * One SSE `data:` line per chunk, each a whole GenerateContentResponse sharing one
 * responseId. Only the last chunk gets a finishReason ("STOP") and usageMetadata unless a
 * chunk sets its own; add `delayMs` / `destroyAfter` by spreading the result.
 */
export function generateContentStream(...chunks: GenerateContentOptions[]): SseReply {
  const responseId = chunks.find((chunk) => chunk.responseId)?.responseId ?? fakeId("", 23);
  const events = chunks.map((chunk, index) => {
    const last = index === chunks.length - 1;
    const finishReason = chunk.finishReason === undefined ? (last ? "STOP" : null) : chunk.finishReason;
    return { data: body({ ...chunk, responseId, finishReason }, last || chunk.usage !== undefined) };
  });
  return { kind: "sse", events };
}

/** The :batchEmbedContents reply: one `{ values }` per input content. */
export function embedContentResponse({ vectors }: { vectors: number[][] }): JsonReply {
  return { kind: "json", body: { embeddings: vectors.map((values) => ({ values })) } };
}

const STATUS_NAMES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export interface GeminiErrorOptions {
  retryAfter?: string;
  details?: object[];
}

/** Google's error shape: `{ error: { code, message, status } }` (status is the gRPC name). */
export function geminiError(status: number, message: string, options: GeminiErrorOptions = {}): ErrorReply {
  const error = { code: status, message, status: STATUS_NAMES[status] ?? "UNKNOWN", ...(options.details ? { details: options.details } : {}) };
  return { kind: "error", status, body: { error }, retryAfter: options.retryAfter };
}

/**
 * Vertex AI's `:predict` reply for text-embedding models (what models.embedContent calls on
 * a `vertexai: true` client for e.g. text-embedding-005), with each input's token count.
 */
export function vertexPredictEmbeddings({ vectors, tokenCounts }: { vectors: number[][]; tokenCounts: number[] }): JsonReply {
  return {
    kind: "json",
    body: { predictions: vectors.map((values, i) => ({ embeddings: { values, statistics: { truncated: false, token_count: tokenCounts[i] ?? 0 } } })) },
  };
}
