/**
 * The selected span: header, then tabs for Inputs/Outputs, Chat, Attributes and Events.
 * Rendered with the span id as key, so another span starts on its own preferred tab.
 */
import { useMemo, useState } from "preact/hooks";
import { spanChat } from "../lib/chat";
import { formatDuration } from "../lib/format";
import { type UiSpan } from "../lib/trace-model";
import { AttributesView } from "./attributes-view";
import { ChatTools, ChatView } from "./chat-view";
import { EventsView } from "./events-view";
import { FoldedString, JsonView } from "./json-view";
import { LlmFacts } from "./llm-facts";
import { SpanTypeIcon } from "./span-type-icon";

type Tab = "io" | "chat" | "attributes" | "events";

function ValueBlock({ title, value, present }: { title: string; value: unknown; present: boolean }) {
  return (
    <section class="value-block" aria-label={title}>
      <h4 class="section-title">{title}</h4>
      {!present ? <p class="muted">None recorded.</p> : typeof value === "string" ? <div class="plain-value"><FoldedString text={value} quoted={false} /></div> : <JsonView value={value} />}
    </section>
  );
}

export function SpanDetails({ span }: { span: UiSpan }) {
  const chat = useMemo(() => spanChat(span), [span]);
  const hasChat = chat !== null;
  const exceptions = span.events.filter((event) => event.name === "exception").length;
  const preferred: Tab = hasChat ? "chat" : span.isError && exceptions > 0 ? "events" : "io";
  const [tab, setTab] = useState<Tab>(preferred);
  const active = tab === "chat" && !hasChat ? "io" : tab;

  const tabs: [Tab, string][] = [
    ["io", "Inputs / Outputs"],
    ...(hasChat ? ([["chat", "Chat"]] as [Tab, string][]) : []),
    ["attributes", `Attributes (${Object.keys(span.attributes).length})`],
    ["events", `Events (${span.events.length})`],
  ];

  return (
    <section class="span-details" aria-label="span details">
      <header class="span-header">
        <SpanTypeIcon type={span.spanType} />
        <h3 class="span-title ellipsis" title={span.name}>
          {span.name || "(unnamed)"}
        </h3>
        {span.isError && <span class="chip chip-error">ERROR</span>}
      </header>
      <div class="span-facts muted">
        <span>{span.spanType}</span> · <span>{formatDuration(span.durationMs)}</span> · <span>starts at {formatDuration(span.startMs)}</span> · <span class="mono">{span.spanId}</span>
      </div>
      <LlmFacts attributes={span.attributes} />
      {span.isError && span.statusMessage && <div class="status-message">{span.statusMessage}</div>}
      <div class="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={active === id} class={`tab${active === id ? " active" : ""}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div class="tab-panel" role="tabpanel">
        {active === "io" && (
          <>
            <ValueBlock title="Inputs" value={span.inputs} present={span.hasInputs} />
            <ValueBlock title="Outputs" value={span.outputs} present={span.hasOutputs} />
          </>
        )}
        {active === "chat" && chat && (
          <>
            {chat.tools.length > 0 && <ChatTools tools={chat.tools} />}
            {chat.input && <ChatView messages={chat.input} title="Input messages" />}
            {chat.output && <ChatView messages={chat.output} title="Output messages" />}
          </>
        )}
        {active === "attributes" && <AttributesView attributes={span.attributes} />}
        {active === "events" && <EventsView events={span.events} />}
      </div>
    </section>
  );
}
