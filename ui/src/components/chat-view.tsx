/** Chat messages as a conversation: role, text, tool calls and tool results. */
import { type ChatMessage, type ChatPart } from "../lib/chat-messages";
import { FoldedString, JsonView } from "./json-view";

function Part({ part }: { part: ChatPart }) {
  switch (part.kind) {
    case "text":
      return (
        <div class="chat-text">
          <FoldedString text={part.text} quoted={false} />
        </div>
      );
    case "tool_call":
      return (
        <div class="chat-tool-call">
          <div class="chat-tool-head">
            <span class="chip">tool call</span> <span class="chat-tool-name">{part.name}</span>
            {part.id && <span class="muted mono"> {part.id}</span>}
          </div>
          <JsonView value={part.args} expandDepth={2} label="tool arguments" />
        </div>
      );
    case "tool_result":
      return (
        <div class={`chat-tool-result${part.isError ? " is-error" : ""}`}>
          <div class="chat-tool-head">
            <span class="chip">{part.isError ? "tool error" : "tool result"}</span>
            {part.id && <span class="muted mono"> {part.id}</span>}
          </div>
          {typeof part.content === "string" ? <FoldedString text={part.content} quoted={false} /> : <JsonView value={part.content} expandDepth={2} label="tool result" />}
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

export function ChatView({ messages, title }: { messages: ChatMessage[]; title: string }) {
  return (
    <section class="chat" aria-label={title}>
      <h4 class="section-title">{title}</h4>
      {messages.map((message, i) => (
        <div key={i} class={`chat-message role-${["system", "developer", "user", "assistant", "tool"].includes(message.role) ? message.role : "other"}`}>
          <div class="chat-role">
            {message.role}
            {message.name && <span class="muted"> · {message.name}</span>}
          </div>
          <div class="chat-body">
            {message.parts.length === 0 ? <span class="muted">(empty)</span> : message.parts.map((part, j) => <Part key={j} part={part} />)}
          </div>
        </div>
      ))}
    </section>
  );
}
