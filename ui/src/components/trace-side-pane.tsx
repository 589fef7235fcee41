/** The trace's facts, tags (editable), assessments (with a feedback form) and metadata. */
import { type MlflowAssessmentDict, type MlflowTraceDict } from "../lib/api";
import { formatCost, formatCount, formatTime, formatTraceDuration, inlineValue } from "../lib/format";
import { decodeJsonText } from "../lib/trace-model";
import { FeedbackForm } from "./feedback-form";
import { TagEditor } from "./tag-editor";

function assessmentValue(a: MlflowAssessmentDict): unknown {
  if (a.feedback) return a.feedback.error ? `error: ${a.feedback.error.error_message ?? ""}` : a.feedback.value;
  if (a.expectation) return a.expectation.serialized_value ? decodeJsonText(a.expectation.serialized_value.value) : a.expectation.value;
  return null;
}

function Assessments({ assessments }: { assessments: MlflowAssessmentDict[] }) {
  if (assessments.length === 0) return <p class="muted">No assessments yet.</p>;
  return (
    <ul class="assessment-list">
      {assessments.map((a) => {
        const value = assessmentValue(a);
        return (
          <li key={a.assessment_id} class={`assessment${a.valid === false ? " invalid" : ""}`}>
            <div class="assessment-head">
              <span class="assessment-name ellipsis">{a.assessment_name}</span>
              <span class={`assessment-value${value === true ? " positive" : value === false ? " negative" : ""}`}>{value === true ? "▲ thumbs up" : value === false ? "▼ thumbs down" : inlineValue(value)}</span>
            </div>
            <div class="muted small">
              {a.feedback ? "feedback" : "expectation"} · {a.source.source_type}
              {a.source.source_id ? ` · ${a.source.source_id}` : ""} · {formatTime(Date.parse(a.create_time))}
              {a.valid === false ? " · overridden" : ""}
            </div>
            {a.rationale && <div class="assessment-rationale">{a.rationale}</div>}
          </li>
        );
      })}
    </ul>
  );
}

export function TraceSidePane({ trace, onChanged }: { trace: MlflowTraceDict; onChanged: () => void }) {
  const info = trace.info;
  const metadata = info.trace_metadata ?? {};
  const cost = decodeJsonText(metadata["mlflow.trace.cost"]) as { input_cost?: number; output_cost?: number; total_cost?: number } | undefined;
  const usage = decodeJsonText(metadata["mlflow.trace.tokenUsage"]) as { input_tokens?: number; output_tokens?: number; total_tokens?: number } | undefined;
  return (
    <aside class="side-pane" aria-label="trace information">
      <section>
        <h4 class="section-title">Trace</h4>
        <dl class="kv compact">
          <div class="kv-row"><dt>ID</dt><dd class="mono">{info.trace_id}</dd></div>
          <div class="kv-row"><dt>State</dt><dd><span class={`state state-${info.state === "ERROR" ? "error" : info.state === "OK" ? "ok" : "other"}`}>{info.state}</span></dd></div>
          <div class="kv-row"><dt>Started</dt><dd>{formatTime(Date.parse(info.request_time))}</dd></div>
          <div class="kv-row"><dt>Duration</dt><dd>{formatTraceDuration(info.execution_duration_ms)}</dd></div>
          {metadata["mlflow.trace.user"] && <div class="kv-row"><dt>User</dt><dd>{metadata["mlflow.trace.user"]}</dd></div>}
          {metadata["mlflow.trace.session"] && <div class="kv-row"><dt>Session</dt><dd>{metadata["mlflow.trace.session"]}</dd></div>}
          {usage && typeof usage === "object" && (
            <div class="kv-row"><dt>Tokens</dt><dd>{formatCount(usage.input_tokens)} in · {formatCount(usage.output_tokens)} out · {formatCount(usage.total_tokens)} total</dd></div>
          )}
          {cost && typeof cost === "object" && typeof cost.total_cost === "number" && (
            <div class="kv-row trace-cost"><dt>Cost</dt><dd>{formatCost(cost.total_cost)} <span class="muted">({formatCost(cost.input_cost)} in · {formatCost(cost.output_cost)} out)</span></dd></div>
          )}
        </dl>
      </section>
      <section>
        <h4 class="section-title">Tags</h4>
        <TagEditor traceId={info.trace_id} tags={info.tags ?? {}} onChanged={onChanged} />
      </section>
      <section>
        <h4 class="section-title">Assessments</h4>
        <Assessments assessments={info.assessments ?? []} />
        <FeedbackForm traceId={info.trace_id} onSaved={onChanged} />
      </section>
      <section>
        <details>
          <summary class="section-title">Metadata ({Object.keys(metadata).length})</summary>
          <dl class="kv compact">
            {Object.entries(metadata).map(([k, v]) => (
              <div class="kv-row" key={k}><dt class="mono">{k}</dt><dd class="wrap">{v}</dd></div>
            ))}
          </dl>
        </details>
      </section>
    </aside>
  );
}
