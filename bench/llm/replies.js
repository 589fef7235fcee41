// The bodies the wire server sends, shaped like api.openai.com's Chat Completions replies:
// one plain JSON completion, and its streamed form as 100 SSE chunks (content deltas, the
// finish chunk, the usage chunk that `stream_options.include_usage` asks for), then [DONE].
export const STREAM_CHUNKS = 100;

const MODEL = "gpt-4o-mini-2024-07-18";
const ID = "chatcmpl-BenchK7mYq2w9c1sZ3xP0aRvT5nLd";
const CREATED = 1_764_000_000;
const HEADER = { id: ID, object: "chat.completion.chunk", created: CREATED, model: MODEL, service_tier: "default", system_fingerprint: "fp_560af6e559" };

// 98 content deltas: words of a short answer, the first one carrying the role.
const WORDS = "Tracing records each step of a request as a span with its inputs outputs timing and errors so that a slow or wrong answer can be followed back to the call that caused it".split(" ");
const TOKENS = Array.from({ length: STREAM_CHUNKS - 2 }, (_, i) => (i === 0 ? WORDS[0] : ` ${WORDS[i % WORDS.length]}`));

const usage = {
  prompt_tokens: 31,
  completion_tokens: TOKENS.length,
  total_tokens: 31 + TOKENS.length,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
};

export function completionJson() {
  const message = { role: "assistant", content: TOKENS.join(""), refusal: null, annotations: [] };
  return JSON.stringify({ id: ID, object: "chat.completion", created: CREATED, model: MODEL, choices: [{ index: 0, message, logprobs: null, finish_reason: "stop" }], usage, service_tier: "default", system_fingerprint: "fp_560af6e559" });
}

/** The SSE events, one string each (`data: ...\n\n`), the last one `[DONE]`. */
export function completionEvents() {
  const chunk = (delta, finish) => ({ ...HEADER, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null });
  const chunks = TOKENS.map((content, i) => chunk(i === 0 ? { role: "assistant", content, refusal: null } : { content }, null));
  chunks.push(chunk({}, "stop"));
  chunks.push({ ...HEADER, choices: [], usage });
  return [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), "data: [DONE]\n\n"];
}

/** What every variant sends (the streamed call adds `stream` and `stream_options`). */
export const REQUEST = {
  model: "gpt-4o-mini",
  temperature: 0.2,
  max_tokens: 256,
  messages: [
    { role: "system", content: "You are a concise assistant for engineers. Answer in plain prose." },
    { role: "user", content: "In about a hundred words: what does tracing an LLM application record, and why?" },
  ],
};
