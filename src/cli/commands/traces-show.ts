import { type Command } from "commander";
import { assessmentToDict, traceToMlflowJson } from "../../model/mlflow-json.js";
import { type Trace } from "../../model/trace.js";
import { renderTraceTree } from "../../view/trace-tree.js";
import { CliError } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";
import { positiveInteger } from "../parse-options.js";
import { cleanCell, truncate } from "../table.js";

interface ShowOptions extends StoreOptions {
  json?: boolean;
  previewChars: number;
  color?: boolean;
}

function section(title: string, entries: ReadonlyArray<[string, string]>): string[] {
  if (entries.length === 0) return [];
  return ["", `${title}:`, ...entries.map(([key, value]) => `  ${cleanCell(key)} = ${truncate(cleanCell(value), 200)}`)];
}

/** The span tree, then tags, metadata and assessments. */
export function renderTraceDetails(trace: Trace, previewChars: number, color: boolean): string {
  const lines = [renderTraceTree(trace, { previewChars, color })];
  lines.push(...section("Tags", Object.entries(trace.info.tags)));
  lines.push(...section("Metadata", Object.entries(trace.info.metadata)));
  const assessments = trace.info.assessments.map((a): [string, string] => {
    const dict = assessmentToDict(a);
    const value = a.feedback ? JSON.stringify(dict.feedback) : JSON.stringify(a.expectation?.value);
    const valid = a.valid === false ? " (overridden)" : "";
    return [`${a.feedback ? "feedback" : "expectation"} ${a.name}`, `${value} by ${a.source.sourceType}${a.source.sourceId ? ` ${a.source.sourceId}` : ""}${valid}`];
  });
  lines.push(...section("Assessments", assessments));
  return lines.join("\n");
}

export function registerShow(traces: Command): void {
  traces
    .command("show")
    .description("show one trace as a span tree with inputs and outputs")
    .argument("<trace-id>", "the trace id (tr-…)")
    .option("--json", "print the trace as MLflow JSON")
    .option("-p, --preview-chars <n>", "characters of inputs/outputs shown per span", positiveInteger, 120)
    .option("--no-color", "never colour the output")
    .action((traceId: string, options: ShowOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ShowOptions;
      const trace = withStore(opts, (store) => store.getTrace(traceId));
      if (!trace) throw new CliError(`Trace ${traceId} not found`);
      if (opts.json) {
        process.stdout.write(traceToMlflowJson(trace, 2) + "\n");
        return;
      }
      const color = opts.color !== false && process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(renderTraceDetails(trace, opts.previewChars, color) + "\n");
    });
}
