/** Mock AI SDK models (from `ai/test`) scripted per call, for the AI SDK integration tests. */
import { MockEmbeddingModelV3, MockLanguageModelV3, simulateReadableStream } from "ai/test";

export const usage = (input: number, output: number, cacheRead?: number) => ({
  inputTokens: { total: input, noCache: cacheRead === undefined ? input : input - cacheRead, cacheRead, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});
const finish = (unified: "stop" | "tool-calls") => ({ unified, raw: undefined });

export type Reply = { text: string } | { toolCall: { id: string; name: string; input: unknown } };

/** A model that answers its nth call with `replies[n]`, as one result or as a stream. */
export function scriptedModel(replies: Reply[]): MockLanguageModelV3 {
  let call = 0;
  const next = () => replies[Math.min(call++, replies.length - 1)]!;
  return new MockLanguageModelV3({
    provider: "mock.chat",
    modelId: "mock-1",
    doGenerate: async () => {
      const reply = next();
      return "text" in reply
        ? { content: [{ type: "text", text: reply.text }], finishReason: finish("stop"), usage: usage(10, 4, 2), warnings: [] }
        : { content: [{ type: "tool-call", toolCallId: reply.toolCall.id, toolName: reply.toolCall.name, input: JSON.stringify(reply.toolCall.input) }], finishReason: finish("tool-calls"), usage: usage(8, 3), warnings: [] };
    },
    doStream: async () => {
      const reply = next();
      const chunks =
        "text" in reply
          ? [{ type: "text-start", id: "t" }, ...reply.text.split(" ").map((word, i) => ({ type: "text-delta", id: "t", delta: (i ? " " : "") + word })), { type: "text-end", id: "t" }, { type: "finish", finishReason: finish("stop"), usage: usage(10, 4, 2) }]
          : [{ type: "tool-call", toolCallId: reply.toolCall.id, toolName: reply.toolCall.name, input: JSON.stringify(reply.toolCall.input) }, { type: "finish", finishReason: finish("tool-calls"), usage: usage(8, 3) }];
      return { stream: simulateReadableStream({ chunks: [{ type: "stream-start", warnings: [] }, ...chunks] as never[], chunkDelayInMs: 1 }) };
    },
  });
}

/** A streaming model whose stream is given whole (for aborts and errors). */
export function streamingModel(chunks: unknown[], chunkDelayInMs: number): MockLanguageModelV3 {
  return new MockLanguageModelV3({ provider: "mock.chat", modelId: "mock-1", doStream: async () => ({ stream: simulateReadableStream({ chunks: chunks as never[], chunkDelayInMs }) }) });
}

export function embeddingModel(): MockEmbeddingModelV3 {
  return new MockEmbeddingModelV3({
    provider: "mock.embedding",
    modelId: "embed-1",
    doEmbed: async ({ values }) => ({ embeddings: values.map((value) => [String(value).length, 0.5]), usage: { tokens: 3 * values.length }, warnings: [] }),
  });
}

/**
 * A streaming model whose nth call streams `calls[n]`, one chunk per millisecond; a call given
 * `{ failAfter, error }` streams that many text deltas, then its stream itself fails (a
 * dropped connection: the stream errors, no `error` part).
 */
export type StreamCall = { chunks: unknown[] } | { failAfter: number; error: Error };

export function scriptedStreamModel(calls: StreamCall[]): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    provider: "mock.chat",
    modelId: "mock-1",
    doStream: async () => {
      const script = calls[Math.min(call++, calls.length - 1)]!;
      const stream = new ReadableStream({
        async start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          const chunks = "chunks" in script ? script.chunks : [{ type: "text-start", id: "t" }, ...Array.from({ length: script.failAfter }, (_, i) => ({ type: "text-delta", id: "t", delta: `w${i} ` }))];
          for (const chunk of chunks) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            controller.enqueue(chunk);
          }
          if ("error" in script) controller.error(script.error);
          else controller.close();
        },
      });
      return { stream: stream as never };
    },
  });
}

export const toolCallChunks = (id: string, name: string, input: unknown) => [
  { type: "tool-call", toolCallId: id, toolName: name, input: JSON.stringify(input) },
  { type: "finish", finishReason: finish("tool-calls"), usage: usage(8, 3) },
];
export const textChunks = (words: string[]) => [
  { type: "text-start", id: "t" },
  ...words.map((word, i) => ({ type: "text-delta", id: "t", delta: (i ? " " : "") + word })),
  { type: "text-end", id: "t" },
  { type: "finish", finishReason: finish("stop"), usage: usage(10, 4) },
];

/**
 * A model that behaves like a provider over fetch: `doGenerate` and `doStream` reject with `down`
 * when it is given or with the abort's reason when the call is already aborted; `doGenerate`
 * otherwise waits for the abort (a request in flight); the stream sends `chunks` one per
 * millisecond and fails with the abort's reason when the call is aborted.
 */
export function fetchLikeModel({ chunks = [] as unknown[], down }: { chunks?: unknown[]; down?: Error } = {}): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: "mock.chat",
    modelId: "mock-1",
    doGenerate: async ({ abortSignal }) => {
      if (down) throw down;
      abortSignal?.throwIfAborted();
      return await new Promise<never>((_, reject) => abortSignal?.addEventListener("abort", () => reject(abortSignal.reason), { once: true }));
    },
    doStream: async ({ abortSignal }) => {
      if (down) throw down;
      abortSignal?.throwIfAborted();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          abortSignal?.addEventListener("abort", () => (clearTimeout(timer), controller.error(abortSignal.reason)), { once: true });
          let sent = 0;
          const next = () => {
            if (sent === chunks.length) return controller.close();
            controller.enqueue(chunks[sent++]);
            timer = setTimeout(next, 1);
          };
          timer = setTimeout(next, 1);
        },
        cancel: () => clearTimeout(timer),
      });
      return { stream: stream as never };
    },
  });
}
