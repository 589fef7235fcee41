import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { configFromEnv } from "../../src/config/env.js";

describe("configuration from the environment", () => {
  it("reads MLflow's variable names where they mean the same", () => {
    const diagnostics = new Diagnostics();
    expect(
      configFromEnv(
        { MLFLOW_TRACE_SAMPLING_RATIO: "0.25", MLFLOW_EXPERIMENT_ID: "42", MLFLOW_ASYNC_TRACE_LOGGING_MAX_QUEUE_SIZE: "50", TRACED_ENABLED: "false", TRACED_DEDUPE_SPAN_NAMES: "0" },
        diagnostics,
      ),
    ).toEqual({ samplingRatio: 0.25, experimentId: "42", maxQueueSize: 50, enabled: false, dedupeSpanNames: false });
  });

  it("reports and ignores bad values (there is no caller to throw to)", () => {
    const reported: string[] = [];
    const diagnostics = new Diagnostics();
    diagnostics.handler = (d) => reported.push(d.message);
    expect(configFromEnv({ MLFLOW_TRACE_SAMPLING_RATIO: "1.5", TRACED_ENABLED: "maybe" }, diagnostics)).toEqual({});
    expect(reported).toEqual([
      'Ignoring TRACED_ENABLED="maybe": it must be a boolean',
      'Ignoring MLFLOW_TRACE_SAMPLING_RATIO="1.5": it must be a number between 0 and 1',
    ]);
  });
});
