/**
 * Changes to a trace that has not reached the MLflow server yet (it waits in the export
 * queue or in the exporter's buffer): the MLflow exporter runs them once the trace's spans
 * and info are stored, so a feedback given right after the trace ends is not refused as
 * "trace not found". The promise settles when the change has been made (or could not be).
 * Deletes wait the same way, for the traces to arrive first (untilExported).
 */
import { exportPipeline } from "../export/destination.js";
import { mlflowDestination } from "./get-trace-store.js";

/** What the MLflow exporter offers for this (found by shape: two copies of traced may be loaded). */
interface FollowUpTarget {
  afterExport<T>(traceId: string, work: () => Promise<T>, stillQueued: () => boolean): Promise<T> | undefined;
  whenExported(traceId: string, stillQueued: () => boolean): Promise<void> | undefined;
  pendingTraceIds(): string[];
}

export function afterPendingExport<T>(traceId: unknown, work: () => Promise<T>): Promise<T> {
  const exporter = mlflowDestination() as Partial<FollowUpTarget> | undefined;
  if (typeof traceId !== "string" || exporter === undefined || typeof exporter.afterExport !== "function") return work();
  const id = traceId;
  return exporter.afterExport(id, work, () => exportPipeline.holds(id)) ?? work();
}

/**
 * Resolves once each of these traces (default: every trace now waiting for export, in the
 * queue or in the MLflow exporter) has reached the server or failed to: a delete made after
 * that cannot be undone by the trace arriving later.
 */
export async function untilExported(traceIds?: readonly string[]): Promise<void> {
  const exporter = mlflowDestination() as Partial<FollowUpTarget> | undefined;
  if (exporter === undefined || typeof exporter.whenExported !== "function" || typeof exporter.pendingTraceIds !== "function") return;
  const ids = traceIds ?? [...new Set([...exportPipeline.queuedTraceIds(), ...exporter.pendingTraceIds()])];
  await Promise.all(ids.map((id) => exporter.whenExported!(id, () => exportPipeline.holds(id))));
}
