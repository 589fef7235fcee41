/** An assessment as one row and back. The value is kept as JSON text plus a searchable text form. */
import { type Assessment, type AssessmentError, type AssessmentSourceType } from "../model/assessment.js";

export interface AssessmentRow {
  assessment_id: string;
  name: string;
  kind: "feedback" | "expectation";
  value_json: string | null;
  value_text: string | null;
  error_json: string | null;
  span_id: string | null;
  source_type: string;
  source_id: string | null;
  create_time_ms: number;
  last_update_time_ms: number;
  rationale: string | null;
  metadata_json: string | null;
  valid: number | null;
  overrides: string | null;
}

/**
 * What `feedback.<name> = '…'` compares against: a string value as itself (`'yes'` matches
 * "yes"), anything else as its JSON text (`'true'`, `'0.8'`, `'["a"]'`).
 */
export function searchableValueText(value: unknown): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function assessmentToRow(assessment: Assessment): AssessmentRow {
  const isFeedback = assessment.feedback !== undefined || assessment.expectation === undefined;
  const value = isFeedback ? assessment.feedback?.value : assessment.expectation?.value;
  const error = assessment.feedback?.error;
  return {
    assessment_id: assessment.assessmentId,
    name: assessment.name,
    kind: isFeedback ? "feedback" : "expectation",
    value_json: value === undefined ? null : JSON.stringify(value),
    value_text: searchableValueText(value),
    error_json: error ? JSON.stringify(error) : null,
    span_id: assessment.spanId ?? null,
    source_type: assessment.source.sourceType,
    source_id: assessment.source.sourceId ?? null,
    create_time_ms: assessment.createTimeMs,
    last_update_time_ms: assessment.lastUpdateTimeMs,
    rationale: assessment.rationale ?? null,
    metadata_json: assessment.metadata ? JSON.stringify(assessment.metadata) : null,
    valid: assessment.valid === undefined ? null : assessment.valid ? 1 : 0,
    overrides: assessment.overrides ?? null,
  };
}

export function assessmentFromRow(row: AssessmentRow, traceId: string): Assessment {
  const value = row.value_json === null ? undefined : (JSON.parse(row.value_json) as unknown);
  const error = row.error_json === null ? undefined : (JSON.parse(row.error_json) as AssessmentError);
  return {
    assessmentId: row.assessment_id,
    name: row.name,
    traceId,
    ...(row.span_id ? { spanId: row.span_id } : {}),
    source: {
      sourceType: row.source_type as AssessmentSourceType,
      ...(row.source_id !== null ? { sourceId: row.source_id } : {}),
    },
    createTimeMs: Number(row.create_time_ms),
    lastUpdateTimeMs: Number(row.last_update_time_ms),
    ...(row.kind === "feedback"
      ? { feedback: { ...(value !== undefined ? { value } : {}), ...(error ? { error } : {}) } }
      : { expectation: { value } }),
    ...(row.rationale !== null ? { rationale: row.rationale } : {}),
    ...(row.metadata_json !== null ? { metadata: JSON.parse(row.metadata_json) as Record<string, string> } : {}),
    ...(row.valid !== null ? { valid: Number(row.valid) === 1 } : {}),
    ...(row.overrides !== null ? { overrides: row.overrides } : {}),
  };
}
