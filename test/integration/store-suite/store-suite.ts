/**
 * One test suite for every implementation of the asynchronous store API: the local SQLite
 * file and the MLflow tracking server's store must answer the same calls the same way.
 * Each implementation's test file runs it with a factory that opens a fresh, empty store
 * and a way to put finished traces into it (the file: written; the server: exported).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TracedUsageError } from "../../../src/config/errors.js";
import { Trace } from "../../../src/model/trace.js";
import { FilterError } from "../../../src/query/filter-error.js";
import { TraceNotFoundError } from "../../../src/query/not-found.js";
import { type AsyncTraceStore } from "../../../src/query/index.js";
import { agentTrace, START_NS } from "../../support/sample-traces.js";

export interface StoreUnderTest {
  store: AsyncTraceStore;
  /** Puts finished traces where the store reads them. */
  put(traces: readonly Trace[]): Promise<void>;
  /** Requests sent so far (0 for a store that sends none). */
  requests(): number;
  close(): Promise<void>;
}

const BASE_MS = Number(START_NS / 1_000_000n);
const MISSING = "tr-" + "e".repeat(32);

/** Five agent traces one second apart; odd ones tagged team=a, the third an error. */
export function fiveTraces(): Trace[] {
  return Array.from({ length: 5 }, (_, i) => {
    const { trace } = agentTrace();
    const info = { ...trace.info, requestTimeMs: BASE_MS + i * 1000, tags: { ...trace.info.tags, team: i % 2 ? "a" : "b", n: String(i) } };
    return new Trace(i === 2 ? { ...info, state: "ERROR" } : info, trace.spans);
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

export function storeSuite(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`store API: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: AsyncTraceStore;
    let traces: Trace[];

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
      traces = fiveTraces();
      await subject.put(traces);
    });
    afterEach(async () => {
      await subject.close();
    });

    it("gets a trace whole (info, spans, exact nanosecond times) and undefined for an unknown id", async () => {
      const original = traces[1]!;
      const back = (await store.getTrace(original.traceId))!;
      expect(back.traceId).toBe(original.traceId);
      expect(back.info).toMatchObject({ requestTimeMs: original.info.requestTimeMs, state: "OK", tags: original.info.tags, metadata: original.info.metadata });
      expect(back.spans.map((s) => [s.spanId, s.parentId, s.name, s.startTimeNs, s.endTimeNs, s.status])).toEqual(
        original.spans.map((s) => [s.spanId, s.parentId, s.name, s.startTimeNs, s.endTimeNs, s.status]),
      );
      expect(back.spans.map((s) => s.attributes)).toEqual(original.spans.map((s) => s.attributes));
      expect(JSON.parse(JSON.stringify(back)).info.trace_id).toBe(original.traceId);
      expect(await store.getTrace(MISSING)).toBeUndefined();
    });

    it("searches with MLflow's filter grammar and orderings, newest first by default", async () => {
      const ids = traces.map((t) => t.traceId);
      const team = await store.searchTraces({ filter: "tag.team = 'a'", orderBy: ["timestamp_ms ASC"] });
      expect(team.traces.map((t) => t.traceId)).toEqual([ids[1], ids[3]]);
      expect(team.nextPageToken).toBeUndefined();
      expect(team.traces[0]!.spans).toHaveLength(3);

      const errors = await store.searchTraces({ filter: "trace.status = 'ERROR'", includeSpans: false });
      expect(errors.traces.map((t) => t.traceId)).toEqual([ids[2]]);
      expect(errors.traces[0]!.spans).toEqual([]);

      const later = await store.searchTraces({ filter: `trace.timestamp_ms >= ${BASE_MS + 3000} AND tag.team = 'a'`, includeSpans: false });
      expect(later.traces.map((t) => t.traceId)).toEqual([ids[3]]);
      const all = await store.searchTraces({ includeSpans: false });
      expect(all.traces.map((t) => t.traceId)).toEqual([...ids].reverse());
      expect((await store.searchTraces({ filter: "tag.team = 'nobody'" })).traces).toEqual([]);
    });

    it("pages with tokens: every trace once, in order", async () => {
      const seen: string[] = [];
      let pageToken: string | undefined;
      let pages = 0;
      do {
        const page = await store.searchTraces({ maxResults: 2, includeSpans: false, orderBy: ["timestamp_ms ASC"], ...(pageToken ? { pageToken } : {}) });
        seen.push(...page.traces.map((t) => t.traceId));
        pageToken = page.nextPageToken;
        pages++;
      } while (pageToken);
      expect(pages).toBe(3);
      expect(seen).toEqual(traces.map((t) => t.traceId));
    });

    it("rejects what MLflow rejects, with the same errors, before any request", async () => {
      const before = subject.requests();
      for (const filter of ["trace.status = 'OK' OR tag.team = 'a'", "trace.bogus = 'x'", "trace.timestamp_ms LIKE '1%'", "tag.team = a"]) {
        expect(await rejection(store.searchTraces({ filter }))).toBeInstanceOf(FilterError);
      }
      await expect(store.searchTraces({ orderBy: ["colour DESC"] })).rejects.toThrow(TracedUsageError);
      await expect(store.searchTraces({ maxResults: 0 })).rejects.toThrow(TracedUsageError);
      await expect(store.deleteTraces({})).rejects.toThrow(/exactly one of traceIds or maxTimestampMs/);
      await expect(store.logFeedback({ traceId: traces[0]!.traceId, name: "" })).rejects.toThrow(TracedUsageError);
      await expect(store.logFeedback({ traceId: traces[0]!.traceId, name: "x" })).rejects.toThrow(/give a "value" or an "error"/);
      expect(subject.requests()).toBe(before);
    });

    it("sets and deletes tags; a missing trace is TraceNotFoundError", async () => {
      const id = traces[0]!.traceId;
      await store.setTraceTag(id, "reviewed", "yes");
      expect((await store.getTrace(id))!.info.tags.reviewed).toBe("yes");
      expect((await store.searchTraces({ filter: "tag.reviewed = 'yes'" })).traces.map((t) => t.traceId)).toEqual([id]);
      expect(await store.deleteTraceTag(id, "reviewed")).toBe(true);
      expect(await store.deleteTraceTag(id, "reviewed")).toBe(false);
      expect((await store.getTrace(id))!.info.tags.reviewed).toBeUndefined();

      const error = await rejection(store.setTraceTag(MISSING, "k", "v"));
      expect(error).toBeInstanceOf(TraceNotFoundError);
      expect(error.message).toBe(new TraceNotFoundError(MISSING).message);
      await expect(store.deleteTraceTag(MISSING, "k")).rejects.toThrow(TraceNotFoundError);
    });

    it("logs, overrides, updates and deletes feedback and expectations", async () => {
      const id = traces[0]!.traceId;
      const llm = traces[0]!.spans.find((s) => s.name !== traces[0]!.rootSpan!.name)!;
      const first = await store.logFeedback({ traceId: id, name: "thumbs", value: false, rationale: "wrong", source: { sourceType: "HUMAN", sourceId: "alice" }, spanId: llm.spanId });
      expect(first).toMatchObject({ traceId: id, name: "thumbs", feedback: { value: false }, rationale: "wrong", source: { sourceType: "HUMAN", sourceId: "alice" }, spanId: llm.spanId, valid: true });
      expect(await store.getAssessment(id, first.assessmentId)).toEqual(first);

      const second = await store.logFeedback({ traceId: id, name: "thumbs", value: true, overrides: first.assessmentId });
      expect((await store.getAssessment(id, first.assessmentId)).valid).toBe(false);
      const updated = await store.updateAssessment(id, second.assessmentId, { value: "partly", rationale: "close" });
      expect(updated).toMatchObject({ assessmentId: second.assessmentId, feedback: { value: "partly" }, rationale: "close", overrides: first.assessmentId });

      const expectation = await store.logExpectation({ traceId: id, name: "answer", value: { text: "4", exact: true } });
      expect(expectation.expectation).toEqual({ value: { text: "4", exact: true } });
      const onTrace = (await store.getTrace(id))!.info.assessments;
      expect(onTrace.map((a) => a.assessmentId)).toEqual([first.assessmentId, second.assessmentId, expectation.assessmentId]);

      await store.deleteAssessment(id, second.assessmentId);
      expect((await store.getAssessment(id, first.assessmentId)).valid).toBe(true);
      const gone = await rejection(store.getAssessment(id, second.assessmentId));
      expect(gone).toBeInstanceOf(TraceNotFoundError);
      expect(gone.message).toBe(new TraceNotFoundError(second.assessmentId, "Assessment").message);
      const noTrace = await rejection(store.logFeedback({ traceId: MISSING, name: "x", value: 1 }));
      expect(noTrace.message).toBe(new TraceNotFoundError(MISSING).message);
      await expect(store.getAssessment(MISSING, first.assessmentId)).rejects.toThrow(new TraceNotFoundError(MISSING).message);
    });

    it("deletes traces by id and by age (oldest first, at most maxTraces)", async () => {
      const ids = traces.map((t) => t.traceId);
      expect(await store.deleteTraces({ traceIds: [ids[4]!, MISSING] })).toBe(1);
      expect(await store.getTrace(ids[4]!)).toBeUndefined();
      expect(await store.deleteTraces({ traceIds: [] })).toBe(0);
      expect(await store.deleteTraces({ maxTimestampMs: BASE_MS + 10_000, maxTraces: 2 })).toBe(2);
      const left = await store.searchTraces({ includeSpans: false });
      expect(left.traces.map((t) => t.traceId)).toEqual([ids[3], ids[2]]);
    });

    it("closes: later calls fail instead of hanging", async () => {
      expect(store.closed).toBe(false);
      await store.close();
      expect(store.closed).toBe(true);
      await expect(store.getTrace(traces[0]!.traceId)).rejects.toThrow();
    });
  });
}
