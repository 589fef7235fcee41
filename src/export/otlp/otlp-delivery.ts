/**
 * What the OTLP exporter loads when it is created (otlp-exporter.ts): every batch of finished
 * traces becomes one OTLP/HTTP export request (protobuf, or JSON for collectors that want
 * it), sent off the app's path with retries, a bounded buffer and drop counting.
 */
import { type Diagnostics } from "../../config/diagnostics.js";
import { TRACED_VERSION } from "../../config/registry.js";
import { type Trace } from "../../model/trace.js";
import { toKeyValues, type OtlpKeyValue } from "./any-value.js";
import { DeliveryQueue, type DeliveryStats } from "./delivery-queue.js";
import { buildExportRequest, JSON_WIRE, PROTOBUF_WIRE, type OtlpExportRequest, type OtlpScope } from "./otlp-message.js";
import { loadOtlpProto, otlpProtoNow } from "./otlp-proto-loader.js";
import { type OtlpProtocol, type OtlpSettings } from "./otlp-settings.js";
import { OtlpTransport } from "./otlp-transport.js";
import { RetryingHttpClient } from "./retrying-client.js";
import { reportDrop, reportPartialSuccess, shutDownGracefully } from "./exporter-lifecycle.js";

export function encodeExportRequest(request: OtlpExportRequest, protocol: OtlpProtocol): Uint8Array {
  return protocol === "http/json"
    ? Buffer.from(JSON.stringify(request))
    : otlpProtoNow().encodeExportTraceServiceRequest(request);
}

export class OtlpDelivery {
  private readonly name = "otlp";
  private readonly queue: DeliveryQueue;
  private readonly client: RetryingHttpClient;
  private readonly transport: OtlpTransport;
  private readonly resource: OtlpKeyValue[];
  private readonly scope: OtlpScope = { name: "traced", version: TRACED_VERSION };

  constructor(
    private readonly settings: OtlpSettings,
    resourceAttributes: Record<string, unknown>,
    private readonly diagnostics: Diagnostics,
  ) {
    this.client = new RetryingHttpClient({
      policy: settings.retry,
      timeoutMs: settings.timeoutMs,
      onRetry: () => this.queue.stats.retries++,
    });
    this.transport = new OtlpTransport(settings, settings.protocol, this.client);
    this.queue = new DeliveryQueue(settings.maxBufferBytes, (reason, job, error) => reportDrop(diagnostics, this.name, reason, job, error));
    this.resource = toKeyValues(resourceAttributes);
    // The encoder loads in the background from now on; a failure shows at the first export.
    if (settings.protocol !== "http/json") loadOtlpProto().catch(() => {});
  }

  /** Delivery counters: exported and dropped spans and traces, retries, buffered bytes. */
  get stats(): Readonly<DeliveryStats> {
    return this.queue.stats;
  }

  async export(traces: readonly Trace[]): Promise<void> {
    if (this.settings.protocol !== "http/json") await loadOtlpProto();
    const { body, spanCount } = this.encode(traces);
    if (spanCount === 0) return;
    const job = { bytes: body.length, spans: spanCount, traces: traces.length, run: () => this.deliver(body, spanCount) };
    return this.queue.submit(job);
  }

  /**
   * At `process.exit()`: one blocking request, sent by a short-lived child process, so what is
   * still queued reaches the endpoint. Throws if it does not.
   */
  exportAtExit(traces: readonly Trace[], budgetMs: number): void {
    const { body, spanCount } = this.encode(traces);
    if (spanCount === 0) return;
    this.queue.runSync({ spans: spanCount, traces: traces.length }, () => this.transport.sendSync(body, budgetMs));
  }

  private encode(traces: readonly Trace[]): { body: Uint8Array; spanCount: number } {
    const wire = this.settings.protocol === "http/json" ? JSON_WIRE : PROTOBUF_WIRE;
    const { request, spanCount } = buildExportRequest(traces, this.resource, this.scope, wire);
    return { body: spanCount === 0 ? new Uint8Array(0) : encodeExportRequest(request, this.settings.protocol), spanCount };
  }

  forceFlush(): Promise<void> {
    return this.queue.idle();
  }

  async shutdown(): Promise<void> {
    await shutDownGracefully(this.queue, this.client, this.settings.timeoutMs);
  }

  private async deliver(body: Uint8Array, spanCount: number): Promise<void> {
    const partial = await this.transport.send(body);
    if (partial) reportPartialSuccess(this.diagnostics, this.name, this.transport.url, partial, spanCount);
  }
}
