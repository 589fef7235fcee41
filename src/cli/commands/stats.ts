/** `traced stats`: summarizeTraces in the terminal (tables) or as JSON. */
import { type Command } from "commander";
import { type SummarizeTracesOptions, type TracesSummary } from "../../query/summarize-types.js";
import { CliError } from "../cli-error.js";
import { experimentScope, withStore, type StoreOptions } from "../open-store.js";
import { collect, positiveInteger } from "../parse-options.js";
import { renderStatsTables } from "./stats-table.js";

interface StatsOptions extends StoreOptions {
  filter?: string;
  from?: string;
  to?: string;
  interval?: string;
  groupBy?: string[];
  limit?: number;
  json?: boolean;
}

export function registerStats(program: Command): void {
  program
    .command("stats")
    .description("traces per interval, error rate, latency p50/p95/p99, tokens and cost, and the top models, span names and tags")
    .option("-f, --filter <filter>", "MLflow search_traces filter, e.g. \"trace.status = 'ERROR'\"")
    .option("--from <moment>", "start: an age (24h, 7d) or an ISO date (2026-12-01T00:00:00Z); default 24h before --to")
    .option("--to <moment>", "end (exclusive), same forms or now; default now, rounded up to the hour")
    .option("--interval <step>", "bucket width: 30s, 5m, 1h, 1d, 1w (default: at most ~60 buckets)")
    .option("-g, --group-by <key>", "rank by model, span.name, tag.<key> or metadata.<key> (repeatable; default model and span.name)", collect)
    .option("-n, --limit <n>", "rows per ranking", positiveInteger, 10)
    .option("--json", "print the summary as JSON")
    .addHelpText(
      "after",
      `
Examples:
  traced stats --from 7d --interval 1d
  traced stats --from 2026-12-01 --to 2026-12-02 --interval 1h --filter "tag.env = 'prod'"
  traced stats --group-by model --group-by tag.env --json`,
    )
    .action(async (options: StatsOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as StatsOptions;
      const request: SummarizeTracesOptions = {
        ...experimentScope(opts),
        ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
        ...(opts.from !== undefined ? { from: opts.from } : {}),
        ...(opts.to !== undefined ? { to: opts.to } : {}),
        ...(opts.interval !== undefined ? { interval: opts.interval } : {}),
        ...(opts.groupBy ? { groupBy: opts.groupBy } : {}),
        limit: opts.limit ?? 10,
      };
      const summary = await withStore(opts, (store) => store.summarizeTraces(request));
      if (!summary.available) throw new CliError(summary.reason);
      if (opts.json) {
        process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
        return;
      }
      process.stdout.write(renderStatsTables(summary as TracesSummary, process.stdout.columns ?? 120) + "\n");
    });
}
