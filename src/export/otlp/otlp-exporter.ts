/**
 * Plain OTLP mode: every batch of finished traces becomes one OTLP/HTTP export request
 * (protobuf, or JSON for collectors that want it), sent off the app's path with retries,
 * a bounded buffer and drop counting. The options are checked here, at once; the delivery
 * code (HTTP client, retries, encoder: otlp-delivery.ts) loads in the background when the
 * exporter is created, so `import "traced"` does not load it (issue 17).
 */
import type { Diagnostics } from "../../config/diagnostics.js";
import { lazyModule } from "../../config/lazy-module.js";
import { diagnostics as sharedDiagnostics } from "../../config/registry.js";
import type { Trace } from "../../model/trace.js";
import type { TraceExporter } from "../exporter.js";
import { emptyDeliveryStats, type DeliveryStats } from "./delivery-stats.js";
import type { OtlpDelivery } from "./otlp-delivery.js";
import { resolveOtlpSettings, type OtlpExporterOptions } from "./otlp-settings.js";
import { resourceAttributesFrom } from "./resource.js";

const deliveryCode = lazyModule(() => import("./otlp-delivery.js"), "export/otlp/otlp-delivery.js");

export class OtlpExporter implements TraceExporter {
  readonly name = "otlp";
  #delivery: OtlpDelivery | undefined;
  readonly #loading: Promise<OtlpDelivery>;
  readonly #resourceAttributes: Record<string, unknown>;

  constructor(
    private readonly settings: ReturnType<typeof resolveOtlpSettings>,
    env: NodeJS.ProcessEnv,
    private readonly diagnostics: Diagnostics,
  ) {
    this.#resourceAttributes = resourceAttributesFrom(env, settings.resourceAttributes, diagnostics);
    // A failure to load shows at the first export, which awaits this.
    this.#loading = deliveryCode.load().then((code) => this.#open(code));
    this.#loading.catch(() => {});
  }

  /** Delivery counters: exported and dropped spans and traces, retries, buffered bytes. */
  get stats(): Readonly<DeliveryStats> {
    return this.#delivery?.stats ?? emptyDeliveryStats();
  }

  get endpoint(): string {
    return this.settings.url.href;
  }

  async export(traces: readonly Trace[]): Promise<void> {
    return (this.#delivery ?? (await this.#loading)).export(traces);
  }

  /**
   * At `process.exit()`: one blocking request, sent by a short-lived child process, so what is
   * still queued reaches the endpoint. Throws if it does not.
   */
  exportAtExit(traces: readonly Trace[], budgetMs: number): void {
    (this.#delivery ?? this.#open(deliveryCode.now())).exportAtExit(traces, budgetMs);
  }

  async forceFlush(): Promise<void> {
    await (await this.#settled())?.forceFlush();
  }

  async shutdown(): Promise<void> {
    await (await this.#settled())?.shutdown();
  }

  /** The delivery once its code has loaded; undefined if it could not (then nothing was sent). */
  async #settled(): Promise<OtlpDelivery | undefined> {
    return this.#delivery ?? this.#loading.catch(() => undefined);
  }

  #open(code: typeof import("./otlp-delivery.js")): OtlpDelivery {
    this.#delivery ??= new code.OtlpDelivery(this.settings, this.#resourceAttributes, this.diagnostics);
    return this.#delivery;
  }
}

/**
 * An exporter to an OTLP/HTTP traces endpoint (an OpenTelemetry Collector, Jaeger, Tempo,
 * …). Options win over the `OTEL_EXPORTER_OTLP_*` variables of `env`.
 */
export function createOtlpExporter(options: OtlpExporterOptions = {}, env: NodeJS.ProcessEnv = process.env, diagnostics: Diagnostics = sharedDiagnostics): OtlpExporter {
  return new OtlpExporter(resolveOtlpSettings(options, env, diagnostics), env, diagnostics);
}
