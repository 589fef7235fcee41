/**
 * The OpenAI Agents SDK traced by `traced/openai-agents`: an agent with a function tool,
 * run against a local stand-in for the Responses API (so it runs offline), prints its trace
 * tree — the run, the agent, each turn's model call with token usage, the tool call.
 */
import { createServer } from "node:http";
import { type AddressInfo } from "node:net";
import { Agent, OpenAIResponsesModel, run, setTraceProcessors, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { ConsoleExporter, configure, flushTraces } from "traced";
import { tracedAgentsProcessor } from "traced/openai-agents";
import { z } from "zod";

/** The model's part: first ask for the weather tool, then answer with what it returned. */
function reply(input: { type?: string; output?: unknown }[]): object {
  const result = input.find((item) => item.type === "function_call_output");
  const usage = { input_tokens: 20 * input.length, output_tokens: 12, total_tokens: 20 * input.length + 12 };
  const output = result
    ? [{ id: "msg_1", type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: `It is ${String(result.output)}.`, annotations: [] }] }]
    : [{ id: "fc_1", type: "function_call", status: "completed", call_id: "call_1", name: "get_weather", arguments: '{"city":"Lisbon"}' }];
  return { id: `resp_${input.length}`, object: "response", created_at: Math.floor(Date.now() / 1000), status: "completed", model: "gpt-4o-mini-2024-07-18", output, usage };
}

const server = createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(reply((JSON.parse(body) as { input: { type?: string }[] }).input)));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

configure({ destination: new ConsoleExporter({ previewChars: 60 }) });
// traced's processor instead of the SDK's default exporter (which would send traces to api.openai.com).
setTraceProcessors([tracedAgentsProcessor()]);
setTracingDisabled(false);

const getWeather = tool({
  name: "get_weather",
  description: "The weather in a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny and 24°C in ${city}`,
});
const agent = new Agent({
  name: "Weather agent",
  instructions: "Answer briefly.",
  tools: [getWeather],
  model: new OpenAIResponsesModel(new OpenAI({ apiKey: "sample-key", baseURL }), "gpt-4o-mini"),
});

const result = await run(agent, "What's the weather in Lisbon?");
console.log(`Agent: ${String(result.finalOutput)}\n`);
await flushTraces();
server.close();
