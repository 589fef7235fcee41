/**
 * While a value is being captured, user code runs inside it (a `toJSON`, a getter, a proxy
 * trap). If that code is traced, its spans would be made by the capture, not by the app
 * (nested under the span being recorded, or as root traces of their own). The guard marks
 * the capture, and traced calls run straight through while it is set.
 */
import { shared } from "../config/registry.js";

export const captureGuard: { depth: number } = shared("processing.captureGuard", () => ({ depth: 0 }));

/** True while a capture is running user code: traced functions then call straight through. */
export function isCapturing(): boolean {
  return captureGuard.depth !== 0;
}
