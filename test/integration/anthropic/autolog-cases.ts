/**
 * autolog() cases, run once per installed SDK major (autolog patches whichever
 * `@anthropic-ai/sdk` traced/anthropic loads): every client traced, undone exactly, one span
 * per call alongside tracedAnthropic, the options, and traced's global switch.
 */
import { describe, expect, it } from "vitest";
import { disable, enable, SpanType, TracedUsageError } from "../../../src/index.js";
import { autolog, tracedAnthropic } from "../../../src/integrations/anthropic/index.js";
import { type AnthropicSdk, basicParams, MESSAGES_PATH, streamParams, useAnthropic } from "../../support/anthropic-fixture.js";
import { message, messageStream } from "../../support/llm-replies/anthropic.js";

export function autologCases(sdk: AnthropicSdk): void {
  const anthropic = useAnthropic();
  const client = () => anthropic.client(sdk);
  const replyByKind = () =>
    anthropic.server.fallback((request) => ((request.body as { stream?: boolean }).stream ? messageStream({ text: ["stre", "amed"] }) : message({ text: "plain" })));
  const names = async () => (await anthropic.tracing.traces()).map((t) => t.spans.map((span) => span.name));

  describe("autolog", () => {
    it("traces clients made before and after it; autolog({ disable: true }) restores the SDK", async () => {
      replyByKind();
      const before = client();
      const prototype = Object.getPrototypeOf(before.messages) as { create: unknown };
      const originalCreate = prototype.create;
      autolog();
      const after = client();
      await before.messages.create(basicParams());
      await after.messages.create(basicParams());
      await after.beta.messages.create(basicParams());
      expect(await names()).toEqual([["Messages.create"], ["Messages.create"], ["Messages.create"]]);

      autolog({ disable: true });
      expect(prototype.create).toBe(originalCreate);
      expect((await after.messages.create(basicParams())).content).toMatchObject([{ text: "plain" }]);
      expect(await after.messages.stream(basicParams()).finalText()).toBe("streamed");
      expect(await names()).toEqual([]);
    });

    it("streams: create({ stream: true }) and messages.stream() are one span each", async () => {
      replyByKind();
      autolog();
      const c = client();
      for await (const _ of await c.messages.create(streamParams()));
      expect(await c.messages.stream(basicParams()).finalText()).toBe("streamed");
      expect(await c.beta.messages.stream(basicParams()).finalText()).toBe("streamed");
      expect(await names()).toEqual([["Messages.create"], ["Messages.stream"], ["Messages.stream"]]);
    });

    it("tracedAnthropic and autolog together give one span per call, and the client stays traced after autolog is undone", async () => {
      replyByKind();
      autolog();
      const c = tracedAnthropic(client());
      await c.messages.create(basicParams());
      await c.messages.stream(basicParams()).finalMessage();
      expect(await names()).toEqual([["Messages.create"], ["Messages.stream"]]);
      autolog({ disable: true });
      await c.messages.create(basicParams());
      expect(await names()).toEqual([["Messages.create"]]);
    });

    it("calling autolog again replaces its options instead of tracing twice", async () => {
      replyByKind();
      autolog({ spanName: "first" });
      autolog({ spanName: "second" });
      await client().messages.create(basicParams());
      expect(await names()).toEqual([["second"]]);
    });

    it("rejects options it does not know, naming them", () => {
      expect(() => autolog({ disable: "yes" } as never)).toThrow(TracedUsageError);
      expect(() => autolog({ captureInput: false } as never)).toThrow(/unknown option "captureInput"/);
    });
  });

  describe("options", () => {
    it("captureInputs: false and a captureOutputs function", async () => {
      anthropic.server.reply(MESSAGES_PATH, message({ text: "secret answer" }));
      autolog({ captureInputs: false, captureOutputs: (m) => ({ stop: (m as { stop_reason: string }).stop_reason }) });
      const result = await client().messages.create(basicParams());
      expect(result.content).toMatchObject([{ text: "secret answer" }]);
      const [span] = (await anthropic.tracing.onlyTrace()).spans;
      expect(span!.inputs).toBeUndefined();
      expect(span!.outputs).toEqual({ stop: "end_turn" });
      // Usage is not content: it is still recorded.
      expect(span!.getAttribute("mlflow.chat.tokenUsage")).toMatchObject({ input_tokens: 25, output_tokens: 15 });
    });

    it("spanName and spanType, as values and as functions of the method", async () => {
      replyByKind();
      autolog({ spanName: (m) => `anthropic ${m.method} (${m.defaultName})`, spanType: (m) => (m.method.endsWith("stream") ? SpanType.LLM : SpanType.CHAT_MODEL) });
      await client().messages.stream(basicParams()).finalMessage();
      await client().beta.messages.create(basicParams());
      const spans = (await anthropic.tracing.traces()).map((t) => [t.spans[0]!.name, t.spans[0]!.spanType]);
      expect(spans).toEqual([
        ["anthropic messages.stream (Messages.stream)", "LLM"],
        ["anthropic beta.messages.create (Messages.create)", "CHAT_MODEL"],
      ]);
      autolog({ spanName: "claude", spanType: SpanType.LLM });
      await client().messages.create(basicParams());
      expect((await anthropic.tracing.onlyTrace()).spans.map((s) => [s.name, s.spanType])).toEqual([["claude", "LLM"]]);
    });

    it("streamChunkEvents under autolog", async () => {
      replyByKind();
      autolog({ streamChunkEvents: true });
      await client().messages.stream(basicParams()).finalMessage();
      const [span] = (await anthropic.tracing.onlyTrace()).spans;
      expect(span!.events.filter((e) => e.name.startsWith("mlflow.chunk.item.")).length).toBeGreaterThan(4);
    });
  });

  describe("traced's global switch", () => {
    it("disable() records nothing and leaves results unchanged; enable() resumes", async () => {
      replyByKind();
      autolog();
      disable();
      try {
        expect((await client().messages.create(basicParams())).content).toMatchObject([{ type: "text", text: "plain" }]);
        expect(await client().messages.stream(basicParams()).finalText()).toBe("streamed");
        let text = "";
        for await (const event of await client().messages.create(streamParams())) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
        expect(text).toBe("streamed");
        expect(await anthropic.tracing.traces()).toEqual([]);
      } finally {
        enable();
      }
      await client().messages.create(basicParams());
      expect(await names()).toEqual([["Messages.create"]]);
    });
  });
}
