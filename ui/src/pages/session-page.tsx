/**
 * One session read as its conversation: each turn's user input and the app's answer in
 * order, with the turn's latency, tokens, cost, errors and assessments, and a link into its
 * trace. All text is rendered as text (Preact escapes it); nothing is parsed as HTML.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, type ApiErrorDetails } from "../lib/api";
import { formatCost, formatCount, formatTime, formatTraceDuration, inlineValue, instantTitle } from "../lib/format";
import { navigate, tracePath } from "../lib/router";
import { getSession, type SessionDetail, type SessionTurn, type TurnAssessment } from "../lib/sessions-api";
import { sessionCost, sessionTokens, sessionUser } from "./session-format";
import { sessionsBackUrl } from "./sessions-page";
import "./sessions.css";

function Assessment({ a }: { a: TurnAssessment }) {
  const value = a.error !== null && a.value === null ? `error: ${a.error}` : inlineValue(a.value);
  return (
    <span class={`assessment-pill${a.error !== null ? " chip-error" : ""}`} title={[`${a.kind} by ${a.sourceType}`, a.rationale].filter(Boolean).join("\n")}>
      <span class="turn-assessment-name">{a.name}</span> = <span class="turn-assessment-value">{value}</span>
    </span>
  );
}

function Bubble({ role, text, source }: { role: "user" | "answer"; text: string | null; source: string | null }) {
  return (
    <div class={`turn-bubble turn-${role}`}>
      <div class="turn-role muted small">
        {role === "user" ? "User" : "Answer"}
        {source === "preview" && <span title="No chat message in the trace's spans: this is the trace's preview"> (preview)</span>}
      </div>
      <div class="turn-text wrap">{text ?? "—"}</div>
    </div>
  );
}

function Turn({ turn }: { turn: SessionTurn }) {
  const href = tracePath(turn.traceId);
  return (
    <article class={`turn${turn.state === "ERROR" ? " turn-failed" : ""}`} aria-label={`turn ${turn.index}`} data-trace-id={turn.traceId}>
      <header class="turn-meta">
        <span class="turn-index">Turn {turn.index}</span>
        <span class="turn-time muted" title={instantTitle(turn.requestTimeMs)}>
          {formatTime(turn.requestTimeMs)}
        </span>
        <span class={`state ${turn.state === "OK" ? "state-ok" : turn.state === "ERROR" ? "state-error" : "state-other"}`}>{turn.state}</span>
        <span class="turn-latency" title="latency">
          {formatTraceDuration(turn.executionDurationMs)}
        </span>
        <span class="turn-tokens" title={turn.totalTokens === null ? "no token usage recorded" : `${formatCount(turn.inputTokens ?? undefined)} in · ${formatCount(turn.outputTokens ?? undefined)} out`}>
          {turn.totalTokens === null ? "— tokens" : `${formatCount(turn.totalTokens)} tokens`}
        </span>
        <span class="turn-cost">{formatCost(turn.cost)}</span>
        {turn.errorSpans > 0 && <span class="chip chip-error turn-errors">{turn.errorSpans === 1 ? "1 error" : `${turn.errorSpans} errors`}</span>}
        <span class="spacer" />
        <a
          class="turn-trace-link"
          href={href}
          onClick={(event) => {
            event.preventDefault();
            navigate(href);
          }}
        >
          Open trace
        </a>
      </header>
      <Bubble role="user" text={turn.input} source={turn.inputSource} />
      <Bubble role="answer" text={turn.answer} source={turn.answerSource} />
      {turn.errorMessage !== null && (
        <div class="turn-error inline-error wrap" role="note">
          {turn.errorMessage}
        </div>
      )}
      {turn.assessments.length > 0 && (
        <div class="pills turn-assessments">
          {turn.assessments.map((a, i) => (
            <Assessment key={i} a={a} />
          ))}
        </div>
      )}
    </article>
  );
}

export function SessionPage({ sessionId }: { sessionId: string }) {
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [turns, setTurns] = useState<SessionTurn[]>([]);
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    getSession(sessionId, null, abort.signal)
      .then((detail) => {
        setSession(detail);
        setTurns(detail.turns);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof ApiError ? e.details : { message: String(e), kind: "network" });
      });
    return () => abort.abort();
  }, [sessionId]);

  const loadMore = () => {
    if (!session?.nextPageToken) return;
    setLoadingMore(true);
    getSession(sessionId, session.nextPageToken)
      .then((detail) => {
        setSession(detail);
        setTurns((shown) => [...shown, ...detail.turns]);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.details : { message: String(e), kind: "network" }))
      .finally(() => setLoadingMore(false));
  };

  const back = (
    <a
      href={sessionsBackUrl()}
      onClick={(event) => {
        event.preventDefault();
        navigate(sessionsBackUrl());
      }}
    >
      ← Sessions
    </a>
  );
  if (error) {
    return (
      <main class="session-page">
        {back}
        <p class="inline-error" role="alert">
          {error.kind === "not_found" ? `No session ${JSON.stringify(sessionId)} in this store.` : error.message}
        </p>
      </main>
    );
  }
  if (session === null) return <main class="session-page">{back}<p class="muted">Loading…</p></main>;
  const s = session.summary;
  return (
    <main class="session-page">
      {back}
      <h1 class="page-title session-title">
        Session <span class="session-id mono">{s.sessionId}</span>
      </h1>
      {session.incomplete && (
        <div class="sessions-incomplete" role="status">
          {session.incomplete.reason}
        </div>
      )}
      <dl class="session-facts">
        <div class="fact-user">
          <dt>User</dt>
          <dd>{sessionUser(s)}</dd>
        </div>
        <div class="fact-turns">
          <dt>Turns</dt>
          <dd>{s.turns}</dd>
        </div>
        <div class="fact-span">
          <dt>From</dt>
          <dd>
            {formatTime(s.firstTimeMs)} to {formatTime(s.lastTimeMs)}
          </dd>
        </div>
        <div class="fact-tokens">
          <dt>Tokens</dt>
          <dd>{sessionTokens(s)}</dd>
        </div>
        <div class="fact-cost">
          <dt>Cost</dt>
          <dd>{sessionCost(s)}</dd>
        </div>
        <div class="fact-errors">
          <dt>Errors</dt>
          <dd>{s.errors}</dd>
        </div>
      </dl>
      <section class="conversation" aria-label="conversation">
        {turns.map((turn) => (
          <Turn key={turn.traceId} turn={turn} />
        ))}
      </section>
      {session.nextPageToken && (
        <button type="button" class="secondary more-turns" disabled={loadingMore} onClick={loadMore}>
          {loadingMore ? "Loading…" : `Show more turns (${turns.length} of ${s.turns} shown)`}
        </button>
      )}
    </main>
  );
}
