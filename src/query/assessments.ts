/**
 * Feedback and expectations on stored traces, in MLflow's shape (log_feedback,
 * log_expectation, update_assessment, delete_assessment). Overriding an assessment keeps the
 * old one and marks it invalid, as MLflow's server does.
 */
import { randomUUID } from "node:crypto";
import { checkKnownKeys, describeValue, TracedUsageError } from "../config/errors.js";
import {
  AssessmentSourceType,
  type Assessment,
  type AssessmentError,
  type AssessmentSource,
} from "../model/assessment.js";
import { isSpanId } from "../model/ids.js";
import { assessmentFromRow, assessmentToRow, type AssessmentRow } from "../store/assessment-row.js";
import { type TraceDatabase } from "../store/database.js";
import { TraceNotFoundError } from "./not-found.js";
import { rowOf } from "./trace-tags.js";

interface CommonOptions {
  traceId: string;
  name: string;
  /** Who made it; default `{ sourceType: "CODE" }`. */
  source?: AssessmentSource;
  /** Attach to one span of the trace. */
  spanId?: string;
  metadata?: Record<string, string>;
}

export interface LogFeedbackOptions extends CommonOptions {
  value?: unknown;
  error?: AssessmentError;
  rationale?: string;
  /** The id of an earlier assessment this one replaces (that one becomes invalid). */
  overrides?: string;
}

export interface LogExpectationOptions extends CommonOptions {
  value: unknown;
}

export interface AssessmentUpdate {
  name?: string;
  value?: unknown;
  error?: AssessmentError;
  rationale?: string;
  metadata?: Record<string, string>;
  source?: AssessmentSource;
  spanId?: string;
  valid?: boolean;
}

export function newAssessmentId(): string {
  return "a-" + randomUUID().replace(/-/g, "");
}

const SOURCE_TYPES = Object.values(AssessmentSourceType) as string[];

function checkCommon(options: CommonOptions, where: string): void {
  if (typeof options.traceId !== "string" || options.traceId === "") {
    throw new TracedUsageError(`${where}: "traceId" must be a trace id, got ${describeValue(options.traceId)}`);
  }
  if (typeof options.name !== "string" || options.name === "") {
    throw new TracedUsageError(`${where}: "name" must be a non-empty string, got ${describeValue(options.name)}`);
  }
  if (options.spanId !== undefined && !isSpanId(options.spanId)) {
    throw new TracedUsageError(`${where}: "spanId" must be 16 lowercase hex digits, got ${describeValue(options.spanId)}`);
  }
  checkSource(options.source, where);
  if (options.metadata !== undefined) checkMetadata(options.metadata, where);
}

function checkSource(source: AssessmentSource | undefined, where: string): void {
  if (source === undefined) return;
  if (typeof source !== "object" || source === null || !SOURCE_TYPES.includes(source.sourceType)) {
    throw new TracedUsageError(`${where}: "source.sourceType" must be one of ${SOURCE_TYPES.join(", ")}, got ${describeValue(source?.sourceType)}`);
  }
}

function checkMetadata(metadata: unknown, where: string): void {
  if (typeof metadata !== "object" || metadata === null || Object.values(metadata).some((v) => typeof v !== "string")) {
    throw new TracedUsageError(`${where}: "metadata" must map strings to strings`);
  }
}

function checkJsonValue(value: unknown, where: string): void {
  if (value === undefined) return;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new TracedUsageError(`${where}: "value" must be JSON-serializable, got ${describeValue(value)}`);
}

function insert(db: TraceDatabase, assessment: Assessment): Assessment {
  const traceRow = rowOf(db, assessment.traceId);
  const columns = Object.keys(assessmentToRow(assessment));
  const statement = db.prepare(
    `INSERT INTO assessments (trace_row, ${columns.join(", ")}) VALUES (@trace_row, ${columns.map((c) => "@" + c).join(", ")})`,
  );
  statement.run({ ...assessmentToRow(assessment), trace_row: traceRow });
  return assessment;
}

/** A checked new feedback, for the local file and the tracking-server store alike (the server assigns its own id). */
export function newFeedback(options: LogFeedbackOptions): Assessment {
  checkKnownKeys(options, ["traceId", "name", "value", "error", "rationale", "source", "spanId", "metadata", "overrides"], "logFeedback");
  checkCommon(options, "logFeedback");
  if (options.value === undefined && options.error === undefined) throw new TracedUsageError('logFeedback: give a "value" or an "error"');
  checkJsonValue(options.value, "logFeedback");
  const now = Date.now();
  return {
    assessmentId: newAssessmentId(),
    name: options.name,
    traceId: options.traceId,
    ...(options.spanId ? { spanId: options.spanId } : {}),
    source: options.source ?? { sourceType: AssessmentSourceType.CODE },
    createTimeMs: now,
    lastUpdateTimeMs: now,
    feedback: { ...(options.value !== undefined ? { value: options.value } : {}), ...(options.error ? { error: options.error } : {}) },
    ...(options.rationale !== undefined ? { rationale: options.rationale } : {}),
    ...(options.metadata ? { metadata: { ...options.metadata } } : {}),
    valid: true,
    ...(options.overrides ? { overrides: options.overrides } : {}),
  };
}

