/** A span's events: exceptions with their stack traces, stream chunks gathered, and the rest. */
import { formatDuration } from "../lib/format";
import { decodeJsonText, type UiSpanEvent } from "../lib/trace-model";
import { FoldedString, JsonView } from "./json-view";

const CHUNK_PREFIX = "mlflow.chunk.item.";

function ExceptionEvent({ event }: { event: UiSpanEvent }) {
  const a = event.attributes;
  return (
    <div class="event exception-event" role="group" aria-label="exception">
      <div class="event-head">
        <span class="chip chip-error">exception</span>
        <span class="exception-type">{String(a["exception.type"] ?? "Error")}</span>
        <span class="muted"> at {formatDuration(event.offsetMs)}</span>
      </div>
      {a["exception.message"] !== undefined && <div class="exception-message">{String(a["exception.message"])}</div>}
      {a["exception.stacktrace"] !== undefined && <pre class="stacktrace">{String(a["exception.stacktrace"])}</pre>}
    </div>
  );
}

function StreamChunks({ chunks }: { chunks: UiSpanEvent[] }) {
  const values = chunks.map((chunk) => decodeJsonText(chunk.attributes["mlflow.chunk.value"]));
  const allText = values.every((value) => typeof value === "string");
  return (
    <div class="event stream-chunks" role="group" aria-label="stream chunks">
      <div class="event-head">
        <span class="chip">stream</span> {chunks.length} chunk{chunks.length === 1 ? "" : "s"}
        {chunks.length > 0 && <span class="muted"> over {formatDuration(chunks[chunks.length - 1]!.offsetMs - chunks[0]!.offsetMs)}</span>}
      </div>
      {allText && (
        <div class="chunk-text">
          <FoldedString text={(values as string[]).join("")} quoted={false} />
        </div>
      )}
      <details>
        <summary>each chunk</summary>
        <ol class="chunk-list" start={0}>
          {values.slice(0, 1000).map((value, i) => (
            <li key={i}>
              <span class="muted">{formatDuration(chunks[i]!.offsetMs)}</span>{" "}
              {typeof value === "string" ? <FoldedString text={value} /> : <JsonView value={value} expandDepth={0} />}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

export function EventsView({ events }: { events: UiSpanEvent[] }) {
  if (events.length === 0) return <p class="muted">No events.</p>;
  const chunks = events.filter((event) => event.name.startsWith(CHUNK_PREFIX));
  const others = events.filter((event) => !event.name.startsWith(CHUNK_PREFIX));
  return (
    <div class="events">
      {others.map((event, i) =>
        event.name === "exception" ? (
          <ExceptionEvent key={i} event={event} />
        ) : (
          <div key={i} class="event">
            <div class="event-head">
              <span class="event-name">{event.name}</span>
              <span class="muted"> at {formatDuration(event.offsetMs)}</span>
            </div>
            {Object.keys(event.attributes).length > 0 && <JsonView value={event.attributes} expandDepth={1} />}
          </div>
        ),
      )}
      {chunks.length > 0 && <StreamChunks chunks={chunks} />}
    </div>
  );
}
