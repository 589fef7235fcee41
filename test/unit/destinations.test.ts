import { join } from "node:path";
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { getDestination, MlflowExporter, OtlpExporter, reset, setDestination, TracedUsageError, type TraceExporter } from "../../src/index.js";

afterEach(async () => {
  await Promise.all(getDestination().map((exporter: TraceExporter) => exporter.shutdown?.()));
  reset();
});

describe("destination specs", () => {
  it("turns names into exporters, one or several", () => {
    setDestination([
      { store: { path: join(tmpdir(), "traced-dest.db") } },
      { otlp: { endpoint: "http://127.0.0.1:9/v1/traces" } },
      { mlflow: { trackingUri: "http://127.0.0.1:9", experimentId: "7" } },
    ]);
    const [store, otlp, mlflow] = getDestination();
    expect(store!.name).toBe("sqlite");
    expect((store as unknown as { path: string }).path).toBe(join(tmpdir(), "traced-dest.db"));
    expect(otlp).toBeInstanceOf(OtlpExporter);
    expect(mlflow).toBeInstanceOf(MlflowExporter);
  });

  it("takes exporters as they are, and [] for no export", () => {
    const mine = { name: "mine", export() {} };
    setDestination(mine);
    expect(getDestination()).toEqual([mine]);
    setDestination([]);
    expect(getDestination()).toEqual([]);
  });

  it("names what is wrong", () => {
    expect(() => setDestination({ sqlite: {} } as never)).toThrow(/unknown option "sqlite"/);
    expect(() => setDestination({ store: {}, otlp: {} } as never)).toThrow(/one destination per entry \(got store, otlp\)/);
    expect(() => setDestination([{ store: {} }, 5 as never])).toThrow(/setDestination\[1\]: expected an exporter/);
    expect(() => setDestination({} as never)).toThrow(TracedUsageError);
  });
});
