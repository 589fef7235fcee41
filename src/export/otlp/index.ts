export { createOtlpExporter, OtlpExporter } from "./otlp-exporter.js";
export type { OtlpExporterOptions, OtlpProtocol, OtlpCompression } from "./otlp-settings.js";
export type { RetryPolicy } from "./retry-policy.js";
export type { DeliveryStats } from "./delivery-queue.js";
