/**
 * A Gemini generateContent call: a system instruction, a photo as inline data, a function
 * call answered by a function response (holding markup, which must stay text), a thought
 * and the answer.
 */
import { agentTrace, functionTool, recordLlmCall } from "./record.js";

export const GEMINI = {
  trace: "gemini_dinner",
  system: "You are a cooking assistant.",
  question: "Suggest a dinner with what is in my fridge.",
  callId: "fc_fridge_1",
  hostileItem: `<img src=x onerror="window.__tracedUiPwned=20">`,
  thought: "The user has eggs and spinach, which make an omelette.",
  answer: "Make a spinach omelette.",
  usage: { input_tokens: 150, output_tokens: 55, total_tokens: 205, reasoning_tokens: 25 },
};

const parameters = { type: "object", properties: { shelf: { type: "string" } } };

export function recordGemini(): void {
  agentTrace(GEMINI.trace, GEMINI.question, () => {
    recordLlmCall({
      name: "models.generateContent",
      format: "gemini",
      provider: "gemini",
      model: "gemini-2.5-flash",
      tools: [functionTool("list_fridge", "Lists what is in the fridge", parameters)],
      inputs: {
        model: "gemini-2.5-flash",
        contents: [
          { role: "user", parts: [{ text: GEMINI.question }, { inlineData: { mimeType: "image/jpeg", data: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U" } }] },
          { role: "model", parts: [{ functionCall: { name: "list_fridge", args: { shelf: "all" }, id: GEMINI.callId } }] },
          { role: "user", parts: [{ functionResponse: { name: "list_fridge", id: GEMINI.callId, response: { output: ["eggs", "spinach", GEMINI.hostileItem] } } }] },
        ],
        config: {
          systemInstruction: GEMINI.system,
          thinkingConfig: { includeThoughts: true },
          tools: [{ functionDeclarations: [{ name: "list_fridge", description: "Lists what is in the fridge", parameters }] }],
        },
      },
      outputs: {
        candidates: [
          {
            content: { role: "model", parts: [{ text: GEMINI.thought, thought: true }, { text: GEMINI.answer, thoughtSignature: "c2ln" }] },
            finishReason: "STOP",
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 150, candidatesTokenCount: 30, totalTokenCount: 205, thoughtsTokenCount: 25 },
        modelVersion: "gemini-2.5-flash",
        responseId: "resp-gemini-1",
      },
      usage: GEMINI.usage,
    });
    return GEMINI.answer;
  });
}
