import { contextStorage } from "../context/storage.js";
import { isRecordingSpan, type RecordingSpan } from "./recording-span.js";

/** The span that new spans nest under: the active one, skipping ended `enterSpan` spans. */
export function resolveParent(store: object | undefined): RecordingSpan | undefined {
  let span = isRecordingSpan(store) ? store : undefined;
  while (span !== undefined && span.entered && span.isEnded) span = span.parent;
  return span;
}

export function activeRecordingSpan(): RecordingSpan | undefined {
  return resolveParent(contextStorage.getStore());
}
