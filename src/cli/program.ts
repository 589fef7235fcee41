/** The `traced` command tree, built on commander. */
import { Command } from "commander";
import { TRACED_VERSION } from "../config/registry.js";
import { registerAssess } from "./commands/traces-assess.js";
import { registerDelete } from "./commands/traces-delete.js";
import { registerExport } from "./commands/traces-export.js";
import { registerImport } from "./commands/traces-import.js";
import { registerList } from "./commands/traces-list.js";
import { registerShow } from "./commands/traces-show.js";
import { registerTag } from "./commands/traces-tag.js";
import { registerUi } from "./commands/ui.js";

export function buildProgram(): Command {
  const program = new Command("traced")
    .description("Work with traces stored by traced (MLflow's trace format, in a local SQLite file)")
    .version(TRACED_VERSION, "-V, --version")
    .option("--db <path>", "the trace database (default: $TRACED_DB, $MLFLOW_TRACKING_URI as sqlite:///path, or ./traced.db)")
    .showSuggestionAfterError()
    // Errors come back to main(), which chooses the exit code.
    .exitOverride();

  const traces = program
    .command("traces")
    .description("list, show, export, import, delete, tag and assess traces")
    .addHelpText(
      "after",
      `
Examples:
  traced traces list --filter "trace.status = 'ERROR'"
  traced traces list --filter "span.type = 'LLM' AND trace.execution_time_ms > 1000" --order-by "execution_time_ms DESC"
  traced traces show tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a
  traced traces export --filter "tag.env = 'prod'" --dir ./exported
  traced traces import ./exported
  traced traces delete --older-than 30d
  traced traces tag tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a reviewed yes
  traced traces feedback tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a relevance true --rationale "on topic"`,
    );
  registerList(traces);
  registerShow(traces);
  registerExport(traces);
  registerImport(traces);
  registerDelete(traces);
  registerTag(traces);
  registerAssess(traces);
  registerUi(program);
  return program;
}
