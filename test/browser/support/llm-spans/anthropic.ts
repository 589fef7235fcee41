/** An Anthropic Messages call with thinking, a tool_use answered by a tool_result, an image and prompt caching. */
import { agentTrace, functionTool, recordLlmCall } from "./record.js";

export const ANTHROPIC = {
  trace: "anthropic_retro",
  system: "You summarise meeting notes.",
  question: "Summarise the retro notes from the whiteboard photo.",
  earlierThinking: "I need the notes before I can summarise them.",
  toolUseId: "toolu_notes_1",
  toolResult: "Shipped v2 on time; CI is flaky; next retro in two weeks.",
  thinking: "The notes list one win and one problem; keep it to two sentences.",
  answer: "The team shipped v2 on time. CI flakiness is the main problem to fix.",
  usage: { input_tokens: 300, output_tokens: 80, total_tokens: 380, cache_read_input_tokens: 120, cache_creation_input_tokens: 40 },
};

const schema = { type: "object", properties: { meeting: { type: "string" } }, required: ["meeting"] };

export function recordAnthropic(): void {
  agentTrace(ANTHROPIC.trace, ANTHROPIC.question, () => {
    recordLlmCall({
      name: "Messages.create",
      format: "anthropic",
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      tools: [functionTool("fetch_notes", "Fetch a meeting's notes", schema)],
      inputs: {
        model: "claude-sonnet-4-5",
        max_tokens: 1024,
        system: [{ type: "text", text: ANTHROPIC.system }],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: ANTHROPIC.question },
              { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" } },
            ],
          },
          {
            role: "assistant",
            content: [
              { type: "thinking", thinking: ANTHROPIC.earlierThinking, signature: "c2lnLTE=" },
              { type: "tool_use", id: ANTHROPIC.toolUseId, name: "fetch_notes", input: { meeting: "retro" } },
            ],
          },
          { role: "user", content: [{ type: "tool_result", tool_use_id: ANTHROPIC.toolUseId, content: [{ type: "text", text: ANTHROPIC.toolResult }] }] },
        ],
        tools: [{ name: "fetch_notes", description: "Fetch a meeting's notes", input_schema: schema }],
      },
      outputs: {
        id: "msg_01",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5-20250929",
        content: [
          { type: "thinking", thinking: ANTHROPIC.thinking, signature: "c2lnLTI=" },
          { type: "text", text: ANTHROPIC.answer },
        ],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 300, output_tokens: 80, cache_read_input_tokens: 120, cache_creation_input_tokens: 40 },
      },
      usage: ANTHROPIC.usage,
    });
    return ANTHROPIC.answer;
  });
}
