/** One trace: the span tree and timeline, the selected span's details, and the side pane. */
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { ApiError, getTrace, type MlflowTraceDict } from "../lib/api";
import { formatTime, formatTraceDuration, instantTitle } from "../lib/format";
import { lastListUrl, navigate, tracePath } from "../lib/router";
import { buildUiTrace } from "../lib/trace-model";
import { SpanDetails } from "../components/span-details";
import { SpanTree } from "../components/span-tree";
import { TraceSidePane } from "../components/trace-side-pane";

export function TraceDetailPage({ traceId, spanId }: { traceId: string; spanId: string | null }) {
  const [dict, setDict] = useState<MlflowTraceDict | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    getTrace(traceId)
      .then((loaded) => {
        setDict(loaded);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [traceId]);
  useEffect(load, [load]);

  const trace = useMemo(() => (dict ? buildUiTrace(dict) : null), [dict]);
  const selected = trace ? ((spanId ? trace.byId.get(spanId) : undefined) ?? trace.roots[0] ?? null) : null;
  const select = useCallback((id: string) => navigate(tracePath(traceId, id), { replace: true }), [traceId]);

  if (error) {
    return (
      <main class="detail-page">
        <BackLink />
        <p class="inline-error" role="alert">{error}</p>
      </main>
    );
  }
  if (!dict || !trace) return <main class="detail-page"><p class="muted">Loading…</p></main>;
  const name = dict.info.tags?.["mlflow.traceName"] ?? trace.roots[0]?.name ?? "";

  return (
    <main class="detail-page">
      <header class="detail-header">
        <BackLink />
        <h2 class="trace-title ellipsis" title={name}>{name || "(unnamed trace)"}</h2>
        <span class={`state state-${dict.info.state === "ERROR" ? "error" : dict.info.state === "OK" ? "ok" : "other"}`}>{dict.info.state}</span>
        <span class="muted" title={instantTitle(Date.parse(dict.info.request_time))}>
          {formatTraceDuration(dict.info.execution_duration_ms)} · {formatTime(Date.parse(dict.info.request_time))}
        </span>
        <span class="muted mono trace-id-label">{dict.info.trace_id}</span>
      </header>
      <div class="detail-grid">
        <SpanTree trace={trace} selectedId={selected?.spanId ?? null} onSelect={select} />
        <div class="detail-main">{selected ? <SpanDetails key={selected.spanId} span={selected} /> : <p class="muted">This trace has no spans.</p>}</div>
        <TraceSidePane trace={dict} onChanged={load} />
      </div>
    </main>
  );
}

function BackLink() {
  return (
    <a
      href="/"
      class="back-link"
      onClick={(event) => {
        event.preventDefault();
        navigate(lastListUrl());
      }}
    >
      ← Traces
    </a>
  );
}
