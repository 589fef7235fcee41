import { shared } from "../config/registry.js";

/**
 * Stored as the active context inside a trace that sampling dropped: its descendants see
 * it and record nothing, so a trace is kept or dropped whole.
 */
export const NOT_SAMPLED: object = shared("context.notSampled", () => Object.freeze({ tracedNotSampled: true }));
