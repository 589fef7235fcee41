/**
 * The AI SDK 7 calls traced follows, by the AI SDK's call id: the telemetry integration opens
 * and ends them, the model middleware (traced-middleware.ts) finds a `streamObject` call among
 * them. Bounded: past the limit the oldest is dropped (its open spans are the open-trace
 * timeout's), reported once.
 */
import { diagnostics } from "../../config/registry.js";
import { type OpenCall } from "./open-call.js";

const calls = new Map<string, OpenCall>();
const MAX_OPEN_CALLS = 10_000;

export function followCall(call: OpenCall): void {
  if (calls.size >= MAX_OPEN_CALLS) {
    const [oldest] = calls.keys();
    calls.delete(oldest!);
    diagnostics.reportOnce("ai-sdk-calls-dropped", `More than ${MAX_OPEN_CALLS} AI SDK calls were open at once; the oldest is no longer followed (its open spans end at the trace timeout)`);
  }
  calls.set(call.callId, call);
}

export function followedCall(callId: unknown): OpenCall | undefined {
  return typeof callId === "string" ? calls.get(callId) : undefined;
}

/** The call is over: later events for its id are ignored. */
export function unfollowCall(call: OpenCall): void {
  if (calls.get(call.callId) === call) calls.delete(call.callId);
}

export function followedCalls(): Iterable<OpenCall> {
  return calls.values();
}
