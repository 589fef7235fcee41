/**
 * `traced/openai-agents`: the OpenAI Agents SDK (`@openai/agents`) traced through its own
 * tracing API. Each agent run's SDK trace becomes a traced trace (nested under the traced
 * span active where the run starts): agents, model calls (CHAT_MODEL, with MLflow's chat
 * attributes and token usage), tool calls, handoffs and guardrails.
 * - `autolog()` registers traced's processor beside the SDK's others (`addTraceProcessor`);
 *   `autolog({ disable: true })` turns it off (the SDK has no way to remove one processor);
 * - `tracedAgentsProcessor()` makes a processor for `setTraceProcessors([...])`, e.g. to
 *   replace the SDK's default exporter to api.openai.com.
 * With `traced/openai`'s autolog on too, a model call the Agents SDK records is one span:
 * the processor's, inside the agent's tree; the OpenAI SDK integration skips it.
 */
import { addTraceProcessor } from "@openai/agents";
import { checkKnownKeys, describeValue, TracedUsageError } from "../../config/errors.js";
import { shared } from "../../config/registry.js";
import { TracedAgentsProcessor } from "./agents-processor.js";

export { TracedAgentsProcessor } from "./agents-processor.js";
export { AgentsAttributeKey } from "./span-mapping.js";

export interface OpenAIAgentsAutologOptions {
  /** `true` turns autolog's processor off: agent runs started from then on are not traced. */
  disable?: boolean;
}

/** Registered once (the SDK cannot unregister one processor) until `setTraceProcessors` drops it; `enabled` switches it. */
const autologState = shared("openaiAgents.autolog", () => ({ enabled: false, processor: undefined as TracedAgentsProcessor | undefined }));

/** A processor recording every agent run into traced; register it with the SDK's `addTraceProcessor` or `setTraceProcessors`. */
export function tracedAgentsProcessor(): TracedAgentsProcessor {
  return new TracedAgentsProcessor();
}

/** Traces every OpenAI Agents SDK run from now on; `autolog({ disable: true })` stops. */
export function autolog(options?: OpenAIAgentsAutologOptions): void {
  if (options !== undefined) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) throw new TracedUsageError(`traced/openai-agents autolog: options must be an object, got ${describeValue(options)}`);
    checkKnownKeys(options, ["disable"], "traced/openai-agents autolog");
    if (options.disable !== undefined && typeof options.disable !== "boolean") throw new TracedUsageError(`traced/openai-agents autolog: "disable" must be a boolean, got ${describeValue(options.disable)}`);
  }
  if (options?.disable === true) {
    autologState.enabled = false;
    return;
  }
  autologState.enabled = true;
  if (autologState.processor === undefined) {
    const processor = new TracedAgentsProcessor(
      () => autologState.enabled,
      // Replaced by setTraceProcessors (which shuts it down): the next autolog() adds it again.
      () => {
        if (autologState.processor === processor) autologState.processor = undefined;
      },
    );
    autologState.processor = processor;
    addTraceProcessor(processor);
  }
}
