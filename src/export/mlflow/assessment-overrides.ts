/**
 * A trace's assessments sent to an MLflow server, which gives each a new id: an assessment
 * that overrides another of the same trace must name the other's new id there, or the server
 * would mark nothing invalid (or refuse the unknown id). So an overridden assessment goes
 * before the one overriding it, each reply's id is remembered, and `overrides` is rewritten
 * to it when its turn comes.
 */
import { type Assessment } from "../../model/assessment.js";
import { assessmentBody } from "./trace-info-body.js";

/** The assessments in the order they were given, except that each comes after the one it overrides. */
export function overriddenFirst(assessments: readonly Assessment[]): Assessment[] {
  const byId = new Map(assessments.map((a) => [a.assessmentId, a]));
  const placed = new Set<Assessment>();
  const ordered: Assessment[] = [];
  const place = (assessment: Assessment, path: Set<Assessment>) => {
    if (placed.has(assessment) || path.has(assessment)) return; // a cycle is sent as given
    path.add(assessment);
    const target = assessment.overrides !== undefined ? byId.get(assessment.overrides) : undefined;
    if (target) place(target, path);
    placed.add(assessment);
    ordered.push(assessment);
  };
  for (const assessment of assessments) place(assessment, new Set());
  return ordered;
}

/** The new ids the server gave this trace's assessments so far, by the ids they had. */
export class AssessmentIdMap {
  private readonly ids = new Map<string, string>();

  /** The request body for `assessment`, its `overrides` pointing at the server's id when that one was sent before. */
  body(assessment: Assessment, encoded: Buffer): Buffer {
    const mapped = assessment.overrides !== undefined ? this.ids.get(assessment.overrides) : undefined;
    if (mapped === undefined || mapped === assessment.overrides) return encoded;
    return Buffer.from(JSON.stringify(assessmentBody({ ...assessment, overrides: mapped })));
  }

  /** Remembers the id in the server's reply (`{assessment: {assessment_id}}`); a reply without one changes nothing. */
  learn(assessment: Assessment, reply: Buffer): void {
    try {
      const id = (JSON.parse(reply.toString("utf8")) as { assessment?: { assessment_id?: unknown } }).assessment?.assessment_id;
      if (typeof id === "string" && id !== "") this.ids.set(assessment.assessmentId, id);
    } catch {
      // Not JSON: the server took the assessment; an override of it keeps the old id.
    }
  }
}
