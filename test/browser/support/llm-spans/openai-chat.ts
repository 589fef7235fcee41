/** An OpenAI Chat Completions exchange: a tool call (with an image in the prompt), then the answer. */
import { agentTrace, functionTool, recordLlmCall, type LlmCallRecord } from "./record.js";

export const OPENAI_CHAT = {
  trace: "openai_chat_trip",
  developer: "You are a travel assistant. Answer briefly.",
  question: "What's the weather in Paris? Here is a photo.",
  imageUrl: "https://images.example.invalid/paris.jpg",
  toolCallId: "call_weather_1",
  toolResult: JSON.stringify({ city: "Paris", celsius: 18, sky: "sunny" }),
  answer: "It is 18°C and sunny in Paris.",
  first: { input_tokens: 52, output_tokens: 18, total_tokens: 70, cache_read_input_tokens: 12 },
  second: { input_tokens: 90, output_tokens: 12, total_tokens: 102 },
  traceTotal: 172,
};

const weatherParameters = { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] };
const requestTools = [{ type: "function", function: { name: "get_weather", description: "Current weather for a city", parameters: weatherParameters } }];
const toolCall = { id: OPENAI_CHAT.toolCallId, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city: "Paris", unit: "celsius" }) } };

const history = [
  { role: "developer", content: OPENAI_CHAT.developer },
  {
    role: "user",
    content: [
      { type: "text", text: OPENAI_CHAT.question },
      { type: "image_url", image_url: { url: OPENAI_CHAT.imageUrl } },
    ],
  },
];

function completion(id: string, message: object, finishReason: string, usage: { input_tokens: number; output_tokens: number; total_tokens: number }) {
  return {
    id,
    object: "chat.completion",
    created: 1_760_000_000,
    model: "gpt-4o-mini-2024-07-18",
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage: { prompt_tokens: usage.input_tokens, completion_tokens: usage.output_tokens, total_tokens: usage.total_tokens },
  };
}

export function recordOpenAIChat(): void {
  agentTrace(OPENAI_CHAT.trace, OPENAI_CHAT.question, () => {
    const common: Pick<LlmCallRecord, "format" | "provider" | "model" | "tools"> = { format: "openai", provider: "openai", model: "gpt-4o-mini", tools: [functionTool("get_weather", "Current weather for a city", weatherParameters)] };
    recordLlmCall({
      ...common,
      name: "Completions.create",
      inputs: { model: "gpt-4o-mini", messages: history, tools: requestTools },
      outputs: completion("chatcmpl-1", { role: "assistant", content: null, refusal: null, tool_calls: [toolCall] }, "tool_calls", OPENAI_CHAT.first),
      usage: OPENAI_CHAT.first,
    });
    recordLlmCall({
      ...common,
      name: "Completions.create",
      inputs: {
        model: "gpt-4o-mini",
        messages: [...history, { role: "assistant", content: null, tool_calls: [toolCall] }, { role: "tool", tool_call_id: OPENAI_CHAT.toolCallId, content: OPENAI_CHAT.toolResult }],
        tools: requestTools,
      },
      outputs: completion("chatcmpl-2", { role: "assistant", content: OPENAI_CHAT.answer, refusal: null }, "stop", OPENAI_CHAT.second),
      usage: OPENAI_CHAT.second,
    });
    return OPENAI_CHAT.answer;
  });
}
