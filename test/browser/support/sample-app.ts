/**
 * A small traced "app" run through the public API into a store file, so the browser tests
 * see what a user's real traces look like: an OpenAI-style agent with a tool call, an
 * Anthropic-style chat, a failing tool, a stream, nested spans, tags, users, sessions and
 * token usage, plus simple traces for paging and one trace built from hostile values.
 */
import {
  configure,
  flushTraces,
  reset,
  setSpanAttribute,
  trace,
  updateCurrentTrace,
  withSpan,
  closeTraceStores,
} from "../../../src/index.js";
import { deeplyNested, HOSTILE_TAG_KEY, HOSTILE_TAG_VALUE, HUGE_STRING, TRICKY_TEXT, XSS_STRINGS } from "./hostile-values.js";

export const WEATHER_QUESTION = "What is the weather in Paris today?";
export const WEATHER_ANSWER = "It is 18°C and sunny in Paris.";
export const ANTHROPIC_QUESTION = "Summarise the meeting notes";
export const FAILING_QUESTION = "Book a table for two";
export const FAILURE_MESSAGE = "reservation service unavailable";
export const STREAM_PROMPT = "Count to five";
export const FILLER_COUNT = 30;

type Message = Record<string, unknown>;

const openAiChat = trace(
  (request: { model: string; messages: Message[]; tools?: unknown[] }) => {
    setSpanAttribute("mlflow.chat.tokenUsage", { input_tokens: 42, output_tokens: 17, total_tokens: 59 });
    const last = request.messages[request.messages.length - 1]!;
    if (last.role === "tool") {
      return { id: "chatcmpl-2", choices: [{ index: 0, message: { role: "assistant", content: WEATHER_ANSWER }, finish_reason: "stop" }] };
    }
    return {
      id: "chatcmpl-1",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_weather_1", type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city: "Paris" }) } }],
          },
          finish_reason: "tool_calls",
        },
      ],
    };
  },
  { name: "openai.chat.completions", spanType: "CHAT_MODEL" },
);

const getWeather = trace((args: { city: string }) => ({ city: args.city, celsius: 18, sky: "sunny" }), { name: "get_weather", spanType: "TOOL" });

const weatherAgent = trace(
  async (question: string) => {
    updateCurrentTrace({ tags: { env: "prod", team: "assistants" }, user: "alice", session: "s-42" });
    const messages: Message[] = [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: question },
    ];
    const first = openAiChat({ model: "gpt-4o-mini", messages, tools: [{ type: "function", function: { name: "get_weather" } }] });
    const call = first.choices[0]!.message as { tool_calls: { id: string; function: { arguments: string } }[] };
    const result = await withSpan({ name: "tools", spanType: "CHAIN" }, () => getWeather(JSON.parse(call.tool_calls[0]!.function.arguments) as { city: string }));
    const second = openAiChat({
      model: "gpt-4o-mini",
      messages: [...messages, first.choices[0]!.message, { role: "tool", tool_call_id: "call_weather_1", content: JSON.stringify(result) }],
    });
    return second.choices[0]!.message.content as string;
  },
  { name: "weather_agent", spanType: "AGENT" },
);

const anthropicMessages = trace(
  (request: { model: string; system: string; messages: Message[] }) => {
    setSpanAttribute("mlflow.chat.tokenUsage", { input_tokens: 120, output_tokens: 35, total_tokens: 155 });
    void request;
    return {
      id: "msg_1",
      type: "message",
      role: "assistant",
      content: [
        { type: "text", text: "Let me look up the notes." },
        { type: "tool_use", id: "toolu_notes_1", name: "fetch_notes", input: { meeting: "weekly sync" } },
      ],
      stop_reason: "tool_use",
    };
  },
  { name: "anthropic.messages.create", spanType: "CHAT_MODEL" },
);

