/** The `traced` command tree, built on commander. */
import { Command } from "commander";
import { TRACED_VERSION } from "../config/registry.js";
import { registerAssess } from "./commands/traces-assess.js";
import { registerCopy } from "./commands/traces-copy.js";
import { registerDelete } from "./commands/traces-delete.js";
import { registerExport } from "./commands/traces-export.js";
import { registerImport } from "./commands/traces-import.js";
import { registerList } from "./commands/traces-list.js";
import { registerShow } from "./commands/traces-show.js";
import { registerTag } from "./commands/traces-tag.js";
import { registerSessions } from "./commands/sessions.js";
import { registerStats } from "./commands/stats.js";
import { registerUi } from "./commands/ui.js";

export function buildProgram(): Command {
  const program = new Command("traced")
    .description("Work with traces stored by traced (MLflow's trace format), in a local SQLite file or on an MLflow tracking server")
    .version(TRACED_VERSION, "-V, --version")
    .option("--db <path>", "the trace database (default: $TRACED_DB, $MLFLOW_TRACKING_URI, or ./traced.db)")
    .option("--tracking-uri <uri>", "where the traces are: a file (path or sqlite:///path) or an MLflow tracking server (http(s)://…); default $MLFLOW_TRACKING_URI")
    .option("--experiment-id <id>", "the MLflow experiment (default: $MLFLOW_EXPERIMENT_ID, else 0 on a server; in a file, all experiments)")
    .showSuggestionAfterError()
    // Each command's help lists --db, --tracking-uri and --experiment-id too: every command takes them.
    .configureHelp({ showGlobalOptions: true })
    // Errors come back to main(), which chooses the exit code.
    .exitOverride();

  const traces = program
    .command("traces")
    .description("list, show, export, import, copy, delete, tag and assess traces")
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
  traced traces feedback tr-5f0e2a9c4b1d47e8a3c6d9f01b2e4c7a relevance true --rationale "on topic"
  traced traces list --tracking-uri http://localhost:5000 --experiment-id 1
  traced traces copy --from http://localhost:5000 --to ./prod.db --filter "trace.status = 'ERROR'"`,
    );
  registerList(traces);
  registerShow(traces);
  registerExport(traces);
  registerImport(traces);
  registerDelete(traces);
  registerTag(traces);
  registerAssess(traces);
  registerCopy(traces);
  registerSessions(program);
  registerStats(program);
  registerUi(program);
  return program;
}
