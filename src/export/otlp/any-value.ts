/**
 * Plain JavaScript values as OTLP `AnyValue` messages. MLflow's server turns each attribute
 * value back into JSON once, so values must travel as what they are: objects as key-value
 * lists, arrays as arrays, integers as int64, other numbers as doubles. (Sending the stored
 * JSON text instead would have it encoded twice.)
 */

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

/** One of the fields is set; none set means an empty value (JSON `null` for MLflow). */
export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number;
  doubleValue?: number;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
}

const EMPTY: OtlpAnyValue = Object.freeze({}) as OtlpAnyValue;

export function toAnyValue(value: unknown): OtlpAnyValue {
  switch (typeof value) {
    case "string":
      return { stringValue: value };
    case "boolean":
      return { boolValue: value };
    case "number":
      return Number.isSafeInteger(value) ? { intValue: value } : { doubleValue: value };
    case "bigint":
      // Beyond int64 a bigint cannot be carried as a number; its digits are kept exactly.
      return { stringValue: value.toString() };
    case "object":
      if (value === null) return EMPTY;
      if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
      return { kvlistValue: { values: toKeyValues(value as Record<string, unknown>) } };
    default:
      return EMPTY;
  }
}

export function toKeyValues(record: Readonly<Record<string, unknown>>): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = [];
  for (const key in record) {
    if (Object.prototype.hasOwnProperty.call(record, key)) list.push({ key, value: toAnyValue(record[key]) });
  }
  return list;
}

/** Span attributes as traced stores them (JSON text, like MLflow) decoded to plain values. */
export function jsonTextAttributesToKeyValues(attributes: Readonly<Record<string, string>>): OtlpKeyValue[] {
  const list: OtlpKeyValue[] = [];
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    list.push({ key, value: toAnyValue(parseJsonText(attributes[key]!)) });
  }
  return list;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON text (a value set by hand): it travels as the string it is.
    return text;
  }
}
