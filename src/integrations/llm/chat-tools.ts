/** Tools offered to a model, in the shape MLflow's `mlflow.chat.tools` holds (OpenAI's function tool). */
export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: unknown; strict?: boolean };
}

/** A function tool; undefined when there is no usable name (MLflow's UI would reject it). */
export function functionTool(name: unknown, description?: unknown, parameters?: unknown, strict?: unknown): ChatTool | undefined {
  if (typeof name !== "string" || name === "") return undefined;
  const fn: ChatTool["function"] = { name };
  if (typeof description === "string") fn.description = description;
  if (parameters !== undefined && parameters !== null) fn.parameters = parameters;
  if (typeof strict === "boolean") fn.strict = strict;
  return { type: "function", function: fn };
}

/** Maps a provider's tool list with `convert`, keeping only the tools it understood. */
export function chatTools(tools: unknown, convert: (tool: Record<string, unknown>) => ChatTool | ChatTool[] | undefined): ChatTool[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const converted: ChatTool[] = [];
  for (const tool of tools) {
    if (typeof tool !== "object" || tool === null) continue;
    const result = convert(tool as Record<string, unknown>);
    if (Array.isArray(result)) converted.push(...result);
    else if (result !== undefined) converted.push(result);
  }
  return converted.length === 0 ? undefined : converted;
}
