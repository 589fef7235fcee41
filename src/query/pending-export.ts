/**
 * Changes to a trace that has not reached the MLflow server yet (it waits in the export
 * queue or in the exporter's buffer): the MLflow exporter runs them once the trace's spans
 * and info are stored, so a feedback given right after the trace ends is not refused as
 * "trace not found". The promise settles when the change has been made (or could not be).
 */
import { exportPipeline } from "../export/destination.js";
import { mlflowDestination } from "./get-trace-store.js";

/** What the MLflow exporter offers for this (found by shape: two copies of traced may be loaded). */
interface FollowUpTarget {
  afterExport<T>(traceId: string, work: () => Promise<T>, stillQueued: () => boolean): Promise<T> | undefined;
}

export function afterPendingExport<T>(traceId: unknown, work: () => Promise<T>): Promise<T> {
  const exporter = mlflowDestination() as Partial<FollowUpTarget> | undefined;
  if (typeof traceId !== "string" || exporter === undefined || typeof exporter.afterExport !== "function") return work();
  const id = traceId;
  return exporter.afterExport(id, work, () => exportPipeline.holds(id)) ?? work();
}
