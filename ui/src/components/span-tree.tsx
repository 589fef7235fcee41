/**
 * The span tree beside its Gantt timeline, one row per span, virtualised. Keyboard: ↑/↓
 * move, ← collapses (or goes to the parent), → expands (or goes to the first child),
 * Home/End jump, Enter/Space toggles.
 */
import { useMemo, useState } from "preact/hooks";
import { formatDuration } from "../lib/format";
import { visibleRows, type UiSpan, type UiTrace } from "../lib/trace-model";
import { SpanTypeIcon } from "./span-type-icon";
import { VirtualList } from "./virtual-list";

const ROW_HEIGHT = 28;
// Past this depth rows stop moving right; the level is still shown in the row.
const MAX_INDENT_LEVELS = 24;

export interface SpanTreeProps {
  trace: UiTrace;
  selectedId: string | null;
  onSelect: (spanId: string) => void;
}

function Axis({ totalMs }: { totalMs: number }) {
  return (
    <div class="axis" aria-hidden="true">
      {[0, 1 / 3, 2 / 3, 1].map((f) => (
        <span key={f} class="axis-tick" style={{ left: `${f * 100}%` }}>
          {formatDuration(totalMs * f)}
        </span>
      ))}
    </div>
  );
}

export function SpanTree({ trace, selectedId, onSelect }: SpanTreeProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(trace.roots, collapsed), [trace, collapsed]);
  const index = useMemo(() => new Map(rows.map((span, i) => [span.spanId, i])), [rows]);
  const selectedIndex = selectedId === null ? -1 : (index.get(selectedId) ?? -1);
  const total = trace.totalMs > 0 ? trace.totalMs : 1;

  const toggle = (span: UiSpan, open?: boolean) => {
    const next = new Set(collapsed);
    const isOpen = !collapsed.has(span.spanId);
    if (open ?? !isOpen) next.delete(span.spanId);
    else next.add(span.spanId);
    setCollapsed(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = rows[selectedIndex];
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) onSelect(target.spanId);
    };
    switch (event.key) {
      case "ArrowDown":
        go(selectedIndex + 1);
        break;
      case "ArrowUp":
        go(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case "Home":
        go(0);
        break;
      case "End":
        go(rows.length - 1);
        break;
      case "ArrowRight":
        if (!current) go(0);
        else if (current.children.length && collapsed.has(current.spanId)) toggle(current, true);
        else if (current.children.length) go(selectedIndex + 1);
        break;
      case "ArrowLeft":
        if (!current) break;
        if (current.children.length && !collapsed.has(current.spanId)) toggle(current, false);
        else if (current.parentId && trace.byId.has(current.parentId)) onSelect(current.parentId);
        break;
      case "Enter":
      case " ":
        if (current?.children.length) toggle(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const renderRow = (i: number) => {
    const span = rows[i]!;
    const isOpen = !collapsed.has(span.spanId);
    const left = (span.startMs / total) * 100;
    const width = (((span.endMs ?? trace.totalMs) - span.startMs) / total) * 100;
    const selected = span.spanId === selectedId;
    return (
      <div
        key={span.spanId}
        id={`span-row-${span.spanId}`}
        class={`tree-row${selected ? " selected" : ""}${span.isError ? " error" : ""}`}
        role="treeitem"
        aria-level={span.depth + 1}
        aria-selected={selected}
        aria-expanded={span.children.length ? isOpen : undefined}
        data-span-id={span.spanId}
        onClick={() => onSelect(span.spanId)}
      >
        <div class="tree-cell">
          <span class="indent" style={{ width: `${Math.min(span.depth, MAX_INDENT_LEVELS) * 14}px` }} />
          {span.children.length ? (
            <button
              type="button"
              class="tree-toggle"
              tabIndex={-1}
              aria-label={isOpen ? "collapse" : "expand"}
              onClick={(event) => {
                event.stopPropagation();
                toggle(span);
              }}
            >
              {isOpen ? "▾" : "▸"}
            </button>
          ) : (
            <span class="tree-toggle-space" />
          )}
          <SpanTypeIcon type={span.spanType} />
          {span.depth > MAX_INDENT_LEVELS && <span class="depth-mark">L{span.depth + 1}</span>}
          <span class="span-name ellipsis" title={span.name}>
            {span.name || "(unnamed)"}
          </span>
          {span.isError && (
            <span class="error-mark" title="error" aria-label="error">
              !
            </span>
          )}
          <span class="span-duration">{formatDuration(span.durationMs)}</span>
        </div>
        <div class="timeline-cell">
          <span class={`gantt-bar type-${safeClassPart(span.spanType)}`} style={{ left: `${left}%`, width: `max(2px, ${width}%)` }} />
        </div>
      </div>
    );
  };

  return (
    <div class="span-tree">
      <div class="tree-head">
        <div class="tree-cell">
          Spans <span class="muted">({trace.spans.length.toLocaleString("en-US")})</span>
        </div>
        <div class="timeline-cell">
          <Axis totalMs={trace.totalMs} />
        </div>
      </div>
      <VirtualList
        class="tree-body"
        role="tree"
        ariaLabel="span tree"
        ariaActiveDescendant={selectedId ? `span-row-${selectedId}` : undefined}
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        activeIndex={selectedIndex}
        renderRow={renderRow}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

/** Span types come from the trace: only plain words become part of a class name. */
function safeClassPart(type: string): string {
  const lower = type.toLowerCase();
  return /^[a-z_]{1,20}$/.test(lower) ? lower : "other";
}
