/**
 * The tools offered to the model. MLflow's UI reads `mlflow.chat.tools` and falls back to
 * the request's own list; the fallback here knows each provider's way of writing one
 * (OpenAI chat's nested `function`, Responses' flat items, Anthropic's `input_schema`,
 * Gemini's `functionDeclarations`) and names built-in tools by their type.
 */
import { isObject, stringOr, type ChatTool, type Json } from "./model";

function declared(item: Json, kind = "function"): ChatTool | null {
  if (typeof item.name !== "string" || !item.name) return null;
  return { name: item.name, description: stringOr(item.description, null), parameters: item.parameters ?? item.input_schema ?? item.parametersJsonSchema, kind };
}

function toolsOf(item: unknown): ChatTool[] {
  if (!isObject(item)) return [];
  if (isObject(item.function)) return [declared(item.function)].filter((t): t is ChatTool => t !== null);
  if (isObject(item.custom)) return [declared(item.custom, "custom")].filter((t): t is ChatTool => t !== null);
  if (typeof item.type === "string") {
    // Responses' flat function items, and built-ins (web search…) named by their type.
    const name = stringOr(item.name, null) ?? stringOr(item.server_label, null) ?? item.type;
    return [{ name, description: stringOr(item.description, null), parameters: item.parameters ?? item.input_schema, kind: item.type }];
  }
  if (typeof item.name === "string") return [declared(item)].filter((t): t is ChatTool => t !== null);
  // Gemini: one Tool object holds function declarations and switches for built-in tools.
  const found: ChatTool[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (key === "functionDeclarations" && Array.isArray(value)) for (const fn of value) found.push(...(isObject(fn) ? [declared(fn)].filter((t): t is ChatTool => t !== null) : []));
    else if (value !== undefined && value !== null) found.push({ name: key, description: null, parameters: undefined, kind: key });
  }
  return found;
}

function listOf(value: unknown): ChatTool[] {
  return Array.isArray(value) ? value.flatMap(toolsOf) : [];
}

/** `mlflow.chat.tools` when it names at least one function, else the request's `tools`. */
export function chatTools(attribute: unknown, inputs: unknown): ChatTool[] {
  const recorded = Array.isArray(attribute)
    ? attribute.filter((t): t is Json => isObject(t) && t.type === "function" && isObject(t.function) && typeof t.function.name === "string").flatMap(toolsOf)
    : [];
  if (recorded.length) return recorded;
  if (!isObject(inputs)) return [];
  const config = isObject(inputs.config) ? inputs.config : {};
  return listOf(inputs.tools ?? config.tools);
}
