/** Chat messages as a conversation, and the tools the model was offered. */
import { type ChatMessage, type ChatTool } from "../lib/chat";
import { Part, PrettyJson } from "./chat-parts";

const STYLED_ROLES = ["system", "developer", "user", "assistant", "tool"];

export function ChatView({ messages, title }: { messages: ChatMessage[]; title: string }) {
  return (
    <section class="chat" aria-label={title}>
      <h4 class="section-title">{title}</h4>
      {messages.map((message, i) => (
        <div key={i} class={`chat-message role-${STYLED_ROLES.includes(message.role) ? message.role : "other"}`}>
          <div class="chat-message-head">
            <span class="chat-role">{message.role}</span>
            {message.name && <span class="muted chat-name">{message.name}</span>}
            {message.note && <span class="muted chat-note">{message.note}</span>}
          </div>
          <div class="chat-body">
            {message.parts.length === 0 ? <span class="muted">(empty)</span> : message.parts.map((part, j) => <Part key={j} part={part} />)}
          </div>
        </div>
      ))}
    </section>
  );
}

export function ChatTools({ tools }: { tools: ChatTool[] }) {
  return (
    <section class="chat-tools" aria-label="Tools">
      <h4 class="section-title">Tools ({tools.length})</h4>
      <ul class="chat-tool-list">
        {tools.map((tool, i) => (
          <li key={i}>
            <details class="chat-tool-def">
              <summary>
                <span class="chat-tool-def-name">{tool.name}</span>
                {tool.kind !== "function" && <span class="chip">{tool.kind}</span>}
                {tool.description && <span class="muted chat-tool-def-description">{tool.description}</span>}
              </summary>
              {tool.description && <div class="chat-text">{tool.description}</div>}
              {tool.parameters !== undefined ? <PrettyJson value={tool.parameters} label="tool parameters" /> : <span class="muted">No parameters.</span>}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
