/** What a LangChain model run says about the model: its provider, name and bound tools. */
import { type LLMResult } from "@langchain/core/outputs";
import { chatTools, functionTool, type ChatTool } from "../llm/chat-tools.js";

type Fields = Record<string, unknown>;

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Fields)[key] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** LangChain's `ls_provider` (`openai`, `anthropic` …), else `langchain`. */
export function provider(metadata: Fields | undefined): string {
  return text(metadata?.ls_provider) ?? "langchain";
}

export function modelName(invocation: Fields, metadata: Fields | undefined): string | undefined {
  return text(metadata?.ls_model_name) ?? text(invocation.model) ?? text(invocation.model_name) ?? text(invocation.modelName);
}

/** The model that answered, as the response names it. */
export function responseModel(output: LLMResult): string | undefined {
  const first = output.generations[0]?.[0];
  const metadata = field(field(first, "message"), "response_metadata");
  return text(field(metadata, "model_name")) ?? text(field(metadata, "model")) ?? text(field(output.llmOutput, "model_name")) ?? text(field(output.llmOutput, "model"));
}

function convert(tool: Fields): ChatTool | undefined {
  const fn = field(tool, "function");
  if (fn !== undefined) return functionTool(field(fn, "name"), field(fn, "description"), field(fn, "parameters"), field(fn, "strict"));
  // Anthropic-style `{name, description, input_schema}` as some bindTools produce.
  return functionTool(tool.name, tool.description, tool.input_schema ?? tool.parameters);
}

/** Tools bound to the model (`bindTools`), from the call options or the invocation parameters. */
export function langchainTools(extraParams: Fields | undefined): ChatTool[] | undefined {
  return chatTools(field(field(extraParams, "options"), "tools") ?? field(field(extraParams, "invocation_params"), "tools"), convert);
}
