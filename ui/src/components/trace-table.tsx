/** The trace list as a table: sortable headers, one-line cells that never break the layout. */
import { type TraceSummary } from "../lib/api";
import { formatCount, formatTime, formatTraceDuration, inlineValue } from "../lib/format";
import { navigate, tracePath } from "../lib/router";
import { type SortKey } from "../pages/list-query";

interface Column {
  title: string;
  sort?: SortKey;
  class: string;
}

const COLUMNS: Column[] = [
  { title: "Trace ID", sort: "request_id", class: "col-id" },
  { title: "Request", class: "col-preview" },
  { title: "Response", class: "col-preview" },
  { title: "Name", sort: "name", class: "col-name" },
  { title: "State", sort: "status", class: "col-state" },
  { title: "Execution time", sort: "execution_time_ms", class: "col-num col-duration" },
  { title: "Request time", sort: "timestamp_ms", class: "col-time" },
  { title: "Tags", class: "col-tags" },
  { title: "User / session", class: "col-user" },
  { title: "Tokens", class: "col-num" },
  { title: "Assessments", class: "col-assessments" },
];

export interface TraceTableProps {
  traces: TraceSummary[];
  sort: SortKey;
  descending: boolean;
  freshIds: ReadonlySet<string>;
  onSort: (key: SortKey) => void;
}

function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  return (
    <div class="pills">
      {entries.slice(0, 3).map(([k, v]) => (
        <span key={k} class="tag-pill" title={`${k} = ${v}`}>
          <span class="tag-key">{k}</span>
          <span class="tag-value">{v}</span>
        </span>
      ))}
      {entries.length > 3 && <span class="muted">+{entries.length - 3}</span>}
    </div>
  );
}

function Assessments({ trace }: { trace: TraceSummary }) {
  const valid = trace.assessments.filter((a) => a.valid);
  return (
    <div class="pills">
      {valid.slice(0, 3).map((a, i) => (
        <span key={i} class={`assessment-pill${a.value === true ? " positive" : a.value === false ? " negative" : ""}`} title={`${a.name}: ${inlineValue(a.value)} (${a.sourceType})`}>
          {a.name}: {a.hasError ? "error" : a.value === true ? "▲" : a.value === false ? "▼" : inlineValue(a.value)}
        </span>
      ))}
      {valid.length > 3 && <span class="muted">+{valid.length - 3}</span>}
    </div>
  );
}

export function TraceTable({ traces, sort, descending, freshIds, onSort }: TraceTableProps) {
  return (
    <div class="table-scroll">
      <table class="trace-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.title} class={column.class} aria-sort={column.sort === sort ? (descending ? "descending" : "ascending") : undefined}>
                {column.sort ? (
                  <button type="button" class="sort-button" onClick={() => onSort(column.sort!)}>
                    {column.title}
                    <span class="sort-mark" aria-hidden="true">
                      {column.sort === sort ? (descending ? " ▼" : " ▲") : ""}
                    </span>
                  </button>
                ) : (
                  column.title
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {traces.map((trace) => (
            <tr
              key={trace.traceId}
              class={`trace-row${freshIds.has(trace.traceId) ? " fresh" : ""}`}
              data-trace-id={trace.traceId}
              onClick={(event) => {
                if ((event.target as HTMLElement).closest("a")) return;
                navigate(tracePath(trace.traceId));
              }}
            >
              <td class="col-id mono">
                <a
                  href={tracePath(trace.traceId)}
                  title={trace.traceId}
                  onClick={(event) => {
                    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    navigate(tracePath(trace.traceId));
                  }}
                >
                  {trace.traceId}
                </a>
              </td>
              <td class="col-preview request-preview" title={trace.requestPreview ?? ""}>
                <div class="cell-text">{trace.requestPreview ?? "—"}</div>
              </td>
              <td class="col-preview response-preview" title={trace.responsePreview ?? ""}>
                <div class="cell-text">{trace.responsePreview ?? "—"}</div>
              </td>
              <td class="col-name" title={trace.name ?? ""}>
                <div class="cell-text">{trace.name ?? "—"}</div>
              </td>
              <td class="col-state">
                <span class={`state state-${trace.state === "ERROR" ? "error" : trace.state === "OK" ? "ok" : "other"}`}>{trace.state}</span>
              </td>
              <td class="col-num col-duration">{formatTraceDuration(trace.executionDurationMs)}</td>
              <td class="col-time">{formatTime(trace.requestTimeMs)}</td>
              <td class="col-tags">
                <Tags tags={trace.tags} />
              </td>
              <td class="col-user">
                <div class="cell-text" title={[trace.user, trace.session].filter(Boolean).join(" / ")}>
                  {trace.user ?? "—"}
                  {trace.session && <span class="muted"> / {trace.session}</span>}
                </div>
              </td>
              <td class="col-num col-tokens" title={trace.tokenUsage ? `${formatCount(trace.tokenUsage.input_tokens)} in, ${formatCount(trace.tokenUsage.output_tokens)} out` : ""}>
                {trace.tokenUsage ? formatCount(trace.tokenUsage.total_tokens) : "—"}
              </td>
              <td class="col-assessments">
                <Assessments trace={trace} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
