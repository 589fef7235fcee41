/**
 * The trace list as a table: sortable headers, and cells that wrap to a few clamped lines so
 * a preview reads as a sentence at ordinary window widths while long values never break the layout.
 */
import { useState } from "preact/hooks";
import { type TraceSummary } from "../lib/api";
import { formatCost, formatCount, formatTraceDuration, inlineValue, instantTitle, timeParts } from "../lib/format";
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
  { title: "Tokens", class: "col-num col-tokens" },
  { title: "Cost", class: "col-num col-cost" },
  { title: "Assessments", class: "col-assessments" },
];

export interface TraceTableProps {
  traces: TraceSummary[];
  sort: SortKey;
  descending: boolean;
  freshIds: ReadonlySet<string>;
  onSort: (key: SortKey) => void;
}

/** Tags past this many wait behind a "+N more" button, so one trace with dozens cannot make a huge row. */
const TAGS_SHOWN = 6;

function Tags({ tags }: { tags: Record<string, string> }) {
  const [expanded, setExpanded] = useState(false);
  const entries = Object.entries(tags);
  const shown = expanded ? entries : entries.slice(0, TAGS_SHOWN);
  return (
    <div class="pills">
      {shown.map(([k, v]) => (
        <span key={k} class="tag-pill" title={`${k} = ${v}`}>
          <span class="tag-key">{k}</span>
          <span class="tag-value">{v}</span>
        </span>
      ))}
      {entries.length > shown.length && (
        <button type="button" class="link-button more-tags" title={entries.slice(TAGS_SHOWN).map(([k, v]) => `${k} = ${v}`).join("\n")} onClick={() => setExpanded(true)}>
          +{entries.length - shown.length} more
        </button>
      )}
    </div>
  );
}

function RequestTime({ ms }: { ms: number }) {
  const parts = timeParts(ms);
  if (!parts) return <td class="col-time">—</td>;
  // Spaces between the pieces let a narrow column wrap date, clock and zone onto their own lines.
  return (
    <td class="col-time" title={instantTitle(ms)}>
      <span class="time-date">{parts.date}</span> <span class="time-clock">{parts.clock}</span> <span class="time-zone">{parts.zone}</span>
    </td>
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
  // The Cost column appears only when a trace on the page is priced, so unpriced apps keep the room for previews.
  const showCost = traces.some((trace) => trace.cost !== null);
  const columns = showCost ? COLUMNS : COLUMNS.filter((column) => column.title !== "Cost");
  return (
    <div class="table-scroll">
      <table class="trace-table">
        <thead>
          <tr>
            {columns.map((column) => (
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
                if ((event.target as HTMLElement).closest("a, button")) return;
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
                <div class="cell-text clamp">{trace.requestPreview ?? "—"}</div>
              </td>
              <td class="col-preview response-preview" title={trace.responsePreview ?? ""}>
                <div class="cell-text clamp">{trace.responsePreview ?? "—"}</div>
              </td>
              <td class="col-name" title={trace.name ?? ""}>
                <div class="cell-text clamp clamp-2">{trace.name ?? "—"}</div>
              </td>
              <td class="col-state">
                <span class={`state state-${trace.state === "ERROR" ? "error" : trace.state === "OK" ? "ok" : "other"}`}>{trace.state}</span>
              </td>
              <td class="col-num col-duration">{formatTraceDuration(trace.executionDurationMs)}</td>
              <RequestTime ms={trace.requestTimeMs} />
              <td class="col-tags">
                <Tags tags={trace.tags} />
              </td>
              <td class="col-user">
                <div class="cell-text clamp clamp-2 user-session" title={[trace.user, trace.session].filter(Boolean).join(" / ")}>
                  {trace.user ?? "—"}
                  {trace.session && <span class="muted session"> / {trace.session}</span>}
                </div>
              </td>
              <td class="col-num col-tokens" title={trace.tokenUsage ? `${formatCount(trace.tokenUsage.input_tokens)} in, ${formatCount(trace.tokenUsage.output_tokens)} out` : ""}>
                {trace.tokenUsage ? formatCount(trace.tokenUsage.total_tokens) : "—"}
              </td>
              {showCost && <td class="col-num col-cost" title={trace.cost === null ? "no price for this trace's models" : `$${trace.cost} USD`}>
                {formatCost(trace.cost)}
              </td>}
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
