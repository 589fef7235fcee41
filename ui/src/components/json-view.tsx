/**
 * A collapsible JSON tree. Nodes below `expandDepth` start closed and render nothing until
 * opened, so deeply nested or huge values cost only what is shown. Long strings are folded.
 */
import { useState } from "preact/hooks";

const FOLD_CHARS = 400;
const CHILDREN_PAGE = 100;

export function FoldedString({ text, quoted = true }: { text: string; quoted?: boolean }) {
  const [open, setOpen] = useState(false);
  const long = text.length > FOLD_CHARS;
  const shown = long && !open ? text.slice(0, FOLD_CHARS) : text;
  return (
    <span class={quoted ? "json-string" : "plain-text"}>
      {quoted ? `"${shown}${long && !open ? "…" : ""}"` : shown + (long && !open ? "…" : "")}
      {long && (
        <button type="button" class="link-button fold-toggle" onClick={() => setOpen(!open)}>
          {open ? "fold" : `show all ${text.length.toLocaleString("en-US")} chars`}
        </button>
      )}
    </span>
  );
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === "string") return <FoldedString text={value} />;
  if (value === null) return <span class="json-null">null</span>;
  if (typeof value === "number") return <span class="json-number">{String(value)}</span>;
  if (typeof value === "boolean") return <span class="json-boolean">{String(value)}</span>;
  return <span class="json-other">{String(value)}</span>;
}

interface NodeProps {
  name: string | null;
  value: unknown;
  depth: number;
  expandDepth: number;
}

function JsonNode({ name, value, depth, expandDepth }: NodeProps) {
  const isContainer = typeof value === "object" && value !== null;
  const [open, setOpen] = useState(depth < expandDepth);
  const [limit, setLimit] = useState(CHILDREN_PAGE);
  const label = name === null ? null : <span class="json-key">{name}</span>;
  if (!isContainer) {
    return (
      <div class="json-row">
        {label}
        {label && <span class="json-colon">: </span>}
        <Primitive value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? `[${entries.length} item${entries.length === 1 ? "" : "s"}]` : `{${entries.length} key${entries.length === 1 ? "" : "s"}}`;
  return (
    <div class="json-row">
      <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span class="caret" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        {label}
        {label && <span class="json-colon">: </span>}
        <span class="json-summary">{summary}</span>
      </button>
      {open && (
        <div class="json-children">
          {entries.slice(0, limit).map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} expandDepth={expandDepth} />
          ))}
          {entries.length > limit && (
            <button type="button" class="link-button" onClick={() => setLimit(limit + CHILDREN_PAGE * 10)}>
              show {Math.min(entries.length - limit, CHILDREN_PAGE * 10)} more of {entries.length - limit}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function JsonView({ value, expandDepth = 2, label }: { value: unknown; expandDepth?: number; label?: string }) {
  return (
    <div class="json-view" aria-label={label}>
      <JsonNode name={null} value={value} depth={0} expandDepth={expandDepth} />
    </div>
  );
}
