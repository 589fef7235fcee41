/**
 * The spans of a search page's traces (MLflow's `traces/search` answers with the infos alone).
 * A recent MLflow server reads many traces a request: `GET /api/3.0/mlflow/traces/batchGet`
 * with `trace_ids` repeated in the query, answering `{traces: [{trace_info, spans}]}`
 * (BatchGetTraces in mlflow/protos/service.proto; MLflow's web UI asks for up to 100 ids a
 * call this way). A trace the server does not have, or whose spans it keeps outside its
 * database, is left out of the reply, and such a trace can also fail the whole call (HTTP
 * 500): those are read one by one with `traces/get`. An older server has no batchGet: the
 * path then reaches its `traces/{trace_id}` route and answers 404, after which this store
 * reads every trace with `traces/get`, as before. Each store finds this out once.
 */
import { type TraceInfo } from "../../model/trace-info.js";
import { Trace } from "../../model/trace.js";
import { type MlflowRestClient, MlflowServerError } from "./mlflow-rest-client.js";

type Json = Record<string, unknown>;

export const BATCH_GET_PATH = "api/3.0/mlflow/traces/batchGet";
// The ids go in the URL. A request line of up to 8 KB passes uvicorn (MLflow's server) and
// nginx's default buffers: a page of 100 MLflow ids (4.6 KB) in one request. A server or proxy
// refusing the line (gunicorn stops at 4094 bytes, answering 400; others 414) gets half as
// much per request from then on, down to FLOOR; below that the store reads per trace.
const QUERY_CHARS = 8000;
const QUERY_CHARS_FLOOR = 1000;
const BATCHES_IN_FLIGHT = 2;
// Without batchGet, spans are read per trace; a few at a time keeps the server responsive.
const SINGLE_READS_IN_FLIGHT = 8;

export class BatchTraceReader {
  /** Set once the server showed it cannot batch (no endpoint, or a batch it failed): every trace is then read alone. */
  private batchUnavailable = false;
  /** The longest query string of ids sent; halved when the server refuses a request line as too long. */
  private queryChars = QUERY_CHARS;

  constructor(
    private readonly client: MlflowRestClient,
    /** `traces/get` of one trace (undefined when the server has none). */
    private readonly getOne: (traceId: string) => Promise<Trace | undefined>,
    /** A batch reply's entry as a Trace (errors name the server). */
    private readonly fromReply: (value: unknown) => Trace,
  ) {}

  /** The traces of `infos` with their spans, in the same order; a trace the server cannot give spans for keeps its info alone. */
  async read(infos: readonly TraceInfo[]): Promise<Trace[]> {
    const found = new Map<string, Trace>();
    if (!this.batchUnavailable) {
      await mapLimited(idBatches(infos.map((info) => info.traceId), this.queryChars), BATCHES_IN_FLIGHT, async (ids) => {
        for (const trace of await this.batch(ids)) found.set(trace.traceId, trace);
      });
    }
    return mapLimited(infos, SINGLE_READS_IN_FLIGHT, async (info) => found.get(info.traceId) ?? (await this.getOne(info.traceId)) ?? new Trace(info, []));
  }

  /** One batchGet; empty when the server cannot batch (the caller reads those traces alone). */
  private async batch(ids: string[]): Promise<Trace[]> {
    if (this.batchUnavailable) return [];
    let reply: Json;
    try {
      reply = await this.client.call("GET", BATCH_GET_PATH, { trace_ids: ids });
    } catch (error) {
      if (!cannotBatch(error)) throw error;
      const half = queryLength(ids) / 2;
      if (lineTooLong(error) && ids.length > 1 && half >= QUERY_CHARS_FLOOR) {
        this.queryChars = Math.min(this.queryChars, half);
        const parts = await Promise.all(idBatches(ids, this.queryChars).map((part) => this.batch(part)));
        return parts.flat();
      }
      this.batchUnavailable = true;
      return [];
    }
    return (Array.isArray(reply.traces) ? reply.traces : []).map((value) => this.fromReply(value));
  }
}

/**
 * The server answered, but not with traces: no endpoint (404 through `traces/{trace_id}`,
 * 405, 501), or a batch it failed (a 5xx after the retries, or a refusal of the request).
 * Credentials refused, or no answer at all, are errors of their own, not a reason to go one by one.
 */
function cannotBatch(error: unknown): error is MlflowServerError {
  if (!(error instanceof MlflowServerError) || error.status === undefined) return false;
  return error.status !== 401 && error.status !== 403;
}

/** A refusal of the request line itself: 414, or the bare 400 of a server that stops reading a long line (no MLflow error code). */
function lineTooLong(error: MlflowServerError): boolean {
  return error.status === 414 || (error.status === 400 && error.errorCode === undefined);
}

function idCost(id: string): number {
  return "trace_ids=".length + encodeURIComponent(id).length + 1;
}

function queryLength(ids: readonly string[]): number {
  return ids.reduce((sum, id) => sum + idCost(id), 0);
}

/** The ids in groups whose query string stays within `maxChars`. */
function idBatches(ids: readonly string[], maxChars: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const cost = idCost(id);
    if (current.length > 0 && chars + cost > maxChars) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
