import { type Command } from "commander";
import { type Assessment } from "../../model/assessment.js";
import { traceToMlflowJson } from "../../model/mlflow-json.js";
import { type Trace } from "../../model/trace.js";
import { plainValue } from "../../view/terminal-text.js";
import { renderTraceTree } from "../../view/trace-tree.js";
import { CliError } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";
import { positiveInteger } from "../parse-options.js";
import { cleanCell, truncate } from "../table.js";

interface ShowOptions extends StoreOptions {
  json?: boolean;
  previewChars: number;
  color?: boolean;
  full?: boolean;
}

/** `relevance = false by HUMAN ann: "rationale"`: the value itself, or the judge's error. */
function assessmentLine(a: Assessment): [string, string] {
  const error = a.feedback?.error;
  const value = a.feedback
    ? error && a.feedback.value === undefined
      ? `error ${[error.errorCode, error.errorMessage].filter(Boolean).join(": ")}`
      : plainValue(a.feedback.value)
    : plainValue(a.expectation?.value);
  const source = `${a.source.sourceType}${a.source.sourceId ? ` ${a.source.sourceId}` : ""}`;
  const rationale = a.rationale ? `: ${JSON.stringify(a.rationale)}` : "";
  const overridden = a.valid === false ? " (overridden)" : "";
  return [`${a.feedback ? "feedback" : "expectation"} ${a.name}`, `${value} by ${source}${overridden}${rationale}`];
}

export interface DetailsOptions {
  previewChars: number;
  color: boolean;
  /** Values whole: no 200-character cut, whole stack traces, each stream chunk. */
  full: boolean;
}

/** The span tree with each span's attributes and events, then tags, metadata and assessments. */
export function renderTraceDetails(trace: Trace, options: DetailsOptions): string {
  const cut = options.full ? Infinity : 200;
  const section = (title: string, entries: ReadonlyArray<[string, string]>): string[] =>
    entries.length === 0 ? [] : ["", `${title}:`, ...entries.map(([key, value]) => `  ${cleanCell(key)} = ${truncate(cleanCell(value), cut)}`)];
  const lines = [renderTraceTree(trace, { previewChars: options.previewChars, color: options.color, details: true, full: options.full })];
  lines.push(...section("Tags", Object.entries(trace.info.tags)));
  lines.push(...section("Metadata", Object.entries(trace.info.metadata)));
  lines.push(...section("Assessments", trace.info.assessments.map(assessmentLine)));
  return lines.join("\n");
}

export function registerShow(traces: Command): void {
  traces
    .command("show")
    .description("show one trace as a span tree: inputs, outputs, attributes, events and exceptions; then tags, metadata and assessments")
    .argument("<trace-id>", "the trace id (tr-…)")
    .option("--json", "print the trace as MLflow JSON")
    .option("-p, --preview-chars <n>", "characters of inputs/outputs shown per span", positiveInteger, 120)
    .option("--full", "print long values whole: inputs, outputs and attributes uncut, whole stack traces, each stream chunk")
    .option("--no-color", "never colour the output")
    .action(async (traceId: string, options: ShowOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ShowOptions;
      const trace = await withStore(opts, (store) => store.getTrace(traceId));
      if (!trace) throw new CliError(`Trace ${traceId} not found`);
      if (opts.json) {
        process.stdout.write(traceToMlflowJson(trace, 2) + "\n");
        return;
      }
      const color = opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(renderTraceDetails(trace, { previewChars: opts.previewChars, color, full: opts.full === true }) + "\n");
    });
}
