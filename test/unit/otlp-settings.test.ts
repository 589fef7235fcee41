import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../src/config/diagnostics.js";
import { TracedUsageError } from "../../src/config/errors.js";
import { parseKeyValueList } from "../../src/export/otlp/key-value-list.js";
import { resolveOtlpSettings } from "../../src/export/otlp/otlp-settings.js";

function quiet(): { diagnostics: Diagnostics; messages: string[] } {
  const diagnostics = new Diagnostics();
  const messages: string[] = [];
  diagnostics.handler = ({ message }) => messages.push(message);
  return { diagnostics, messages };
}

describe("OTLP exporter settings", () => {
  it("defaults to the specification's endpoint, protobuf, no compression and 10 s", () => {
    const settings = resolveOtlpSettings({}, {}, quiet().diagnostics);
    expect(settings.url.href).toBe("http://localhost:4318/v1/traces");
    expect(settings).toMatchObject({ protocol: "http/protobuf", compression: "none", timeoutMs: 10_000, headers: {} });
  });

  it("uses the traces endpoint variable as is and appends v1/traces to the general one", () => {
    const { diagnostics } = quiet();
    expect(resolveOtlpSettings({}, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:1/custom" }, diagnostics).url.href).toBe("http://c:1/custom");
    expect(resolveOtlpSettings({}, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:1/base" }, diagnostics).url.href).toBe("http://c:1/base/v1/traces");
    expect(resolveOtlpSettings({ endpoint: "http://c:2" }, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:1" }, diagnostics).url.href).toBe("http://c:2/v1/traces");
  });

  it("reads protocol, timeout and compression, the traces variables winning", () => {
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_TIMEOUT: "500",
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "2500",
      OTEL_EXPORTER_OTLP_COMPRESSION: "GZIP",
    };
    expect(resolveOtlpSettings({}, env, quiet().diagnostics)).toMatchObject({ protocol: "http/json", timeoutMs: 2500, compression: "gzip" });
  });

  it("reports and ignores bad variables", () => {
    const { diagnostics, messages } = quiet();
    const settings = resolveOtlpSettings({}, { OTEL_EXPORTER_OTLP_TIMEOUT: "soon", OTEL_EXPORTER_OTLP_COMPRESSION: "brotli", OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://x" }, diagnostics);
    expect(settings).toMatchObject({ timeoutMs: 10_000, compression: "none" });
    expect(settings.url.href).toBe("http://localhost:4318/v1/traces");
    expect(messages).toHaveLength(3);
  });

  it("throws a clear error for bad options", () => {
    const { diagnostics } = quiet();
    expect(() => resolveOtlpSettings({ endpont: "x" } as never, {}, diagnostics)).toThrow(/unknown option "endpont"/);
    expect(() => resolveOtlpSettings({ endpoint: "localhost:4318" }, {}, diagnostics)).toThrow(TracedUsageError);
    expect(() => resolveOtlpSettings({ protocol: "grpc" as never }, {}, diagnostics)).toThrow(/gRPC is not supported/);
    expect(() => resolveOtlpSettings({ timeoutMs: 0 }, {}, diagnostics)).toThrow(/"timeoutMs" must be a positive integer/);
    expect(() => resolveOtlpSettings({ headers: { a: 1 as never } }, {}, diagnostics)).toThrow(/"a" must be a string/);
    expect(() => resolveOtlpSettings({ retry: { maxAttempts: 0 } }, {}, diagnostics)).toThrow(/at least 1/);
  });

  it("parses key=value lists with percent-decoding", () => {
    expect(parseKeyValueList(" a=1 ,b=x%3Dy,, c = two words ,broken")).toEqual({ values: { a: "1", b: "x=y", c: "two words" }, invalid: ["broken"] });
  });
});
