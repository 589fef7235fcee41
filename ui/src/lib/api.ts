/** The server's JSON API, typed. Failures become ApiError with the server's details. */

export interface TokenUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
}

export interface AssessmentSummary {
  name: string;
  value: unknown;
  kind: "feedback" | "expectation";
  sourceType: string;
  valid: boolean;
  hasError: boolean;
}

export interface TraceSummary {
  traceId: string;
  name: string | null;
  state: string;
  requestTimeMs: number;
  executionDurationMs: number | null;
  requestPreview: string | null;
  responsePreview: string | null;
  user: string | null;
  session: string | null;
  tags: Record<string, string>;
  tokenUsage: TokenUsage | null;
  /** Total cost in USD, when the trace's models are priced. */
  cost: number | null;
  assessments: AssessmentSummary[];
}

export interface TracePage {
  traces: TraceSummary[];
  nextPageToken: string | null;
}

export interface ApiErrorDetails {
  message: string;
  kind: string;
  position?: number;
  token?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly details: ApiErrorDetails,
  ) {
    super(details.message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}) } });
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const details = (body as { error?: ApiErrorDetails } | null)?.error ?? { message: `HTTP ${response.status}`, kind: "http" };
    throw new ApiError(response.status, details);
  }
  return body as T;
}

export interface ListQuery {
  filter: string;
  orderBy: string[];
  pageToken: string | null;
  maxResults: number;
}

export function listTraces(query: ListQuery, signal?: AbortSignal): Promise<TracePage> {
  const params = new URLSearchParams();
  if (query.filter) params.set("filter", query.filter);
  for (const order of query.orderBy) params.append("orderBy", order);
  if (query.pageToken) params.set("pageToken", query.pageToken);
  params.set("maxResults", String(query.maxResults));
  return request(`/api/traces?${params}`, signal ? { signal } : {});
}

/** MLflow's trace dict, as the server sends it. */
export interface MlflowTraceDict {
  info: Record<string, unknown> & {
    trace_id: string;
    request_time: string;
    execution_duration_ms?: number;
    state: string;
    request_preview?: string;
    response_preview?: string;
    trace_metadata?: Record<string, string>;
    tags?: Record<string, string>;
    assessments?: MlflowAssessmentDict[];
  };
  data: { spans: MlflowSpanDict[] };
}

export interface MlflowSpanDict {
  span_id: string;
  parent_span_id: string | null;
  name: string;
  start_time_unix_nano: number;
  end_time_unix_nano: number | null;
  status: { code: string; message: string };
  events: { name: string; time_unix_nano: number; attributes: Record<string, unknown> }[];
  attributes: Record<string, string>;
}

export interface MlflowAssessmentDict {
  assessment_id: string;
  assessment_name: string;
  span_id?: string;
  source: { source_type: string; source_id?: string };
  create_time: string;
  feedback?: { value?: unknown; error?: { error_message?: string } };
  expectation?: { value?: unknown; serialized_value?: { value: string } };
  rationale?: string;
  valid?: boolean;
}

export function getTrace(traceId: string): Promise<MlflowTraceDict> {
  return request(`/api/traces/${encodeURIComponent(traceId)}`);
}

export function setTag(traceId: string, key: string, value: string): Promise<unknown> {
  return request(`/api/traces/${encodeURIComponent(traceId)}/tags/${encodeURIComponent(key)}`, { method: "PUT", body: JSON.stringify({ value }) });
}

export function deleteTag(traceId: string, key: string): Promise<unknown> {
  return request(`/api/traces/${encodeURIComponent(traceId)}/tags/${encodeURIComponent(key)}`, { method: "DELETE" });
}

export function addFeedback(traceId: string, feedback: { value: boolean; comment?: string }): Promise<{ assessmentId: string }> {
  return request(`/api/traces/${encodeURIComponent(traceId)}/feedback`, { method: "POST", body: JSON.stringify(feedback) });
}
