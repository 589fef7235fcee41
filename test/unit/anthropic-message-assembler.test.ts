/** The Anthropic stream assembler on event shapes the wire tests do not produce. */
import { describe, expect, it } from "vitest";
import { MessageAssembler } from "../../src/integrations/anthropic/message-assembler.js";

const start = (extra: object = {}) => ({
  type: "message_start",
  message: { id: "msg_1", type: "message", role: "assistant", model: "claude-x", content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 9, output_tokens: 1, cache_read_input_tokens: 2 }, ...extra },
});

function assemble(events: object[]) {
  const assembler = new MessageAssembler();
  for (const event of events) assembler.add(event);
  return assembler.result();
}

describe("MessageAssembler", () => {
  it("keeps redacted thinking as it came, joins citations, and reads server tool input", () => {
    const result = assemble([
      start(),
      { type: "content_block_start", index: 0, content_block: { type: "redacted_thinking", data: "EmwKAhgB" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"query":' } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '"paris"}' } },
      { type: "content_block_stop", index: 1 },
      { type: "content_block_start", index: 2, content_block: { type: "text", text: "", citations: null } },
      { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: "It is" } },
      { type: "content_block_delta", index: 2, delta: { type: "citations_delta", citation: { type: "web_search_result_location", url: "u" } } },
      { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: " sunny." } },
      { type: "content_block_stop", index: 2 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null, container: null }, usage: { output_tokens: 20, input_tokens: null } },
      { type: "message_stop" },
    ]);
    expect(result.outputs).toEqual({
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-x",
      stop_reason: "end_turn",
      stop_sequence: null,
      content: [
        { type: "redacted_thinking", data: "EmwKAhgB" },
        { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "paris" } },
        { type: "text", text: "It is sunny.", citations: [{ type: "web_search_result_location", url: "u" }] },
      ],
      // Absent counts in message_delta leave message_start's in place.
      usage: { input_tokens: 9, output_tokens: 20, cache_read_input_tokens: 2 },
    });
    expect(result.usage).toEqual({ input_tokens: 9, output_tokens: 20, total_tokens: 29, cache_read_input_tokens: 2 });
    expect(result.model).toBe("claude-x");
  });

  it("keeps tool input that does not parse as the text received, and an empty input as {}", () => {
    const result = assemble([
      start(),
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t1", name: "a", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"city": "Par' } },
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "t2", name: "b", input: {} } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } },
    ]);
    expect((result.outputs as { content: unknown[] }).content).toEqual([
      { type: "tool_use", id: "t1", name: "a", input: '{"city": "Par' },
      { type: "tool_use", id: "t2", name: "b", input: {} },
    ]);
  });

  it("takes the answering model from a fallback block, and has no outputs without message_start", () => {
    const result = assemble([start(), { type: "content_block_start", index: 0, content_block: { type: "fallback", to: { model: "claude-y" } } }]);
    expect(result.model).toBe("claude-y");
    expect(assemble([{ type: "ping" }]).outputs).toBeUndefined();
  });
});
