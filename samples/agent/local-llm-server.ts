/**
 * A stand-in for an LLM provider, so the sample runs offline: a local HTTP server speaking
 * OpenAI's Chat Completions protocol (JSON, and server-sent events when asked to stream).
 * It answers from the prompt, deterministically, with token counts like a real API.
 */
import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo } from "node:net";

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function answerTo(request: ChatRequest): string {
  const question = request.messages.at(-1)?.content ?? "";
  const notes = request.messages.find((m) => m.role === "system")?.content.split("\n").length ?? 0;
  return `Based on ${notes} notes: ${question.replace(/\?$/, "")} is about tracing.`;
}

async function readJson(request: IncomingMessage): Promise<ChatRequest> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return JSON.parse(body) as ChatRequest;
}

export interface LocalLlmServer {
  /** The base URL to give the OpenAI client. */
  readonly baseURL: string;
  close(): Promise<void>;
}

export async function startLocalLlmServer(): Promise<LocalLlmServer> {
  const server = createServer(async (req, res) => {
    const request = await readJson(req);
    const answer = answerTo(request);
    const usage = { prompt_tokens: words(request.messages.map((m) => m.content).join(" ")), completion_tokens: words(answer) };
    const common = { id: "chatcmpl-sample", created: Math.floor(Date.now() / 1000), model: `${request.model}-2024-07-18` };
    const totals = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    if (!request.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ...common, object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }], usage: totals }));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify({ ...common, object: "chat.completion.chunk", ...(data as object) })}\n\n`);
    for (const word of answer.split(" ")) {
      send({ choices: [{ index: 0, delta: { content: word + " " }, finish_reason: null }] });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    send({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] });
    if (request.stream_options?.include_usage) send({ choices: [], usage: totals });
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
