/** Fills a store with one trace per provider, as traced's SDK integrations record them. */
import { configure, flushTraces, reset } from "../../../../src/index.js";
import { recordAnthropic } from "./anthropic.js";
import { recordGemini } from "./gemini.js";
import { recordOpenAIChat } from "./openai-chat.js";
import { recordOpenAIResponses } from "./openai-responses.js";
import { recordTransformers } from "./transformers.js";

export { ANTHROPIC } from "./anthropic.js";
export { GEMINI } from "./gemini.js";
export { OPENAI_CHAT } from "./openai-chat.js";
export { OPENAI_RESPONSES } from "./openai-responses.js";
export { TRANSFORMERS } from "./transformers.js";

export async function fillProviderStore(path: string): Promise<void> {
  reset();
  configure({ destination: { store: { path } }, onDiagnostic: () => {} });
  recordOpenAIChat();
  recordOpenAIResponses();
  recordAnthropic();
  recordGemini();
  recordTransformers();
  await flushTraces();
}
