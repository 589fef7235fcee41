/**
 * Gemini responses as span outputs. A streamed `generateContentStream` call is put back
 * together into the response `generateContent` would have given: each chunk is a whole
 * GenerateContentResponse holding the new parts, so per candidate the text parts are joined
 * (thought summaries apart from the answer), other parts (function calls, inline data,
 * code) are kept in order, and the last chunk's finish reason and usage are the call's.
 */
import { type LlmResult } from "../llm/llm-call.js";
import { type StreamAssembler } from "../llm/stream-observer.js";
import { embeddingUsage, geminiUsage } from "./usage.js";

type Part = Record<string, unknown>;

/** The response without `sdkHttpResponse`: the SDK attaches the HTTP headers, which are transport, not the model's answer. */
function withoutTransport(response: unknown): unknown {
  if (typeof response !== "object" || response === null || !("sdkHttpResponse" in response)) return response;
  const { sdkHttpResponse: _, ...rest } = response as Record<string, unknown>;
  return rest;
}

export function responseResult(response: unknown): LlmResult {
  const r = response as { usageMetadata?: unknown; modelVersion?: unknown } | null;
  return { outputs: withoutTransport(response), usage: geminiUsage(r?.usageMetadata), model: r?.modelVersion };
}

export function embeddingResult(response: unknown): LlmResult {
  return { outputs: withoutTransport(response), usage: embeddingUsage(response) };
}

interface CandidateParts {
  index: number;
  role: unknown;
  parts: Part[];
  finishReason: unknown;
  /** Safety ratings, citations, grounding …: the latest chunk's. */
  other: Record<string, unknown>;
}

const TEXT_KEYS = new Set(["text", "thought", "thoughtSignature"]);
const isTextPart = (part: Part): boolean => typeof part.text === "string" && Object.keys(part).every((key) => TEXT_KEYS.has(key));
const RESPONSE_FIELDS = ["usageMetadata", "modelVersion", "responseId", "createTime", "promptFeedback"] as const;

export class GenerateContentAssembler implements StreamAssembler<unknown> {
  private readonly candidates = new Map<number, CandidateParts>();
  private readonly fields: Record<string, unknown> = {};

  add(chunk: unknown): void {
    const c = chunk as Record<string, unknown>;
    for (const key of RESPONSE_FIELDS) if (c[key] !== undefined && c[key] !== null) this.fields[key] = c[key];
    const candidates = Array.isArray(c.candidates) ? (c.candidates as Record<string, unknown>[]) : [];
    for (const [position, candidate] of candidates.entries()) {
      const content = candidate.content as { role?: unknown; parts?: unknown } | undefined;
      // With automatic function calling the SDK yields its own function responses as a
      // "user" turn between the model's; they are inputs to the next request, not output.
      if (content?.role === "user") continue;
      const parts = this.candidate(typeof candidate.index === "number" ? candidate.index : position);
      if (content?.role !== undefined) parts.role = content.role;
      for (const part of Array.isArray(content?.parts) ? (content.parts as Part[]) : []) this.addPart(parts, part);
      for (const [key, value] of Object.entries(candidate)) {
        if (key === "content" || key === "index" || value === undefined || value === null) continue;
        if (key === "finishReason") parts.finishReason = value;
        else parts.other[key] = value;
      }
    }
  }

  private candidate(index: number): CandidateParts {
    let parts = this.candidates.get(index);
    if (parts === undefined) {
      parts = { index, role: "model", parts: [], finishReason: undefined, other: {} };
      this.candidates.set(index, parts);
    }
    return parts;
  }

  private addPart(candidate: CandidateParts, part: Part): void {
    if (typeof part !== "object" || part === null) return;
    const last = candidate.parts[candidate.parts.length - 1];
    if (last !== undefined && isTextPart(part) && isTextPart(last) && Boolean(last.thought) === Boolean(part.thought)) {
      last.text = (last.text as string) + (part.text as string);
      if (part.thoughtSignature !== undefined) last.thoughtSignature = part.thoughtSignature;
    } else {
      candidate.parts.push({ ...part });
    }
  }

  result(): LlmResult {
    const candidates = [...this.candidates.values()]
      .sort((a, b) => a.index - b.index)
      .map(({ index, role, parts, finishReason, other }) => ({
        content: { role, parts },
        ...(finishReason === undefined ? {} : { finishReason }),
        index,
        ...other,
      }));
    const outputs = { candidates, ...this.fields };
    return { outputs, usage: geminiUsage(this.fields.usageMetadata), model: this.fields.modelVersion };
  }
}
