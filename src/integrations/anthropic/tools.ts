import { chatTools, functionTool, type ChatTool } from "../llm/chat-tools.js";

/**
 * Anthropic's tools in MLflow's function-tool shape. A client tool has a name, a description
 * and an `input_schema` (JSON Schema, as OpenAI's `parameters`); a server tool (web search,
 * code execution, MCP toolsets …) has a versioned `type` and is recorded by its name.
 */
export function anthropicTools(tools: unknown): ChatTool[] | undefined {
  return chatTools(tools, (tool) => {
    if (tool.input_schema !== undefined) return functionTool(tool.name, tool.description, tool.input_schema);
    return functionTool(tool.name ?? tool.mcp_server_name ?? tool.type, tool.description);
  });
}
