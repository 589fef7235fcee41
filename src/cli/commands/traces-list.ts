import { type Command } from "commander";
import { traceInfoToDict } from "../../model/mlflow-json.js";
import { type Trace } from "../../model/trace.js";
import { TRACE_COST_KEY } from "../../processing/pricing/span-cost.js";
import { formatCost, totalCost } from "../../view/cost.js";
import { formatTraceDuration } from "../../view/duration.js";
import { experimentScope, withStore, type StoreOptions } from "../open-store.js";
import { collect, positiveInteger } from "../parse-options.js";
import { renderTable, type Column } from "../table.js";

interface ListOptions extends StoreOptions {
  filter?: string;
  orderBy?: string[];
  maxResults: number;
  pageToken?: string;
  json?: boolean;
}

const COLUMNS: Column[] = [
  { header: "TRACE ID" },
  { header: "NAME" },
  { header: "STATE" },
  { header: "DURATION", alignRight: true },
  { header: "TIME (UTC)" },
  { header: "REQUEST", flexible: true },
];

const PREVIEW_CHARS = 80;
// Shown after DURATION only when a listed trace has a cost, so unpriced stores list as before.
const COST_COLUMN: Column = { header: "COST", alignRight: true };

function costCell(trace: Trace): string {
  const cost = totalCost(trace.info.metadata[TRACE_COST_KEY]);
  return cost === undefined ? "" : formatCost(cost);
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "");
}

function row(trace: Trace): string[] {
  const info = trace.info;
  return [
    info.traceId,
    info.tags["mlflow.traceName"] ?? "",
    info.state,
    formatTraceDuration(info.executionDurationMs),
    formatTime(info.requestTimeMs),
    (info.requestPreview ?? "").slice(0, PREVIEW_CHARS),
  ];
}

export function registerList(traces: Command): void {
  traces
    .command("list")
    .description("list stored traces, newest first")
    .option("-f, --filter <filter>", "MLflow search_traces filter, e.g. \"trace.status = 'ERROR' AND span.type = 'LLM'\"")
    .option("-o, --order-by <clause>", 'order, e.g. "execution_time_ms DESC" (repeatable)', collect)
    .option("-n, --max-results <n>", "traces per page", positiveInteger, 25)
    .option("--page-token <token>", "the page after a previous list (its next page token)")
    .option("--json", "print MLflow trace info JSON instead of a table")
    .action(async (options: ListOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ListOptions;
      const page = await withStore(opts, (store) =>
        store.searchTraces({
          ...experimentScope(opts),
          ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
          ...(opts.orderBy ? { orderBy: opts.orderBy } : {}),
          maxResults: opts.maxResults,
          ...(opts.pageToken ? { pageToken: opts.pageToken } : {}),
          includeSpans: false,
        }),
      );
      if (opts.json) {
        const body = { traces: page.traces.map((t) => traceInfoToDict(t.info)), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
        process.stdout.write(JSON.stringify(body, null, 2) + "\n");
        return;
      }
      if (page.traces.length === 0) {
        process.stdout.write("No traces found.\n");
        return;
      }
      const width = process.stdout.isTTY ? process.stdout.columns : Infinity;
      const costs = page.traces.map(costCell);
      const withCost = costs.some((cell) => cell !== "");
      const columns = withCost ? [...COLUMNS.slice(0, 4), COST_COLUMN, ...COLUMNS.slice(4)] : COLUMNS;
      const rows = page.traces.map((trace, i) => (withCost ? [...row(trace).slice(0, 4), costs[i]!, ...row(trace).slice(4)] : row(trace)));
      process.stdout.write(renderTable(columns, rows, width) + "\n");
      if (page.nextPageToken) process.stderr.write(`More traces: add --page-token ${page.nextPageToken}\n`);
    });
}
