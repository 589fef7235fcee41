/** Feedback and expectations attached to a trace (or one of its spans), in MLflow's shape. */

export const AssessmentSourceType = {
  HUMAN: "HUMAN",
  LLM_JUDGE: "LLM_JUDGE",
  CODE: "CODE",
  SOURCE_TYPE_UNSPECIFIED: "SOURCE_TYPE_UNSPECIFIED",
} as const;
export type AssessmentSourceType = (typeof AssessmentSourceType)[keyof typeof AssessmentSourceType];

export interface AssessmentSource {
  readonly sourceType: AssessmentSourceType;
  readonly sourceId?: string;
}

export interface AssessmentError {
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly stackTrace?: string;
}

export interface Assessment {
  readonly assessmentId: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId?: string;
  readonly source: AssessmentSource;
  readonly createTimeMs: number;
  readonly lastUpdateTimeMs: number;
  /** Exactly one of `feedback` and `expectation` is set. */
  readonly feedback?: { readonly value?: unknown; readonly error?: AssessmentError };
  readonly expectation?: { readonly value: unknown };
  readonly rationale?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly valid?: boolean;
  /** The id of an older assessment that this one replaces. */
  readonly overrides?: string;
}
