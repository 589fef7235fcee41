/** Builders for store and query tests: small, fully specified traces in MLflow's model. */
import { mkdtempSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Span, Trace, traceFromMlflowJson, type Assessment, type TraceInfo } from "../../src/model/index.js";

export const goldenText = readFileSync(join(import.meta.dirname, "../fixtures/mlflow/golden-trace.json"), "utf8");

export function goldenTrace(): Trace {
  return traceFromMlflowJson(goldenText);
}

export function tempDbPath(name = "traces.db"): string {
  return join(mkdtempSync(join(tmpdir(), "traced-store-")), name);
}

let counter = 0;

export function traceIdFor(n: number): string {
  return "tr-" + n.toString(16).padStart(32, "0");
}

export interface SpanSpec {
  name: string;
  type?: string;
  status?: "OK" | "ERROR" | "UNSET";
  inputs?: unknown;
  outputs?: unknown;
  attributes?: Record<string, unknown>;
}

export interface TraceSpec {
  id?: string;
  name?: string;
  timeMs?: number;
  durationMs?: number | null;
  state?: TraceInfo["state"];
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  clientRequestId?: string;
  requestPreview?: string;
  spans?: SpanSpec[];
  assessments?: Assessment[];
}

/** A trace whose root span is named like the trace; further spans are its children. */
export function makeTrace(spec: TraceSpec = {}): Trace {
  const id = spec.id ?? traceIdFor(++counter);
  const timeMs = spec.timeMs ?? 1_700_000_000_000 + counter;
  const durationMs = spec.durationMs === undefined ? 10 : spec.durationMs;
  const name = spec.name ?? "root";
  const specs: SpanSpec[] = spec.spans ?? [{ name }];
  const rootId = "a".repeat(15) + "0";
  const startNs = BigInt(timeMs) * 1_000_000n;
  const spans = specs.map((s, i) => {
    const attributes: Record<string, string> = {
      "mlflow.traceRequestId": JSON.stringify(id),
      "mlflow.spanType": JSON.stringify(s.type ?? "UNKNOWN"),
    };
    if (s.inputs !== undefined) attributes["mlflow.spanInputs"] = JSON.stringify(s.inputs);
    if (s.outputs !== undefined) attributes["mlflow.spanOutputs"] = JSON.stringify(s.outputs);
    for (const [k, v] of Object.entries(s.attributes ?? {})) attributes[k] = JSON.stringify(v);
    return new Span({
      traceId: id,
      spanId: i === 0 ? rootId : "b".repeat(14) + i.toString(16).padStart(2, "0"),
      parentId: i === 0 ? null : rootId,
      name: s.name,
      startTimeNs: startNs + BigInt(i),
      endTimeNs: startNs + BigInt((durationMs ?? 0) * 1_000_000) - BigInt(i),
      status: { code: s.status ?? "OK", message: s.status === "ERROR" ? "failed" : "" },
      attributes,
      events: [],
    });
  });
  return new Trace(
    {
      traceId: id,
      traceLocation: { type: "MLFLOW_EXPERIMENT", experimentId: "0" },
      requestTimeMs: timeMs,
      executionDurationMs: durationMs,
      state: spec.state ?? "OK",
      ...(spec.requestPreview !== undefined ? { requestPreview: spec.requestPreview } : {}),
      ...(spec.clientRequestId !== undefined ? { clientRequestId: spec.clientRequestId } : {}),
      metadata: { "mlflow.trace_schema.version": "3", ...spec.metadata },
      tags: { "mlflow.traceName": name, ...spec.tags },
      assessments: spec.assessments ?? [],
    },
    spans,
  );
}
