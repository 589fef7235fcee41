import { describe, expect, it } from "vitest";
import { DeliveryQueue, type DropReason } from "../../src/export/otlp/delivery-queue.js";

describe("the exporters' delivery queue", () => {
  it("after close(), drops and counts new jobs as shut-down while earlier ones still run", async () => {
    const drops: DropReason[] = [];
    const queue = new DeliveryQueue(1_000_000, (reason) => drops.push(reason));
    const ran: string[] = [];
    const before = queue.submit({ bytes: 10, spans: 3, traces: 1, run: async () => void ran.push("before") });
    queue.close();
    const after = queue.submit({ bytes: 10, spans: 2, traces: 1, run: async () => void ran.push("after") });
    await expect(before).resolves.toBeUndefined();
    await expect(after).rejects.toThrow("the exporter was shut down");
    await queue.idle();
    expect(ran).toEqual(["before"]);
    expect(drops).toEqual(["shut-down"]);
    expect(queue.stats).toMatchObject({ droppedSpans: 2, droppedTraces: 1 });
  });

  it("a blocking delivery at exit is counted like a queued one, and refused once closed; failures are thrown, not reported", () => {
    const drops: DropReason[] = [];
    const queue = new DeliveryQueue(1_000_000, (reason) => drops.push(reason));
    queue.runSync({ spans: 3, traces: 1 }, () => {});
    expect(() => queue.runSync({ spans: 2, traces: 1 }, () => { throw new Error("HTTP 503"); })).toThrow("HTTP 503");
    queue.close();
    let ran = false;
    expect(() => queue.runSync({ spans: 4, traces: 2 }, () => void (ran = true))).toThrow("the exporter was shut down");
    expect(ran).toBe(false);
    expect(queue.stats).toMatchObject({ exportedSpans: 3, exportedTraces: 1, droppedSpans: 6, droppedTraces: 3 });
    expect(drops).toEqual([]);
  });
});
