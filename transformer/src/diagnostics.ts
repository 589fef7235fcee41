/**
 * Diagnostics the transformer reports instead of throwing: a bad tag fails the build like
 * any compile error, at the tag's file and position, and the rest of the file still emits.
 */
import type ts from "typescript";
import type { TS } from "./typescript.js";

/** Codes are in a range TypeScript does not use, so tools can filter them. */
export const DiagnosticCode = {
  badOption: 992001,
  misplacedTag: 992003,
  duplicateTag: 992004,
  redeclaredParameter: 992005,
  unsupportedSuper: 992006,
  ignoredOptions: 992007,
  internalError: 992099,
} as const;

export type Report = (diagnostic: ts.Diagnostic) => void;

export function createDiagnostic(
  tsi: TS,
  file: ts.SourceFile,
  start: number,
  length: number,
  code: number,
  message: string,
  category: ts.DiagnosticCategory = tsi.DiagnosticCategory.Error,
): ts.DiagnosticWithLocation {
  return { file, start, length, code, category, messageText: `@traced: ${message}`, source: "traced" };
}
