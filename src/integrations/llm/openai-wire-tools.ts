import { chatTools, functionTool, type ChatTool } from "./chat-tools.js";

/**
 * OpenAI's tool lists, as either API sends them (and a Response echoes them): Chat Completions
 * tools are already MLflow's shape; Responses tools are flat, and built-in tools have only a type.
 */
export function openaiTools(tools: unknown): ChatTool[] | undefined {
  return chatTools(tools, (tool) => {
    const fn = tool.function as Record<string, unknown> | undefined;
    if (tool.type === "function" && typeof fn === "object" && fn !== null) return functionTool(fn.name, fn.description, fn.parameters, fn.strict);
    if (tool.type === "function") return functionTool(tool.name, tool.description, tool.parameters, tool.strict);
    if (tool.type === "custom") {
      const custom = (tool.custom ?? tool) as Record<string, unknown>;
      return functionTool(custom.name, custom.description);
    }
    return functionTool(tool.type);
  });
}
