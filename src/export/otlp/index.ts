export { createOtlpExporter, OtlpExporter } from "./otlp-exporter.js";
export { type OtlpExporterOptions, type OtlpProtocol, type OtlpCompression } from "./otlp-settings.js";
export { type RetryPolicy } from "./retry-policy.js";
export { type DeliveryStats } from "./delivery-queue.js";
