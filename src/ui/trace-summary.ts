/** One row of the trace list: what the list page shows, without the spans. */
import { type Assessment } from "../model/assessment.js";
import { TraceMetadataKey, TraceTagKey } from "../model/keys.js";
import { type Trace } from "../model/trace.js";
import { TRACE_COST_KEY } from "../processing/pricing/span-cost.js";
import { totalCost } from "../view/cost.js";

export interface TokenUsageSummary {
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
  /** The user's tags; MLflow's own (mlflow.*) are left out of the list. */
  tags: Record<string, string>;
  tokenUsage: TokenUsageSummary | null;
  /** The trace's total cost in USD (`mlflow.trace.cost`), when its models are priced. */
  cost: number | null;
  assessments: AssessmentSummary[];
}

// Previews in the list are shown on one line; the full text is on the trace page.
const LIST_PREVIEW_CHARS = 300;

function shorten(text: string | undefined): string | null {
  if (text === undefined) return null;
  return text.length > LIST_PREVIEW_CHARS ? text.slice(0, LIST_PREVIEW_CHARS) + "…" : text;
}

function parseTokenUsage(text: string | undefined): TokenUsageSummary | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) return null;
    const usage: TokenUsageSummary = {};
    for (const key of ["input_tokens", "output_tokens", "total_tokens"] as const) {
      const n = (value as Record<string, unknown>)[key];
      if (typeof n === "number") usage[key] = n;
    }
    return Object.keys(usage).length ? usage : null;
  } catch {
    return null;
  }
}

function summarizeAssessment(assessment: Assessment): AssessmentSummary {
  return {
    name: assessment.name,
    value: assessment.feedback ? (assessment.feedback.value ?? null) : (assessment.expectation?.value ?? null),
    kind: assessment.feedback ? "feedback" : "expectation",
    sourceType: assessment.source.sourceType,
    valid: assessment.valid !== false,
    hasError: assessment.feedback?.error !== undefined,
  };
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const { info } = trace;
  const tags = Object.fromEntries(Object.entries(info.tags).filter(([key]) => !key.startsWith("mlflow.")));
  return {
    traceId: info.traceId,
    name: info.tags[TraceTagKey.TRACE_NAME] ?? null,
    state: info.state,
    requestTimeMs: info.requestTimeMs,
    executionDurationMs: info.executionDurationMs,
    requestPreview: shorten(info.requestPreview),
    responsePreview: shorten(info.responsePreview),
    user: info.metadata[TraceMetadataKey.USER] ?? null,
    session: info.metadata[TraceMetadataKey.SESSION] ?? null,
    tags,
    tokenUsage: parseTokenUsage(info.metadata[TraceMetadataKey.TOKEN_USAGE]),
    cost: totalCost(info.metadata[TRACE_COST_KEY]) ?? null,
    assessments: info.assessments.map(summarizeAssessment),
  };
}
