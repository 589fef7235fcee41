/**
 * Changes to a trace that is still open in this process (its root span has not ended, or it
 * waits for spans ending after the root): no store has it yet, so the change is made on the
 * trace itself and goes out with it, to whichever destination — as MLflow's own client sets a
 * tag on, or logs an assessment to, a trace still in its in-memory buffer. Nothing waits, so
 * code that awaits the change before ending the trace does not hang. An assessment logged
 * here keeps the id traced gave it in a file; a tracking server gives it its own on arrival.
 */
import { checkString } from "../config/errors.js";
import { registry } from "../config/registry.js";
import { type Assessment } from "../model/assessment.js";
import { checkAssessmentUpdate, updatedAssessment, type AssessmentUpdate } from "./assessments.js";
import { TraceNotFoundError } from "./not-found.js";

/** What these changes need of an open trace (the capture's TraceBuffer). */
export interface OpenTrace {
  readonly traceId: string;
  assessments: Assessment[] | undefined;
  update(updates: { tags?: Record<string, string> }): void;
  removeTag(key: string): boolean;
}

/** The capture's list of open traces (capture/open-traces.ts), read from the registry: the query code does not load the capture's modules, and none exists before a trace started. */
interface OpenTraceList {
  find(traceId: string): unknown;
  discard(trace: unknown): void;
}

function openTraceList(): OpenTraceList | undefined {
  const list = registry.singletons.get("capture.openTraces") as Partial<OpenTraceList> | undefined;
  return typeof list?.find === "function" && typeof list.discard === "function" ? (list as OpenTraceList) : undefined;
}

/** The open trace with this id, if this process has one (found by shape: another copy of traced may have made it). */
export function findOpenTrace(traceId: unknown): OpenTrace | undefined {
  if (typeof traceId !== "string") return undefined;
  const trace = openTraceList()?.find(traceId) as Partial<OpenTrace> | undefined;
  return typeof trace?.removeTag === "function" && typeof trace.update === "function" ? (trace as OpenTrace) : undefined;
}

/** The trace is deleted before it was exported: it never will be. */
export function discard(trace: OpenTrace): void {
  openTraceList()?.discard(trace);
}

export function setTag(trace: OpenTrace, key: string, value: string): void {
  checkString(key, "key", "setTraceTag");
  checkString(value, "value", "setTraceTag", true);
  trace.update({ tags: { [key]: value } });
}

export function deleteTag(trace: OpenTrace, key: string): boolean {
  checkString(key, "key", "deleteTraceTag");
  return trace.removeTag(key);
}

/** A new feedback or expectation (checked by newFeedback / newExpectation), added to the trace; one it overrides (of the same trace) becomes invalid. */
export function addAssessment(trace: OpenTrace, assessment: Assessment): Assessment {
  const list = (trace.assessments ??= []);
  if (assessment.overrides !== undefined) {
    const index = indexOf(list, assessment.overrides);
    list[index] = { ...list[index]!, valid: false };
  }
  list.push(assessment);
  return assessment;
}

export function getAssessment(trace: OpenTrace, assessmentId: string): Assessment {
  const list = trace.assessments ?? [];
  return list[indexOf(list, assessmentId)]!;
}

export function updateAssessment(trace: OpenTrace, assessmentId: string, update: AssessmentUpdate): Assessment {
  checkAssessmentUpdate(update);
  const list = trace.assessments ?? [];
  const index = indexOf(list, assessmentId);
  return (list[index] = updatedAssessment(list[index]!, update));
}

/** Removes the assessment; one it had overridden becomes valid again (as in MLflow). */
export function deleteAssessment(trace: OpenTrace, assessmentId: string): void {
  const list = trace.assessments ?? [];
  const [removed] = list.splice(indexOf(list, assessmentId), 1);
  const overridden = removed!.overrides !== undefined ? list.findIndex((a) => a.assessmentId === removed!.overrides) : -1;
  if (overridden >= 0) list[overridden] = { ...list[overridden]!, valid: true };
}

function indexOf(list: readonly Assessment[], assessmentId: unknown): number {
  const index = list.findIndex((a) => a.assessmentId === assessmentId);
  if (index < 0) throw new TraceNotFoundError(String(assessmentId), "Assessment");
  return index;
}
