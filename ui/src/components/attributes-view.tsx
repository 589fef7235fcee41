/** A span's attributes as a key/value list; structured values open in the JSON viewer. */
import { FoldedString, JsonView } from "./json-view";

export function AttributesView({ attributes }: { attributes: Record<string, unknown> }) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return <p class="muted">No attributes.</p>;
  return (
    <dl class="kv attributes">
      {entries.map(([key, value]) => (
        <div class="kv-row" key={key}>
          <dt class="mono">{key}</dt>
          <dd>{typeof value === "object" && value !== null ? <JsonView value={value} expandDepth={1} /> : typeof value === "string" ? <FoldedString text={value} /> : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
