/**
 * Records one provider call as traced's SDK integrations do: a CHAT_MODEL span with the
 * request as inputs, the provider's response as outputs, and MLflow's LLM attributes.
 */
import { withSpan } from "../../../../src/index.js";

export interface LlmCallRecord {
  name: string;
  format: "openai" | "anthropic" | "gemini" | "transformers";
  provider: string;
  model: string;
  inputs: unknown;
  outputs: unknown;
  usage: Record<string, number>;
  tools?: unknown[];
}

export function recordLlmCall(call: LlmCallRecord): void {
  withSpan({ name: call.name, spanType: "CHAT_MODEL", inputs: call.inputs }, (span) => {
    span.setAttribute("mlflow.message.format", call.format);
    span.setAttribute("mlflow.llm.provider", call.provider);
    span.setAttribute("mlflow.llm.model", call.model);
    span.setAttribute("mlflow.chat.tokenUsage", call.usage);
    if (call.tools) span.setAttribute("mlflow.chat.tools", call.tools);
    span.setOutputs(call.outputs);
  });
}

/** MLflow's `mlflow.chat.tools` item. */
export function functionTool(name: string, description: string, parameters: unknown) {
  return { type: "function", function: { name, description, parameters } };
}

/** The trace around the calls: an agent span, as an app's entry point would be. */
export function agentTrace(name: string, question: string, body: () => string): void {
  withSpan({ name, spanType: "AGENT", inputs: { question } }, () => body());
}
