/** An OpenAI Responses call that sends back a function call's output and gets reasoning and an answer. */
import { agentTrace, functionTool, recordLlmCall } from "./record.js";

export const OPENAI_RESPONSES = {
  trace: "openai_responses_lyon",
  instructions: "You are a research assistant. Cite your tool.",
  question: "How many people live in Lyon?",
  callId: "call_pop_1",
  toolOutput: JSON.stringify({ city: "Lyon", population: 522250, year: 2021 }),
  reasoning: "The tool returned the 2021 census figure, so I can answer directly.",
  answer: "Lyon had 522,250 inhabitants in 2021.",
  usage: { input_tokens: 210, output_tokens: 64, total_tokens: 274, reasoning_tokens: 40 },
};

const parameters = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };

export function recordOpenAIResponses(): void {
  agentTrace(OPENAI_RESPONSES.trace, OPENAI_RESPONSES.question, () => {
    recordLlmCall({
      name: "Responses.create",
      format: "openai",
      provider: "openai",
      model: "o4-mini",
      tools: [functionTool("lookup_population", "Population of a city", parameters)],
      inputs: {
        model: "o4-mini",
        instructions: OPENAI_RESPONSES.instructions,
        input: [
          { role: "user", content: [{ type: "input_text", text: OPENAI_RESPONSES.question }] },
          { type: "function_call", call_id: OPENAI_RESPONSES.callId, name: "lookup_population", arguments: JSON.stringify({ city: "Lyon" }) },
          { type: "function_call_output", call_id: OPENAI_RESPONSES.callId, output: OPENAI_RESPONSES.toolOutput },
        ],
        tools: [{ type: "function", name: "lookup_population", description: "Population of a city", parameters, strict: true }],
      },
      outputs: {
        id: "resp_1",
        object: "response",
        status: "completed",
        model: "o4-mini-2025-04-16",
        output: [
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: OPENAI_RESPONSES.reasoning }] },
          { type: "message", id: "msg_1", role: "assistant", status: "completed", content: [{ type: "output_text", text: OPENAI_RESPONSES.answer, annotations: [] }] },
        ],
        usage: { input_tokens: 210, output_tokens: 64, total_tokens: 274, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 40 } },
      },
      usage: OPENAI_RESPONSES.usage,
    });
    return OPENAI_RESPONSES.answer;
  });
}
