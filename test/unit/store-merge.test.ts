/** One trace id written in parts (a distributed trace's client and server halves) is merged, not overwritten. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { traceFromMlflowJson, traceToMlflowJson, type Trace } from "../../src/index.js";
import { openTraceDatabase, TraceReader, TraceWriter } from "../../src/store/index.js";

const TRACE = "tr-4bf92f3577b34da6a3ce929d0e0e4736";
const B64 = Buffer.from(TRACE.slice(3), "hex").toString("base64");
const id = (hex: string) => Buffer.from(hex, "hex").toString("base64");

function part(spans: Array<{ id: string; parent: string | null; name: string; start: number }>, tags: Record<string, string>, state = "OK"): Trace {
  return traceFromMlflowJson(
    JSON.stringify({
      info: { trace_id: TRACE, request_time: "2024-01-01T00:00:00.000Z", execution_duration_ms: 5, state, request_preview: tags.preview ?? "", tags },
      data: {
        spans: spans.map((s) => ({
          trace_id: B64,
          span_id: id(s.id),
          parent_span_id: s.parent === null ? null : id(s.parent),
          name: s.name,
          // Exact nanoseconds as decimal strings: past 2^53 a JS number would round them together.
          start_time_unix_nano: String(1_700_000_000_000_000_000n + BigInt(s.start)),
          end_time_unix_nano: String(1_700_000_000_000_000_000n + BigInt(s.start + 10)),
          status: { code: "STATUS_CODE_OK", message: "" },
          attributes: {},
        })),
      },
    }),
  );
}

const client = part(
  [
    { id: "00000000000000a1", parent: null, name: "ask", start: 0 },
    { id: "00000000000000a2", parent: "00000000000000a1", name: "fetch", start: 1 },
  ],
  { "mlflow.traceName": "ask", side: "client", preview: "client" },
);
const server = part(
  [
    { id: "00000000000000b1", parent: "00000000000000a2", name: "handle", start: 2 },
    { id: "00000000000000b2", parent: "00000000000000b1", name: "lookup", start: 3 },
  ],
  { "mlflow.traceName": "handle", served: "yes", preview: "server" },
);

function storeWith(...parts: Trace[]): Trace {
  const db = openTraceDatabase(join(mkdtempSync(join(tmpdir(), "traced-merge-")), "t.db"));
  try {
    const writer = new TraceWriter(db);
    for (const p of parts) writer.write([p]);
    return new TraceReader(db).trace(TRACE)!;
  } finally {
    db.close();
  }
}

describe("writing a trace id that is already stored", () => {
  it.each([
    ["client first", [client, server]],
    ["server first", [server, client]],
  ])("merges the parts of a distributed trace (%s)", (_, parts) => {
    const stored = storeWith(...(parts as Trace[]));
    expect(stored.spans.map((s) => s.name)).toEqual(["ask", "fetch", "handle", "lookup"]);
    expect(stored.rootSpan!.name).toBe("ask");
    expect(stored.getSpan("00000000000000b1")!.parentId).toBe("00000000000000a2");
    // The root's part describes the trace; the other part's tags are added, not preferred.
    expect(stored.info.tags).toMatchObject({ "mlflow.traceName": "ask", side: "client", served: "yes" });
    expect(stored.info.requestPreview).toBe("client");
  });

  it("replaces spans sent again, so writing the same trace twice is idempotent", () => {
    const once = storeWith(client);
    const twice = storeWith(client, client);
    expect(traceToMlflowJson(twice)).toBe(traceToMlflowJson(once));
  });
});
