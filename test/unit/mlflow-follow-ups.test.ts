/** TraceFollowUps: changes that wait for their trace's export, in order, and never vanish unnoticed. */
import { describe, expect, it } from "vitest";
import { TraceFollowUps, UndeliveredChangeError } from "../../src/export/mlflow/trace-follow-ups.js";

function followUps(): { queue: TraceFollowUps; lost: string[] } {
  const lost: string[] = [];
  return { queue: new TraceFollowUps("http://127.0.0.1:5000/", (traceId, error) => lost.push(`${traceId}: ${(error as Error).message ?? error}`)), lost };
}

async function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: Error }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error as Error }),
  );
}

describe("TraceFollowUps", () => {
  it("leaves a trace that does not wait alone (undefined: run the change at once)", () => {
    const { queue } = followUps();
    expect(queue.add("tr-a", async () => 1, () => false)).toBeUndefined();
  });

  it("runs the changes of a queued trace once it is delivered, one after another, in order", async () => {
    const { queue } = followUps();
    const order: string[] = [];
    let queued = true;
    const first = queue.add("tr-a", async () => {
      order.push("first start");
      await new Promise((r) => setTimeout(r, 5));
      order.push("first end");
      return "one";
    }, () => queued)!;
    queue.accept("tr-a");
    queued = false;
    const second = queue.add("tr-a", async () => (order.push("second"), "two"), () => false)!;
    expect(order).toEqual([]);
    queue.delivered("tr-a");
    expect(await first).toBe("one");
    expect(await second).toBe("two");
    expect(order).toEqual(["first start", "first end", "second"]);
    await queue.idle();
    expect(queue.undelivered).toBe(0);
    // Delivered: the trace no longer waits.
    expect(queue.add("tr-a", async () => 3, () => false)).toBeUndefined();
  });

  it("rejects and counts the changes of a trace that was not exported, naming it and the server", async () => {
    const { queue, lost } = followUps();
    queue.accept("tr-b");
    const change = settled(queue.add("tr-b", async () => 1, () => false)!);
    queue.failed("tr-b", new Error("HTTP 400"));
    const { error } = await change;
    expect(error).toBeInstanceOf(UndeliveredChangeError);
    expect(error!.message).toBe(
      "trace tr-b did not reach the MLflow tracking server at http://127.0.0.1:5000/, so a change made to it while it waited for export (feedback, expectation or tag) was not made: HTTP 400",
    );
    expect(queue.undelivered).toBe(1);
    expect(lost).toHaveLength(1);
  });

  it("counts a change that fails itself after its trace arrived", async () => {
    const { queue } = followUps();
    queue.accept("tr-c");
    const change = settled(queue.add("tr-c", async () => Promise.reject(new Error("HTTP 500")), () => false)!);
    queue.delivered("tr-c");
    expect((await change).error!.message).toBe("HTTP 500");
    expect(queue.undelivered).toBe(1);
  });

  it("at a flush, fails changes whose trace left the export queue without reaching the exporter; at shutdown, all", async () => {
    const { queue } = followUps();
    let queued = true;
    const left = settled(queue.add("tr-d", async () => 1, () => queued)!);
    const stays = settled(queue.add("tr-e", async () => 2, () => true)!);
    queued = false;
    await queue.idle();
    expect((await left).error!.message).toContain("left the export queue without being exported");
    queue.accept("tr-f");
    const delivering = settled(queue.add("tr-f", async () => 3, () => false)!);
    queue.close();
    expect((await stays).error!.message).toContain("the exporter was shut down first");
    expect((await delivering).error).toBeInstanceOf(UndeliveredChangeError);
    expect(queue.undelivered).toBe(3);
  });
});
