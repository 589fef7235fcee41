/**
 * A change made through the store that traces are exported to (the module functions, and a
 * getTraceStore() store naming that same file or server) reaches the trace wherever it is:
 * still open in this process, it is made on the trace itself (open-trace-changes.ts); waiting
 * for export to the MLflow server, it is made there once the trace is stored
 * (pending-export.ts); otherwise on the store at once. Any other store acts at once.
 */
import { discard, findOpenTrace, type OpenTrace } from "./open-trace-changes.js";
import { afterPendingExport, untilExported } from "./pending-export.js";

export interface ChangeTarget {
  /** The store is where traces are exported to. */
  isExportTarget(): boolean;
  /** It is the MLflow destination's server, which the export has to reach first. */
  readonly waitsForMlflowExport: boolean;
}

/** `inOpenTrace` on a trace still open here, else `onStore` (after the trace's export to the MLflow server, unless `read`). */
export function changeTrace<T>(store: ChangeTarget, traceId: unknown, inOpenTrace: (trace: OpenTrace) => T, onStore: () => Promise<T>, read = false): Promise<T> {
  if (!store.isExportTarget()) return onStore();
  const open = findOpenTrace(traceId);
  // A usage mistake in the change is a rejection here too, as on the store.
  if (open !== undefined) return new Promise((resolve) => resolve(inOpenTrace(open)));
  return store.waitsForMlflowExport && !read ? afterPendingExport(traceId, onStore) : onStore();
}

/**
 * Before deleting on the store traces are exported to, so that no deleted trace appears
 * later: a trace named by id that is still open here is taken out of the export (and counted
 * as deleted), and traces waiting for export to the MLflow server — those named, or for a
 * delete by age every one waiting now — are let arrive first. A delete by age leaves traces
 * still open alone: they have not finished yet. Resolves with the ids left for the store.
 */
export async function beforeDelete(store: ChangeTarget, traceIds: readonly string[] | undefined): Promise<{ traceIds: readonly string[] | undefined; discarded: number }> {
  if (!store.isExportTarget()) return { traceIds, discarded: 0 };
  let discarded = 0;
  let left = traceIds;
  if (traceIds !== undefined) {
    left = traceIds.filter((id) => {
      const open = findOpenTrace(id);
      if (open === undefined) return true;
      discard(open);
      discarded++;
      return false;
    });
  }
  if (store.waitsForMlflowExport) await untilExported(left);
  return { traceIds: left, discarded };
}
