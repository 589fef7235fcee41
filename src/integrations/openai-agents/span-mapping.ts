/**
 * What each Agents SDK span (`span.spanData.type`) becomes in MLflow's terms: its name and
 * type when it starts, and its inputs, outputs and attributes when it ends (the SDK fills
 * most span data while the span runs). Model spans — `generation` (Chat Completions) and
 * `response` (Responses API) — carry the same chat attributes a direct OpenAI SDK call's do.
 */
import { SpanAttributeKey } from "../../model/keys.js";
import { SpanType, type SpanTypeName } from "../../model/span-type.js";
import { openaiTools } from "../llm/openai-wire-tools.js";
import { openaiUsage } from "../llm/openai-wire-usage.js";
import { tokenUsage, type TokenUsage } from "../llm/token-usage.js";

/** Attribute keys for what the Agents SDK says beyond MLflow's own keys. */
export const AgentsAttributeKey = {
  TOOLS: "openai_agents.tools",
  HANDOFFS: "openai_agents.handoffs",
  OUTPUT_TYPE: "openai_agents.output_type",
  FROM_AGENT: "openai_agents.from_agent",
  TO_AGENT: "openai_agents.to_agent",
  TRIGGERED: "openai_agents.guardrail.triggered",
  RESPONSE_ID: "openai_agents.response_id",
  MODEL_CONFIG: "openai_agents.model_config",
  MCP_DATA: "openai_agents.mcp_data",
  USAGE: "openai_agents.usage",
  GROUP_ID: "openai_agents.group_id",
  METADATA: "openai_agents.metadata",
  SDK_SPAN_TYPE: "openai_agents.span_type",
} as const;

type Data = Record<string, unknown> & { type?: unknown };

export interface SpanStart {
  name: string;
  spanType: SpanTypeName;
}

export interface SpanEnd {
  inputs?: unknown;
  outputs?: unknown;
  attributes: Record<string, unknown>;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Tool arguments and results travel as JSON text; an object reads better in the UI. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

export function isModelSpan(data: Data): boolean {
  return data.type === "generation" || data.type === "response";
}

export function spanStart(data: Data): SpanStart {
  switch (data.type) {
    case "agent":
      return { name: text(data.name) ?? "Agent", spanType: SpanType.AGENT };
    case "function":
      return { name: text(data.name) ?? "Function", spanType: SpanType.TOOL };
    case "generation":
      return { name: "Generation", spanType: SpanType.CHAT_MODEL };
    case "response":
      return { name: "Response", spanType: SpanType.CHAT_MODEL };
    case "handoff":
      return { name: "Handoff", spanType: SpanType.CHAIN };
    case "guardrail":
      return { name: text(data.name) ?? "Guardrail", spanType: SpanType.GUARDRAIL };
    case "custom":
      return { name: text(data.name) ?? "Custom", spanType: SpanType.CHAIN };
    case "turn":
      return { name: typeof data.turn === "number" ? `Turn ${data.turn}` : "Turn", spanType: SpanType.CHAIN };
    case "task":
      // Its name is the trace's (the workflow's), which the root already shows.
      return { name: "Run", spanType: SpanType.CHAIN };
    case "mcp_tools":
      return { name: "List MCP tools", spanType: SpanType.TOOL };
    case "transcription":
    case "speech":
      return { name: data.type === "speech" ? "Speech" : "Transcription", spanType: SpanType.LLM };
    default:
      return { name: text(data.type) ?? "Unknown", spanType: SpanType.CHAIN };
  }
}

function defined(attributes: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(attributes)) if (attributes[key] === undefined) delete attributes[key];
  return attributes;
}

function modelAttributes(model: unknown, usage: TokenUsage | undefined, extra: Record<string, unknown>): Record<string, unknown> {
  return defined({
    [SpanAttributeKey.LLM_PROVIDER]: "openai",
    [SpanAttributeKey.MESSAGE_FORMAT]: "openai",
    [SpanAttributeKey.LLM_MODEL]: text(model),
    [SpanAttributeKey.CHAT_TOKEN_USAGE]: usage,
    ...extra,
  });
}