const summariser = trace(
  (question: string) => {
    updateCurrentTrace({ tags: { env: "staging" }, user: "bob", session: "s-7" });
    anthropicMessages({
      model: "claude-sonnet",
      system: "Be brief.",
      messages: [
        { role: "user", content: question },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_0", name: "list_meetings", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_0", content: "weekly sync, retro" }] },
      ],
    });
    return "Notes fetched";
  },
  { name: "summariser", spanType: "AGENT" },
);

const reserve = trace(
  (party: number) => {
    throw new Error(`${FAILURE_MESSAGE} (party of ${party})`);
  },
  { name: "reserve_table", spanType: "TOOL" },
);

const booker = trace(
  (question: string) => {
    updateCurrentTrace({ tags: { env: "prod" }, user: "carol" });
    void question;
    return reserve(2);
  },
  { name: "booking_agent", spanType: "AGENT" },
);

const streamTokens = trace(
  async function* (prompt: string) {
    void prompt;
    for (const word of ["one ", "two ", "three ", "four ", "five"]) yield word;
  },
  { name: "stream_count", spanType: "LLM", outputReducer: (chunks: unknown[]) => chunks.join("") },
);

const filler = trace((n: number) => `answer ${n}`, { name: "filler", spanType: "CHAIN" });

const hostile = trace(
  (prompt: string, extra: unknown) => {
    updateCurrentTrace({ tags: { [HOSTILE_TAG_KEY]: HOSTILE_TAG_VALUE, note: TRICKY_TEXT }, user: XSS_STRINGS[1]!, session: XSS_STRINGS[3]! });
    withSpan({ name: XSS_STRINGS[0]!, spanType: "LLM", inputs: { messages: [{ role: "user", content: XSS_STRINGS[2]! }] } }, (span) => {
      span.setAttribute(XSS_STRINGS[5]!, XSS_STRINGS[4]!);
      span.setOutputs({ choices: [{ message: { role: "assistant", content: XSS_STRINGS[6]!, tool_calls: [{ id: XSS_STRINGS[8]!, function: { name: XSS_STRINGS[1]!, arguments: XSS_STRINGS[7]! } }] } }] });
      span.addEvent(XSS_STRINGS[7]!, { [XSS_STRINGS[1]!]: XSS_STRINGS[0]! });
      span.recordException(new Error(XSS_STRINGS[1]!));
    });
    withSpan({ name: TRICKY_TEXT, spanType: XSS_STRINGS[0]!, inputs: { huge: HUGE_STRING, nested: extra } }, () => HUGE_STRING);
    return XSS_STRINGS.join(" ");
  },
  { name: "hostile <b>trace</b>", spanType: "AGENT" },
);

/** Runs the app once into the store at `path` (traces with distinct, increasing times). */
export async function fillStore(path: string): Promise<void> {
  reset();
  configure({ destination: { store: { path } }, onDiagnostic: () => {}, maxCaptureChars: 1_000_000, maxCaptureDepth: 1000 });
  for (let i = 0; i < FILLER_COUNT; i++) {
    filler(i);
    await nextMillisecond();
  }
  await hostile(XSS_STRINGS[0]!, deeplyNested(300));
  await nextMillisecond();
  await consume(streamTokens(STREAM_PROMPT));
  await nextMillisecond();
  try {
    booker(FAILING_QUESTION);
  } catch {
    // The failure is what this trace is for.
  }
  await nextMillisecond();
  summariser(ANTHROPIC_QUESTION);
  await nextMillisecond();
  await weatherAgent(WEATHER_QUESTION);
  await flushTraces();
}

/** Records one more trace, for the live-update test. */
export async function addLiveTrace(name: string): Promise<void> {
  trace(() => "live!", { name, spanType: "CHAIN" })();
  await flushTraces();
}

export function closeSampleStores(): void {
  closeTraceStores();
  reset();
}

async function consume(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/** Traces are listed by request time (ms): each starts in its own millisecond, so the order is known. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1));
}
