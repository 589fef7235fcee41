/**
 * A fake MLflow 3.6 tracking server with the endpoints traced's MLflow exporter calls,
 * behaving as the format sheet (§10, §10a) records the real one: `POST /v1/traces` takes
 * only binary protobuf with `x-mlflow-experiment-id` (JSON → 400, missing header or
 * unknown experiment → 422, no gzip support), stores each attribute as the JSON of its
 * decoded value, creates the trace (previews from the root span, IN_PROGRESS until the
 * root arrives) and answers JSON labelled protobuf; `POST /api/3.0/mlflow/traces`
 * replaces the trace row with the info sent. The read and manage endpoints (get, batchGet,
 * search, tags, deletes, assessments) are in mlflow-fake-rest.ts and below. Every request is recorded in order.
 */
import { once } from "node:events";
import http from "node:http";
import { type AddressInfo } from "node:net";
import { experimentOf, FakeRequestError, restSpan, searchTraces, traceInfoOf, updateAssessment } from "./mlflow-fake-rest.js";
import { stringifyWithBigInts } from "../../src/model/mlflow-json.js";
import { decodeProtobufRequest, type DecodedSpan } from "./otlp-decode.js";

export interface StoredSpan extends Omit<DecodedSpan, "attributes"> {
  /** As the server stores them: each decoded value JSON-encoded once. */
  attributes: Record<string, string>;
}

export interface StoredTrace {
  spans: StoredSpan[];
  /** The trace row (the info), as the server keeps it. */
  info: Record<string, unknown>;
  /** How many spans were stored when the REST info call arrived (undefined if never). */
  spansAtInfoCall?: number;
  assessments: Record<string, unknown>[];
}

export interface RecordedCall {
  method: string;
  path: string;
  /** The query string's parameters (GET and DELETE carry their fields there). */
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  status: number;
  body: Buffer;
}

type Json = Record<string, any>;

export interface ForcedReply {
  status: number;
  /** JSON unless a string (sent as is). */
  body?: unknown;
  contentType?: string;
}

const TRACE_ID = /^tr-[0-9a-f]{32}$/;
const STATES = ["STATE_UNSPECIFIED", "OK", "ERROR", "IN_PROGRESS"];

