/**
 * The OTLP resource of plain OTLP mode: `service.name` and the SDK attributes, from
 * `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` as OpenTelemetry SDKs read them, with
 * attributes given in code taking precedence.
 */
import { type Diagnostics } from "../../config/diagnostics.js";
import { TRACED_VERSION } from "../../config/registry.js";
import { parseKeyValueList } from "./key-value-list.js";

export function resourceAttributesFrom(
  env: NodeJS.ProcessEnv,
  fromOptions: Readonly<Record<string, unknown>> | undefined,
  diagnostics: Diagnostics,
): Record<string, unknown> {
  const fromEnv = parseKeyValueList(env.OTEL_RESOURCE_ATTRIBUTES);
  if (fromEnv.invalid.length) {
    diagnostics.reportOnce("otlp-bad-resource-attributes", `Ignoring unreadable OTEL_RESOURCE_ATTRIBUTES items: ${fromEnv.invalid.join(", ")}`);
  }
  const attributes: Record<string, unknown> = {
    "service.name": "unknown_service:node",
    "telemetry.sdk.name": "traced",
    "telemetry.sdk.language": "nodejs",
    "telemetry.sdk.version": TRACED_VERSION,
    ...fromEnv.values,
  };
  if (env.OTEL_SERVICE_NAME) attributes["service.name"] = env.OTEL_SERVICE_NAME;
  return { ...attributes, ...fromOptions };
}