/** A Chat Completions call: input messages, the ChatCompletion(s) as output, usage from the span or the response. */
function generationEnd(data: Data): SpanEnd {
  const output = Array.isArray(data.output) && data.output.length === 1 ? data.output[0] : data.output;
  const reply = (output ?? {}) as Record<string, unknown>;
  const given = (data.usage ?? {}) as Record<string, unknown>;
  const usage = tokenUsage({ input: given.input_tokens, output: given.output_tokens, total: given.total_tokens }) ?? openaiUsage(reply.usage);
  const inputs = data.input === undefined ? undefined : defined({ model: data.model, messages: data.input });
  return { inputs, outputs: output, attributes: modelAttributes(text(reply.model) ?? data.model, usage, { [AgentsAttributeKey.MODEL_CONFIG]: data.model_config }) };
}

/**
 * A Responses API call: the SDK keeps the request input and the whole Response object (unless
 * told not to record data); the Response echoes the request's tools, which MLflow shows.
 */
function responseEnd(data: Data): SpanEnd {
  const response = data._response as Record<string, unknown> | undefined;
  const input = data._input;
  const inputs =
    input === undefined ? undefined : defined({ instructions: response?.instructions ?? undefined, input });
  return {
    inputs,
    outputs: response,
    attributes: modelAttributes(response?.model, openaiUsage(response?.usage), {
      [SpanAttributeKey.CHAT_TOOLS]: openaiTools(response?.tools),
      [AgentsAttributeKey.RESPONSE_ID]: text(data.response_id) ?? text(response?.id),
    }),
  };
}

export function spanEnd(data: Data): SpanEnd {
  switch (data.type) {
    case "agent":
      return { attributes: defined({ [AgentsAttributeKey.TOOLS]: data.tools, [AgentsAttributeKey.HANDOFFS]: data.handoffs, [AgentsAttributeKey.OUTPUT_TYPE]: data.output_type }) };
    case "function":
      return { inputs: parsedJson(data.input), outputs: parsedJson(data.output), attributes: defined({ [AgentsAttributeKey.MCP_DATA]: data.mcp_data }) };
    case "generation":
      return generationEnd(data);
    case "response":
      return responseEnd(data);
    case "handoff":
      return {
        inputs: defined({ from_agent: data.from_agent }),
        outputs: defined({ to_agent: data.to_agent }),
        attributes: defined({ [AgentsAttributeKey.FROM_AGENT]: data.from_agent, [AgentsAttributeKey.TO_AGENT]: data.to_agent }),
      };
    case "guardrail":
      return { outputs: { triggered: data.triggered === true }, attributes: { [AgentsAttributeKey.TRIGGERED]: data.triggered === true } };
    case "custom":
      return { inputs: data.data, attributes: {} };
    case "turn":
    case "task":
      // Summed usage of the model calls below: kept apart from mlflow.chat.tokenUsage, which the model spans carry.
      return { attributes: defined({ [AgentsAttributeKey.USAGE]: data.usage, [AgentsAttributeKey.SDK_SPAN_TYPE]: data.type }) };
    case "mcp_tools":
      return { inputs: defined({ server: data.server }), outputs: data.result, attributes: {} };
    default: {
      const { type, ...rest } = data;
      return { inputs: rest.input, outputs: rest.output, attributes: defined({ [AgentsAttributeKey.SDK_SPAN_TYPE]: type, [SpanAttributeKey.LLM_MODEL]: text(rest.model) }) };
    }
  }
}

/** The text a model span's output says (a Response's messages, a ChatCompletion's first choice), for the run's preview. */
export function replyText(outputs: unknown): string | undefined {
  const reply = outputs as { output?: unknown; choices?: { message?: { content?: unknown } }[] } | undefined;
  const content = reply?.choices?.[0]?.message?.content;
  if (typeof content === "string") return text(content);
  if (!Array.isArray(reply?.output)) return undefined;
  const parts: string[] = [];
  for (const item of reply.output as { type?: unknown; content?: { type?: unknown; text?: unknown }[] }[]) {
    if (item?.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) if (part?.type === "output_text" && typeof part.text === "string") parts.push(part.text);
  }
  return text(parts.join(""));
}
