export { createMlflowExporter, MlflowExporter, type MlflowExporterStats } from "./mlflow-exporter.js";
export type { MlflowExporterOptions } from "./mlflow-settings.js";
export { UndeliveredChangeError } from "./trace-follow-ups.js";
