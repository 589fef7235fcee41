import { config } from "../config/registry.js";

/** Decided once per trace, at its root; 0 and 1 are exact (Math.random() is in [0, 1)). */
export function sampleNewTrace(): boolean {
  const ratio = config.samplingRatio;
  return ratio >= 1 || Math.random() < ratio;
}
