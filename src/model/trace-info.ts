import { type Assessment } from "./assessment.js";
import { type TraceState } from "./status.js";

export interface TraceLocation {
  /** `MLFLOW_EXPERIMENT`, `INFERENCE_TABLE`, `UC_SCHEMA`. */
  readonly type: string;
  readonly experimentId?: string;
  /** Any other location fields, kept as read so a round trip loses nothing. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface TraceInfo {
  readonly traceId: string;
  readonly traceLocation: TraceLocation;
  readonly requestTimeMs: number;
  readonly executionDurationMs: number | null;
  readonly state: TraceState;
  readonly requestPreview?: string;
  readonly responsePreview?: string;
  readonly clientRequestId?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly assessments: readonly Assessment[];
}

/** MLflow's preview limit: at most 1000 characters, cut as the first 997 plus "...". */
export const PREVIEW_MAX_CHARS = 1000;

export function truncatePreview(text: string, max = PREVIEW_MAX_CHARS): string {
  return text.length <= max ? text : text.slice(0, max - 3) + "...";
}
