import { chatTools, functionTool, type ChatTool } from "../llm/chat-tools.js";

/**
 * `config.tools` in MLflow's shape: each function declaration is a function tool; a
 * built-in tool (`googleSearch`, `codeExecution`, `urlContext` …) is named by its key. A
 * CallableTool (e.g. from `mcpToTool`) declares its functions only when the SDK asks it,
 * asynchronously, so it is left out.
 */
export function geminiTools(tools: unknown): ChatTool[] | undefined {
  return chatTools(tools, (tool) => {
    if (typeof tool.callTool === "function" || typeof tool.tool === "function") return undefined;
    const converted: ChatTool[] = [];
    for (const [key, value] of Object.entries(tool)) {
      if (value === undefined || value === null) continue;
      if (key !== "functionDeclarations") {
        const builtIn = functionTool(key);
        if (builtIn !== undefined) converted.push(builtIn);
        continue;
      }
      for (const declaration of Array.isArray(value) ? (value as unknown[]) : []) {
        if (typeof declaration !== "object" || declaration === null) continue;
        const d = declaration as Record<string, unknown>;
        const fn = functionTool(d.name, d.description, d.parameters ?? d.parametersJsonSchema);
        if (fn !== undefined) converted.push(fn);
      }
    }
    return converted;
  });
}
