/**
 * A transformers.js text-generation pipeline given a conversation: the messages in, and the
 * pipeline's result out — the whole conversation with the model's reply last, as
 * `traced/transformers` records it (format `transformers`). The user's message holds markup,
 * which must stay text.
 */
import { agentTrace, recordLlmCall } from "./record.js";

export const TRANSFORMERS = {
  trace: "local_model_chat",
  system: "You answer in one short sentence.",
  question: `What is <b onmouseover="window.__tracedUiPwned=30">ONNX</b>?`,
  answer: "An open format for machine-learning models.",
  usage: { input_tokens: 24, output_tokens: 9, total_tokens: 33 },
};

export function recordTransformers(): void {
  agentTrace(TRANSFORMERS.trace, TRANSFORMERS.question, () => {
    const messages = [
      { role: "system", content: TRANSFORMERS.system },
      { role: "user", content: TRANSFORMERS.question },
    ];
    recordLlmCall({
      name: "text-generation",
      format: "transformers",
      provider: "transformers.js",
      model: "onnx-community/Qwen2.5-0.5B-Instruct",
      inputs: { messages, max_new_tokens: 32 },
      outputs: [{ generated_text: [...messages, { role: "assistant", content: TRANSFORMERS.answer }] }],
      usage: TRANSFORMERS.usage,
    });
    return TRANSFORMERS.answer;
  });
}
