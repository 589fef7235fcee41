/** Thumbs up or down with an optional comment, saved as a HUMAN feedback assessment. */
import { useState } from "preact/hooks";
import { addFeedback } from "../lib/api";

function Thumb({ down }: { down?: boolean }) {
  return (
    <svg class={`thumb${down ? " down" : ""}`} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3a1.5 1.5 0 0 0-.4-1.1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z" />
    </svg>
  );
}

export function FeedbackForm({ traceId, onSaved }: { traceId: string; onSaved: () => void }) {
  const [value, setValue] = useState<boolean | null>(null);
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<{ error?: string; saved?: boolean }>({});
  return (
    <form
      class="feedback-form"
      aria-label="add feedback"
      onSubmit={async (event) => {
        event.preventDefault();
        if (value === null) return;
        setStatus({});
        try {
          await addFeedback(traceId, { value, ...(comment.trim() ? { comment: comment.trim() } : {}) });
          setValue(null);
          setComment("");
          setStatus({ saved: true });
          onSaved();
        } catch (e) {
          setStatus({ error: e instanceof Error ? e.message : String(e) });
        }
      }}
    >
      <div class="thumbs" role="group" aria-label="rating">
        <button type="button" class={`thumb-button${value === true ? " chosen" : ""}`} aria-pressed={value === true} onClick={() => setValue(true)}>
          <Thumb /> Good
        </button>
        <button type="button" class={`thumb-button${value === false ? " chosen" : ""}`} aria-pressed={value === false} onClick={() => setValue(false)}>
          <Thumb down /> Bad
        </button>
      </div>
      <textarea aria-label="feedback comment" placeholder="Comment (optional)" rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
      <button type="submit" disabled={value === null}>
        Save feedback
      </button>
      {status.saved && <p class="muted" role="status">Feedback saved.</p>}
      {status.error && <p class="inline-error" role="alert">{status.error}</p>}
    </form>
  );
}
