import { type Command } from "commander";
import { type SessionSummary } from "../../query/session-types.js";
import { formatCost } from "../../view/cost.js";
import { experimentScope, withStore, type StoreOptions } from "../open-store.js";
import { collect, positiveInteger } from "../parse-options.js";
import { renderTable, type Column } from "../table.js";
import { formatTime } from "./traces-list.js";

interface ListOptions extends StoreOptions {
  filter?: string;
  orderBy?: string[];
  maxResults: number;
  pageToken?: string;
  json?: boolean;
}

const COLUMNS: Column[] = [
  { header: "SESSION", flexible: true },
  { header: "USER" },
  { header: "TURNS", alignRight: true },
  { header: "FIRST (UTC)" },
  { header: "LAST (UTC)" },
  { header: "TOKENS", alignRight: true },
  { header: "COST", alignRight: true },
  { header: "ERRORS", alignRight: true },
];

/** A sum over only some turns says so: "$0.0120 (2/3)". */
export function partOf(text: string, counted: number, turns: number): string {
  return counted > 0 && counted < turns ? `${text} (${counted}/${turns})` : text;
}

export function sessionCells(s: SessionSummary): { user: string; tokens: string; cost: string } {
  return {
    user: s.user === null ? "" : s.users > 1 ? `${s.user} +${s.users - 1}` : s.user,
    tokens: s.totalTokens === null ? "—" : partOf(String(s.totalTokens), s.turnsWithTokens, s.turns),
    cost: s.cost === null ? "—" : partOf(formatCost(s.cost), s.turnsWithCost, s.turns),
  };
}

function row(s: SessionSummary): string[] {
  const cells = sessionCells(s);
  return [s.sessionId, cells.user, String(s.turns), formatTime(s.firstTimeMs), formatTime(s.lastTimeMs), cells.tokens, cells.cost, String(s.errors)];
}

export function registerSessionsList(sessions: Command): void {
  sessions
    .command("list")
    .description("list sessions (traces sharing mlflow.trace.session), most recently active first")
    .option("-f, --filter <filter>", "a searchTraces filter on the sessions' traces, e.g. \"trace.timestamp_ms > 1730000000000\"")
    .option("-o, --order-by <clause>", 'order, e.g. "cost DESC" (keys: last_time_ms, first_time_ms, turns, total_tokens, cost, errors, session_id, user; repeatable)', collect)
    .option("-n, --max-results <n>", "sessions per page", positiveInteger, 25)
    .option("--page-token <token>", "the page after a previous list (its next page token)")
    .option("--json", "print the sessions as JSON instead of a table")
    .action(async (options: ListOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ListOptions;
      const page = await withStore(opts, (store) =>
        store.searchSessions({
          ...experimentScope(opts),
          ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
          ...(opts.orderBy ? { orderBy: opts.orderBy } : {}),
          maxResults: opts.maxResults,
          ...(opts.pageToken ? { pageToken: opts.pageToken } : {}),
        }),
      );
      if (page.incomplete) process.stderr.write(`traced: ${page.incomplete.reason}\n`);
      if (opts.json) {
        process.stdout.write(JSON.stringify(page, null, 2) + "\n");
        return;
      }
      if (page.sessions.length === 0) {
        process.stdout.write("No sessions found.\n");
        return;
      }
      const width = process.stdout.isTTY ? process.stdout.columns : Infinity;
      process.stdout.write(renderTable(COLUMNS, page.sessions.map(row), width) + "\n");
      if (page.nextPageToken) process.stderr.write(`More sessions: add --page-token ${page.nextPageToken}\n`);
    });
}