export class FakeMlflowServer {
  readonly calls: RecordedCall[] = [];
  readonly traces = new Map<string, StoredTrace>();
  readonly experiments = new Set(["0"]);
  private assessmentCount = 0;
  /** When set, every request must carry exactly this Authorization header (else 401). */
  requiredAuthorization: string | undefined;
  /**
   * Whether `GET /api/3.0/mlflow/traces/batchGet` exists, as on recent servers (BatchGetTraces
   * in MLflow's mlflow/protos/service.proto: `trace_ids` repeated in the query, reply
   * `{traces: [{trace_info, spans}]}`; ids it has no trace for are left out, as MLflow's SQL
   * store does). False plays an older server: the path then falls to the `traces/{trace_id}`
   * route, which answers 404 RESOURCE_DOES_NOT_EXIST for a trace called "batchGet".
   */
  batchGet = true;
  /** Traces whose spans the server keeps in its artifact store: batchGet leaves them out (MLflow's SQL store reads spans from its database only). */
  readonly spansInArtifacts = new Set<string>();
  /** When set, a longer request line gets gunicorn's answer (400, plain text), as `mlflow server --gunicorn-opts` deployments give (gunicorn's limit: 4094). */
  maxRequestLine: number | undefined;
  /** Replies forced on the next calls to a path, in order. */
  private readonly forced = new Map<string, ForcedReply[]>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeMlflowServer> {
    const server = http.createServer();
    const fake = new FakeMlflowServer(server);
    server.on("request", (req, res) => void fake.handle(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return fake;
  }

  get uri(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  failNext(path: string, ...statuses: number[]): void {
    this.forced.set(path, [...(this.forced.get(path) ?? []), ...statuses.map((status) => ({ status }))]);
  }

  /** The next call to `path` gets this reply, e.g. an HTML page from a proxy. */
  replyNext(path: string, reply: ForcedReply): void {
    this.forced.set(path, [...(this.forced.get(path) ?? []), reply]);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.uri);
    const call: RecordedCall = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, status: 0, body };
    this.calls.push(call);
    const send = (status: number, reply: unknown, contentType = "application/json") => {
      call.status = status;
      res.writeHead(status, { "Content-Type": contentType }).end(typeof reply === "string" ? reply : stringifyWithBigInts(reply));
    };

    const requestLine = `${req.method} ${req.url} HTTP/${req.httpVersion}`;
    if (this.maxRequestLine !== undefined && requestLine.length > this.maxRequestLine) {
      return send(400, `Bad Request\nRequest Line is too large (${requestLine.length} > ${this.maxRequestLine})`, "text/plain");
    }
    const forced = this.forced.get(url.pathname)?.shift();
    if (forced !== undefined) {
      return send(forced.status, forced.body ?? { error_code: "TEMPORARILY_UNAVAILABLE", message: "forced" }, forced.contentType);
    }
    if (this.requiredAuthorization !== undefined && req.headers.authorization !== this.requiredAuthorization) {
      return send(401, { error_code: "UNAUTHENTICATED", message: "You are not authenticated. Please see the documentation for details." });
    }

    if (req.method === "POST" && url.pathname === "/v1/traces") return this.otlp(req, body, send);
    if (req.method === "POST" && url.pathname === "/api/3.0/mlflow/traces") return this.startTrace(req, body, send);
    const assessment = /^\/api\/3\.0\/mlflow\/traces\/([^/]+)\/assessments$/.exec(url.pathname);
    if (req.method === "POST" && assessment) return this.createAssessment(decodeURIComponent(assessment[1]!), body, send);
    try {
      const reply = this.manage(req.method ?? "", url, body);
      if (reply !== undefined) return send(200, reply);
    } catch (error) {
      if (error instanceof FakeRequestError) return send(error.status, { error_code: error.errorCode, message: error.message });
      throw error;
    }
    return send(404, { error_code: "ENDPOINT_NOT_FOUND", message: `${req.method} ${url.pathname}` });
  }

  /** The read and manage endpoints; undefined for a path that is none of them. */
  private manage(method: string, url: URL, body: Buffer): Json | undefined {
    const path = url.pathname;
    const request = (): Json => {
      try {
        return JSON.parse(body.toString("utf8")) as Json;
      } catch {
        throw new FakeRequestError(400, "MALFORMED_REQUEST", "expected a JSON body");
      }
    };
    if (method === "GET" && path === "/api/3.0/mlflow/traces/get") {
      const trace = this.traceOrFail(url.searchParams.get("trace_id") ?? "");
      return { trace: { trace_info: traceInfoOf(trace), spans: trace.spans.map(restSpan) } };
    }
    if (method === "GET" && path === "/api/3.0/mlflow/traces/batchGet" && this.batchGet) return { traces: this.batchGetTraces(url.searchParams) };
    if (method === "POST" && path === "/api/3.0/mlflow/traces/search") return searchTraces(this.traces.values(), request());
    if (method === "POST" && path === "/api/2.0/mlflow/traces/delete-traces") return { traces_deleted: this.deleteTraces(request()) };
    let match = /^\/api\/3\.0\/mlflow\/traces\/([^/]+)$/.exec(path);
    if (method === "GET" && match) return { trace: { trace_info: traceInfoOf(this.traceOrFail(decodeURIComponent(match[1]!))) } };
    match = /^\/api\/2\.0\/mlflow\/traces\/([^/]+)\/tags$/.exec(path);
    if (match && (method === "PATCH" || method === "DELETE")) {
      const trace = this.traceOrFail(decodeURIComponent(match[1]!));
      const tags = (trace.info.tags ??= {}) as Record<string, string>;
      if (method === "PATCH") {
        const { key, value } = request();
        if (typeof key !== "string" || typeof value !== "string") throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", "key and value must be strings");
        tags[key] = value;
        return {};
      }
      const key = url.searchParams.get("key") ?? "";
      if (!(key in tags)) throw new FakeRequestError(404, "RESOURCE_DOES_NOT_EXIST", `No trace tag with key '${key}' for trace with ID '${match[1]}'`);
      delete tags[key];
      return {};
    }
    match = /^\/api\/3\.0\/mlflow\/traces\/([^/]+)\/assessments\/([^/]+)$/.exec(path);
    if (match && ["GET", "PATCH", "DELETE"].includes(method)) {
      const trace = this.traceOrFail(decodeURIComponent(match[1]!));
      const id = decodeURIComponent(match[2]!);
      const index = trace.assessments.findIndex((a) => a.assessment_id === id);
      if (index < 0) throw new FakeRequestError(404, "RESOURCE_DOES_NOT_EXIST", `Assessment with ID '${id}' not found for trace '${match[1]}'`);
      const stored = trace.assessments[index]! as Json;
      if (method === "GET") return { assessment: stored };
      if (method === "PATCH") return { assessment: updateAssessment(stored, request()) };
      trace.assessments.splice(index, 1);
      const overridden = trace.assessments.find((a) => a.assessment_id === stored.overrides);
      if (overridden) overridden.valid = true;
      return {};
    }
    return undefined;
  }

  /** BatchGetTraces: the traces asked for that the server has (optionally only in `experiment_ids`), in the order asked. */
  private batchGetTraces(query: URLSearchParams): Json[] {
    const experiments = query.getAll("experiment_ids");
    return query.getAll("trace_ids").flatMap((id) => {
      const trace = this.traces.get(id);
      if (!trace || this.spansInArtifacts.has(id) || (experiments.length > 0 && !experiments.includes(experimentOf(trace) ?? ""))) return [];
      return [{ trace_info: traceInfoOf(trace), spans: trace.spans.map(restSpan) }];
    });
  }

  private traceOrFail(traceId: string): StoredTrace {
    const trace = this.traces.get(traceId);
    if (!trace) throw new FakeRequestError(404, "RESOURCE_DOES_NOT_EXIST", `Trace with ID ${traceId} is not found.`);
    return trace;
  }

  private deleteTraces(request: Json): number {
    const { experiment_id: experimentId, request_ids: ids, max_timestamp_millis: maxMs, max_traces: maxTraces } = request;
    if (typeof experimentId !== "string") throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", "experiment_id is required");
    if ((ids === undefined) === (maxMs === undefined)) {
      throw new FakeRequestError(400, "INVALID_PARAMETER_VALUE", "Exactly one of max_timestamp_millis and request_ids must be specified");
    }
    const inExperiment = [...this.traces.entries()].filter(([, trace]) => experimentOf(trace) === experimentId);
    const doomed = ids
      ? inExperiment.filter(([id]) => (ids as string[]).includes(id))
      : inExperiment
          .filter(([, trace]) => Date.parse(traceInfoOf(trace).request_time) <= Number(maxMs))
          .sort(([, a], [, b]) => Date.parse(traceInfoOf(a).request_time) - Date.parse(traceInfoOf(b).request_time))
          .slice(0, maxTraces ?? undefined);
    for (const [id] of doomed) this.traces.delete(id);
    return doomed.length;
  }

  private otlp(req: http.IncomingMessage, body: Buffer, send: (status: number, reply: unknown, type?: string) => void): void {
    const experimentId = req.headers["x-mlflow-experiment-id"];
    if (typeof experimentId !== "string") return send(422, { detail: "x-mlflow-experiment-id header is required" });
    if (req.headers["content-type"] !== "application/x-protobuf") return send(400, { detail: `Invalid Content-Type: ${req.headers["content-type"]}` });
    if (!this.experiments.has(experimentId)) return send(422, { detail: `No experiment with id ${experimentId}` });
    let spans: DecodedSpan[];
    try {
      // MLflow 3.6 reads the body as is: a gzipped body fails to parse.
      spans = decodeProtobufRequest(body);
    } catch {
      return send(400, { detail: "Invalid OpenTelemetry protobuf format" });
    }
    if (spans.length === 0) return send(400, { detail: "Invalid OpenTelemetry protobuf format - no spans found" });
    for (const span of spans) {
      const traceId = `tr-${span.traceId}`;
      const stored: StoredSpan = {
        ...span,
        attributes: Object.fromEntries(Object.entries(span.attributes).map(([key, attribute]) => [key, JSON.stringify(attribute.value)])),
      };
      const trace = this.traces.get(traceId) ?? { spans: [], info: { trace_id: traceId, state: "IN_PROGRESS", experiment_id: experimentId }, assessments: [] };
      trace.spans.push(stored);
      if (span.parentSpanId === "") {
        trace.info.state = span.status.code === 2 ? "ERROR" : "OK";
        trace.info.request_preview = stored.attributes["mlflow.spanInputs"] ?? null;
        trace.info.response_preview = stored.attributes["mlflow.spanOutputs"] ?? null;
      }
      this.traces.set(traceId, trace);
    }
    send(200, { partialSuccess: null }, "application/x-protobuf");
  }

  private startTrace(req: http.IncomingMessage, body: Buffer, send: (status: number, reply: unknown) => void): void {
    if (req.headers["content-type"] !== "application/json") return send(400, { error_code: "BAD_REQUEST", message: "expected JSON" });
    let info: Json;
    try {
      info = JSON.parse(body.toString("utf8")).trace.trace_info;
    } catch {
      return send(400, { error_code: "MALFORMED_REQUEST", message: "expected {trace: {trace_info}}" });
    }
    const problem = checkTraceInfo(info, this.experiments);
    if (problem) return send(400, { error_code: "INVALID_PARAMETER_VALUE", message: problem });
    const trace = this.traces.get(info.trace_id) ?? { spans: [], info: {}, assessments: [] };
    trace.spansAtInfoCall = trace.spans.length;
    // The row is replaced: fields left out become null.
    trace.info = { request_preview: null, response_preview: null, ...info };
    this.traces.set(info.trace_id, trace);
    send(200, { trace_info: info });
  }

  private createAssessment(traceId: string, body: Buffer, send: (status: number, reply: unknown) => void): void {
    const trace = this.traces.get(traceId);
    if (!trace) return send(404, { error_code: "RESOURCE_DOES_NOT_EXIST", message: traceId });
    const assessment = JSON.parse(body.toString("utf8")).assessment as Json;
    const now = new Date().toISOString();
    const stored = {
      create_time: now,
      last_update_time: now,
      valid: true,
      ...assessment,
      assessment_id: `a-${(this.assessmentCount++).toString(16).padStart(32, "0")}`,
    };
    // The assessment it overrides stays, marked invalid.
    const overridden = trace.assessments.find((a) => a.assessment_id === assessment.overrides);
    if (overridden) overridden.valid = false;
    trace.assessments.push(stored);
    send(200, { assessment: stored });
  }
}

function checkTraceInfo(info: Json | undefined, experiments: Set<string>): string | undefined {
  if (!info || typeof info !== "object") return "trace_info is missing";
  if (!TRACE_ID.test(info.trace_id)) return `bad trace_id ${info.trace_id}`;
  const location = info.trace_location;
  if (location?.type !== "MLFLOW_EXPERIMENT" || !experiments.has(location.mlflow_experiment?.experiment_id)) return "bad trace_location";
  if (typeof info.request_time !== "string" || Number.isNaN(Date.parse(info.request_time))) return "request_time must be a Timestamp string";
  if (info.execution_duration !== undefined && !/^\d+(\.\d+)?s$/.test(info.execution_duration)) return "execution_duration must be a Duration string";
  if (!STATES.includes(info.state)) return `bad state ${info.state}`;
  for (const map of ["trace_metadata", "tags"]) {
    for (const value of Object.values(info[map] ?? {})) if (typeof value !== "string") return `${map} values must be strings`;
  }
  return undefined;
}
