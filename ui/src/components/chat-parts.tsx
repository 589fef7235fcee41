/**
 * One part of a chat message: text, a refusal, thinking (collapsed), a media placeholder
 * (named, never loaded), a tool call with its arguments, a tool result, or anything else
 * as JSON. Everything from the trace is rendered as text.
 */
import { type ChatPart } from "../lib/chat";
import { FoldedString, JsonView } from "./json-view";

// Pretty-printed JSON up to this size; beyond it the lazy tree, which folds long strings.
const PRETTY_CHARS = 4000;

export function PrettyJson({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return <span class="muted">(none)</span>;
  if (typeof value === "string") {
    return (
      <div class="chat-json" aria-label={label}>
        <FoldedString text={value} quoted={false} />
      </div>
    );
  }
  let pretty: string | undefined;
  try {
    pretty = JSON.stringify(value, null, 2);
  } catch {
    pretty = undefined;
  }
  if (pretty === undefined || pretty.length > PRETTY_CHARS) return <JsonView value={value} expandDepth={2} label={label} />;
  return (
    <pre class="chat-json" aria-label={label}>
      {pretty}
    </pre>
  );
}

function Thinking({ text, redacted }: { text: string; redacted: boolean }) {
  const preview = text.length > 120 ? text.slice(0, 120) + "…" : text;
  return (
    <details class={`chat-thinking${redacted ? " redacted" : ""}`}>
      <summary>
        <span class="chip chip-thinking">{redacted ? "redacted thinking" : "thinking"}</span>
        <span class="chat-thinking-preview muted">{preview || "(empty)"}</span>
      </summary>
      <div class="chat-text chat-thinking-text">
        <FoldedString text={text} quoted={false} />
      </div>
    </details>
  );
}

export function Part({ part }: { part: ChatPart }) {
  switch (part.kind) {
    case "text":
      return (
        <div class="chat-text">
          <FoldedString text={part.text} quoted={false} />
        </div>
      );
    case "refusal":
      return (
        <div class="chat-refusal">
          <span class="chip chip-error">refusal</span> <FoldedString text={part.text} quoted={false} />
        </div>
      );
    case "thinking":
      return <Thinking text={part.text} redacted={part.redacted} />;
    case "media":
      return (
        <div class="chat-media">
          <span class="chip">{part.media}</span> <span class="muted chat-media-label">{part.label || "(no details)"}</span>
        </div>
      );
    case "tool_call":
      return (
        <div class="chat-tool-call">
          <div class="chat-tool-head">
            <span class="chip">tool call</span> <span class="chat-tool-name">{part.name}</span>
            {part.id && <span class="muted mono chat-call-id">{part.id}</span>}
          </div>
          <PrettyJson value={part.args} label="tool arguments" />
        </div>
      );
    case "tool_result":
      return (
        <div class={`chat-tool-result${part.isError ? " is-error" : ""}`}>
          <div class="chat-tool-head">
            <span class={`chip${part.isError ? " chip-error" : ""}`}>{part.isError ? "tool error" : "tool result"}</span>
            {part.name && <span class="chat-result-for">{part.name}</span>}
            {part.id && <span class="muted mono chat-call-id">{part.id}</span>}
          </div>
          <PrettyJson value={part.content} label="tool result" />
        </div>
      );
    case "other":
      return (
        <div class="chat-other">
          <span class="chip">{part.label}</span>
          {typeof part.value === "string" ? <FoldedString text={part.value} quoted={false} /> : <JsonView value={part.value} expandDepth={1} />}
        </div>
      );
  }
}
