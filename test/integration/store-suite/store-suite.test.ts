/**
 * The shared store suite, run against both implementations: the local SQLite file (through
 * getTraceStore's asynchronous wrapper) and MlflowServerStore over the fake MLflow server,
 * filled by traced's own MLflow exporter as a real server would be.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Diagnostics } from "../../../src/config/diagnostics.js";
import { createMlflowExporter } from "../../../src/export/mlflow/index.js";
import { LocalTraceStore, MlflowServerStore, getTraceStore } from "../../../src/query/index.js";
import { FakeMlflowServer } from "../../support/mlflow-fake.js";
import { storeSuite } from "./store-suite.js";

const FAST_RETRY = { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 };

storeSuite("the local SQLite file", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "traced-suite-")), "traces.db");
  const store = getTraceStore(`sqlite:///${path}`) as LocalTraceStore;
  return {
    store,
    put: (traces) => store.writeTraces(traces),
    requests: () => 0,
    close: () => store.close(),
  };
});

storeSuite("an MLflow tracking server", async () => {
  const mlflow = await FakeMlflowServer.start();
  mlflow.experiments.add("42");
  const exporter = createMlflowExporter({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY }, {}, new Diagnostics());
  const store = new MlflowServerStore({ trackingUri: mlflow.uri, experimentId: "42", retry: FAST_RETRY }, {});
  return {
    store,
    put: (traces) => exporter.export(traces),
    requests: () => mlflow.calls.length,
    close: async () => {
      await exporter.shutdown();
      await store.close();
      await mlflow.close();
    },
  };
});
