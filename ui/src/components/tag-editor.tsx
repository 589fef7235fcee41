/** The trace's tags, each removable, and a form to add or change one. */
import { useState } from "preact/hooks";
import { deleteTag, setTag } from "../lib/api";

export function TagEditor({ traceId, tags, onChanged }: { traceId: string; tags: Record<string, string>; onChanged: () => void }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const entries = Object.entries(tags).filter(([k]) => !k.startsWith("mlflow."));
  return (
    <div class="tag-editor">
      {entries.length === 0 ? (
        <p class="muted">No tags.</p>
      ) : (
        <ul class="tag-list">
          {entries.map(([k, v]) => (
            <li key={k} class="tag-item">
              <span class="tag-pill" title={`${k} = ${v}`}>
                <span class="tag-key">{k}</span>
                <span class="tag-value">{v}</span>
              </span>
              <button type="button" class="icon-button" aria-label={`delete tag ${k}`} onClick={() => run(() => deleteTag(traceId, k))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="tag-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!key.trim()) return;
          void run(async () => {
            await setTag(traceId, key.trim(), value);
            setKey("");
            setValue("");
          });
        }}
      >
        <input aria-label="tag key" placeholder="key" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        <input aria-label="tag value" placeholder="value" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
        <button type="submit">Set tag</button>
      </form>
      {error && <p class="inline-error" role="alert">{error}</p>}
    </div>
  );
}
