/** A minimal source-map reader (VLQ "mappings" only): enough to check where output maps back to. */

export interface Mapping {
  generatedLine: number; // 0-based
  generatedColumn: number;
  originalLine: number; // 0-based
  originalColumn: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export function decodeMappings(mapJson: string): Mapping[] {
  const { mappings } = JSON.parse(mapJson) as { mappings: string };
  const out: Mapping[] = [];
  let originalLine = 0;
  let originalColumn = 0;
  mappings.split(";").forEach((line, generatedLine) => {
    let generatedColumn = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const [col, , oLine, oCol] = decodeSegment(segment);
      generatedColumn += col!;
      if (oLine === undefined) continue;
      originalLine += oLine;
      originalColumn += oCol!;
      out.push({ generatedLine, generatedColumn, originalLine, originalColumn });
    }
  });
  return out;
}

/** The original (line, column) of the first mapping at the start of `needle` in `generated`. */
export function originalPositionOf(generated: string, mapJson: string, needle: string): { line: number; column: number } | undefined {
  const index = generated.indexOf(needle);
  if (index === -1) return undefined;
  const before = generated.slice(0, index).split("\n");
  const line = before.length - 1;
  const column = before[before.length - 1]!.length;
  const hit = decodeMappings(mapJson).find((m) => m.generatedLine === line && m.generatedColumn === column);
  return hit && { line: hit.originalLine, column: hit.originalColumn };
}
