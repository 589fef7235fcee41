import { config } from "../config/registry.js";
import { isRemoteParent } from "../context/remote-parent.js";

/** Decided once per trace, at its root; 0 and 1 are exact (Math.random() is in [0, 1)). */
export function sampleNewTrace(): boolean {
  const ratio = config.samplingRatio;
  return ratio >= 1 || Math.random() < ratio;
}

/** Whether a span started under `store` with no local parent begins a recorded trace. */
export function startsRecordedTrace(store: object | undefined): boolean {
  // A trace continued from another process was sampled there (unsampled ones arrive as NOT_SAMPLED).
  return isRemoteParent(store) || sampleNewTrace();
}
