/**
 * The `key1=value1,key2=value2` lists of the OpenTelemetry environment variables
 * (`OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_RESOURCE_ATTRIBUTES`): values are percent-decoded,
 * blanks around items are ignored, and an item without `=` is skipped and named.
 */
export interface ParsedKeyValueList {
  values: Record<string, string>;
  /** Items that could not be read, for a diagnostic. */
  invalid: string[];
}

export function parseKeyValueList(text: string | undefined): ParsedKeyValueList {
  const values: Record<string, string> = {};
  const invalid: string[] = [];
  if (!text) return { values, invalid };
  for (const item of text.split(",")) {
    if (item.trim() === "") continue;
    const eq = item.indexOf("=");
    const key = eq < 0 ? "" : item.slice(0, eq).trim();
    if (key === "") {
      invalid.push(item.trim());
      continue;
    }
    try {
      values[key] = decodeURIComponent(item.slice(eq + 1).trim());
    } catch {
      invalid.push(item.trim());
    }
  }
  return { values, invalid };
}
