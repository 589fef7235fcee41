/** A turn's input and answer from each provider's chat shapes, and the fallbacks to previews. */
import { describe, expect, it } from "vitest";
import { TURN_TEXT_CHARS, turnText } from "../../src/query/session-turn-text.js";

const previews = { request: '{"q":"raw"}', response: '"raw answer"' };
const none = { request: null, response: null };

describe("turnText", () => {
  it("reads OpenAI chat: the last user message and the first choice", () => {
    const llm = {
      inputs: { model: "gpt-4o", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "first" }, { role: "assistant", content: "x" }, { role: "user", content: [{ type: "text", text: "second" }] }] },
      outputs: { choices: [{ message: { role: "assistant", content: "reply" } }] },
    };
    expect(turnText({ inputs: { q: 1 }, outputs: { n: 1 } }, llm, llm, previews)).toEqual({ input: "second", inputSource: "chat", answer: "reply", answerSource: "chat" });
  });

  it("reads OpenAI Responses, Anthropic and Gemini replies", () => {
    const answer = (outputs: unknown) => turnText(undefined, undefined, { inputs: undefined, outputs }, none).answer;
    expect(answer({ output: [{ type: "reasoning" }, { type: "message", content: [{ type: "output_text", text: "resp" }] }] })).toBe("resp");
    expect(answer({ role: "assistant", content: [{ type: "thinking", thinking: "…" }, { type: "text", text: "claude" }] })).toBe("claude");
    expect(answer({ candidates: [{ content: { role: "model", parts: [{ text: "gem" }, { text: "ini" }] } }] })).toBe("gem\nini");
    const input = (inputs: unknown) => turnText(undefined, { inputs, outputs: undefined }, undefined, none).input;
    expect(input({ model: "gemini", contents: [{ role: "user", parts: [{ text: "g?" }] }] })).toBe("g?");
    expect(input({ model: "gpt-4.1", input: "responses?" })).toBe("responses?");
  });

  it("prefers the root's own chat and string reply, and looks one level inside named inputs", () => {
    const root = { inputs: { request: { messages: [{ role: "user", content: "from root" }] } }, outputs: "root says" };
    const llm = { inputs: { messages: [{ role: "user", content: "templated prompt" }] }, outputs: { choices: [{ message: { content: "model says" } }] } };
    expect(turnText(root, llm, llm, none)).toMatchObject({ input: "from root", answer: "root says" });
  });

  it("falls back to the previews, and says so", () => {
    expect(turnText({ inputs: { q: "raw" }, outputs: { n: 1 } }, undefined, undefined, previews)).toEqual({ input: '{"q":"raw"}', inputSource: "preview", answer: '"raw answer"', answerSource: "preview" });
    expect(turnText(undefined, undefined, undefined, none)).toEqual({ input: null, inputSource: null, answer: null, answerSource: null });
  });

  it("cuts a huge message", () => {
    const huge = "x".repeat(TURN_TEXT_CHARS + 50);
    const { input } = turnText({ inputs: { messages: [{ role: "user", content: huge }] }, outputs: undefined }, undefined, undefined, none);
    expect(input).toHaveLength(TURN_TEXT_CHARS + 1);
    expect(input!.endsWith("…")).toBe(true);
  });
});
