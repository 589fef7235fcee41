import { type Command } from "commander";
import { type Session, type SessionTurn, type TurnAssessment } from "../../query/session-types.js";
import { formatCost } from "../../view/cost.js";
import { formatTraceDuration } from "../../view/duration.js";
import { plainValue } from "../../view/terminal-text.js";
import { CliError } from "../cli-error.js";
import { withStore, type StoreOptions } from "../open-store.js";
import { positiveInteger } from "../parse-options.js";
import { cleanCell, truncate } from "../table.js";
import { sessionCells } from "./sessions-list.js";
import { formatTime } from "./traces-list.js";

interface ShowOptions extends StoreOptions {
  json?: boolean;
  maxResults: number;
  pageToken?: string;
  textChars: number;
}

function assessmentText(a: TurnAssessment): string {
  const value = a.error !== null && a.value === null ? `error ${a.error}` : plainValue(a.value, 80);
  return `${a.name} = ${value} (${a.sourceType})`;
}

/** Stored text on one indented block: control characters out, each line cut to `chars`. */
function block(label: string, text: string | null, chars: number): string {
  if (text === null) return `  ${label}: —`;
  const lines = truncate(text, chars).split(/\r?\n/).map(cleanCell);
  return [`  ${label}: ${lines[0]}`, ...lines.slice(1).map((line) => `  ${" ".repeat(label.length)}  ${line}`)].join("\n");
}

function turnLines(turn: SessionTurn, chars: number): string {
  const facts = [
    formatTime(turn.requestTimeMs),
    turn.state,
    formatTraceDuration(turn.executionDurationMs),
    turn.totalTokens === null ? null : `${turn.totalTokens} tokens`,
    turn.cost === null ? null : formatCost(turn.cost),
    turn.errorSpans > 0 ? `${turn.errorSpans} error span${turn.errorSpans > 1 ? "s" : ""}` : null,
  ].filter((f) => f !== null);
  const lines = [`Turn ${turn.index}  ${turn.traceId}  ${facts.join("  ")}`, block("user", turn.input, chars), block("answer", turn.answer, chars)];
  if (turn.errorMessage !== null) lines.push(block("error", turn.errorMessage, chars));
  if (turn.assessments.length) lines.push(`  assessments: ${cleanCell(turn.assessments.map(assessmentText).join("; "))}`);
  return lines.join("\n");
}

export function renderSession(session: Session, chars: number): string {
  const s = session.summary;
  const cells = sessionCells(s);
  const header = [
    `Session ${cleanCell(s.sessionId)}${cells.user ? `  user ${cleanCell(cells.user)}` : ""}`,
    `${s.turns} turn${s.turns === 1 ? "" : "s"}  ${formatTime(s.firstTimeMs)} – ${formatTime(s.lastTimeMs)} UTC  tokens ${cells.tokens}  cost ${cells.cost}  errors ${s.errors}`,
  ];
  return [...header, "", ...session.turns.map((turn) => turnLines(turn, chars))].join("\n");
}

export function registerSessionsShow(sessions: Command): void {
  sessions
    .command("show")
    .description("show one session as its conversation: each turn's user input and answer, with latency, tokens, cost, errors and assessments")
    .argument("<session-id>", "the session id (mlflow.trace.session)")
    .option("--json", "print the session as JSON")
    .option("-n, --max-results <n>", "turns per page", positiveInteger, 500)
    .option("--page-token <token>", "the turns after a previous page (its next page token)")
    .option("-c, --text-chars <n>", "characters of each input and answer shown", positiveInteger, 500)
    .action(async (sessionId: string, options: ShowOptions, command: Command) => {
      const opts = { ...command.optsWithGlobals(), ...options } as ShowOptions;
      const session = await withStore(opts, (store) =>
        store.getSession(sessionId, { maxResults: opts.maxResults, ...(opts.pageToken ? { pageToken: opts.pageToken } : {}) }),
      );
      if (session === undefined) throw new CliError(`No session ${JSON.stringify(sessionId)} in the store`);
      if (session.incomplete) process.stderr.write(`traced: ${session.incomplete.reason}\n`);
      if (opts.json) {
        process.stdout.write(JSON.stringify(session, null, 2) + "\n");
        return;
      }
      process.stdout.write(renderSession(session, opts.textChars) + "\n");
      if (session.nextPageToken) process.stderr.write(`More turns: add --page-token ${session.nextPageToken}\n`);
    });
}