/** A checked new expectation, for both stores. */
export function newExpectation(options: LogExpectationOptions): Assessment {
  checkKnownKeys(options, ["traceId", "name", "value", "source", "spanId", "metadata"], "logExpectation");
  checkCommon(options, "logExpectation");
  if (options.value === undefined) throw new TracedUsageError('logExpectation: "value" is required');
  checkJsonValue(options.value, "logExpectation");
  const now = Date.now();
  return {
    assessmentId: newAssessmentId(),
    name: options.name,
    traceId: options.traceId,
    ...(options.spanId ? { spanId: options.spanId } : {}),
    source: options.source ?? { sourceType: AssessmentSourceType.CODE },
    createTimeMs: now,
    lastUpdateTimeMs: now,
    expectation: { value: options.value },
    ...(options.metadata ? { metadata: { ...options.metadata } } : {}),
    valid: true,
  };
}

export function logFeedback(db: TraceDatabase, options: LogFeedbackOptions): Assessment {
  const assessment = newFeedback(options);
  return db.transaction(() => {
    if (options.overrides) {
      const changed = db
        .prepare("UPDATE assessments SET valid = 0 WHERE assessment_id = ? AND trace_row = (SELECT trace_row FROM traces WHERE trace_id = ?)")
        .run(options.overrides, options.traceId).changes;
      if (changed === 0) throw new TraceNotFoundError(options.overrides, "Assessment");
    }
    return insert(db, assessment);
  }).immediate();
}

export function logExpectation(db: TraceDatabase, options: LogExpectationOptions): Assessment {
  return insert(db, newExpectation(options));
}

export function getAssessment(db: TraceDatabase, traceId: string, assessmentId: string): Assessment {
  const row = db
    .prepare<[string, number], AssessmentRow>("SELECT * FROM assessments WHERE assessment_id = ? AND trace_row = ?")
    .get(assessmentId, rowOf(db, traceId));
  if (row === undefined) throw new TraceNotFoundError(assessmentId, "Assessment");
  return assessmentFromRow(row, traceId);
}

/** Checks an update for the local file and an open trace (a tracking server takes fewer fields: see the server store). */
export function checkAssessmentUpdate(update: AssessmentUpdate): void {
  checkKnownKeys(update, ["name", "value", "error", "rationale", "metadata", "source", "spanId", "valid"], "updateAssessment");
  checkSource(update.source, "updateAssessment");
  if (update.spanId !== undefined && !isSpanId(update.spanId)) {
    throw new TracedUsageError(`updateAssessment: "spanId" must be 16 lowercase hex digits, got ${describeValue(update.spanId)}`);
  }
  if (update.name !== undefined && (typeof update.name !== "string" || update.name === "")) {
    throw new TracedUsageError(`updateAssessment: "name" must be a non-empty string, got ${describeValue(update.name)}`);
  }
  if (update.metadata !== undefined) checkMetadata(update.metadata, "updateAssessment");
  checkJsonValue(update.value, "updateAssessment");
}

/** `current` with the fields given changed (MLflow's update_mask is the set of keys given) and a new update time. */
export function updatedAssessment(current: Assessment, update: AssessmentUpdate): Assessment {
  if (update.error !== undefined && current.expectation) throw new TracedUsageError("updateAssessment: an expectation has no error");
  const next: Assessment = {
    ...current,
    ...(update.name !== undefined ? { name: update.name } : {}),
    ...(update.source !== undefined ? { source: update.source } : {}),
    ...(update.spanId !== undefined ? { spanId: update.spanId } : {}),
    ...(update.rationale !== undefined ? { rationale: update.rationale } : {}),
    ...(update.metadata !== undefined ? { metadata: { ...update.metadata } } : {}),
    ...(update.valid !== undefined ? { valid: update.valid } : {}),
    lastUpdateTimeMs: Math.max(Date.now(), current.lastUpdateTimeMs),
  };
  return current.expectation
    ? { ...next, ...(update.value !== undefined ? { expectation: { value: update.value } } : {}) }
    : {
        ...next,
        feedback: {
          ...current.feedback,
          ...(update.value !== undefined ? { value: update.value } : {}),
          ...(update.error !== undefined ? { error: update.error } : {}),
        },
      };
}

/** Changes the given fields (MLflow's update_mask is the set of keys given) and the update time. */
export function updateAssessment(db: TraceDatabase, traceId: string, assessmentId: string, update: AssessmentUpdate): Assessment {
  checkAssessmentUpdate(update);
  return db.transaction(() => {
    const updated = updatedAssessment(getAssessment(db, traceId, assessmentId), update);
    const row = assessmentToRow(updated);
    const columns = Object.keys(row).filter((c) => c !== "assessment_id");
    db.prepare(`UPDATE assessments SET ${columns.map((c) => `${c} = @${c}`).join(", ")} WHERE trace_row = @trace_row AND assessment_id = @assessment_id`).run({
      ...row,
      trace_row: rowOf(db, traceId),
    });
    return updated;
  }).immediate();
}

/** Removes the assessment; an assessment it had overridden becomes valid again (as in MLflow). */
export function deleteAssessment(db: TraceDatabase, traceId: string, assessmentId: string): void {
  db.transaction(() => {
    const current = getAssessment(db, traceId, assessmentId);
    const traceRow = rowOf(db, traceId);
    db.prepare("DELETE FROM assessments WHERE trace_row = ? AND assessment_id = ?").run(traceRow, assessmentId);
    if (current.overrides) db.prepare("UPDATE assessments SET valid = 1 WHERE trace_row = ? AND assessment_id = ?").run(traceRow, current.overrides);
  }).immediate();
}
