import { getLastActiveTraceId } from "./capture/current-trace.js";
import { flushTraces } from "./export/destination.js";
import { type Trace } from "./model/trace.js";
import { getTrace } from "./query/lazy-functions.js";

/** The most recently finished trace, read back from the store once it has been written. */
export async function getLastActiveTrace(): Promise<Trace | undefined> {
  const traceId = getLastActiveTraceId();
  if (traceId === undefined) return undefined;
  await flushTraces();
  return getTrace(traceId);
}
