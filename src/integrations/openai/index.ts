/**
 * `traced/openai`: every call of the OpenAI SDK (`openai`) an LLM span — chat completions,
 * responses and embeddings, streamed or not — with MLflow's chat attributes and token usage.
 * - `tracedOpenAI(client, options?)` traces one client and returns it (same object, same type);
 * - `autolog(options?)` traces every client of the installed SDK, made before or after;
 *   `autolog({ disable: true })` undoes it.
 */
import { OpenAI } from "openai";
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateIntegrationOptions, type IntegrationOptions } from "../llm/integration-options.js";
import { AutologPatches, patchMethod } from "../llm/method-patches.js";
import { OPENAI_METHODS } from "./methods.js";

export { type IntegrationOptions as OpenAITracingOptions, type TracedMethod } from "../llm/integration-options.js";

export interface OpenAIAutologOptions extends IntegrationOptions {
  /** `true` undoes `autolog()`: clients made from then on, and existing ones, are no longer traced. */
  disable?: boolean;
}

function resourceOf(client: unknown, path: readonly string[]): object | undefined {
  let value = client;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === "object" && value !== null ? value : undefined;
}

/** Traces every call of one OpenAI client, and of the copies `client.withOptions(...)` makes of it. */
export function tracedOpenAI<C extends object>(client: C, options?: IntegrationOptions): C {
  const validated = validateIntegrationOptions(options, "tracedOpenAI");
  if (typeof client !== "object" || client === null) throw new TracedUsageError(`tracedOpenAI: expected an OpenAI client, got ${describeValue(client)}`);
  if (!traceClient(client, validated)) {
    throw new TracedUsageError(`tracedOpenAI: ${describeValue(client)} has none of chat.completions.create, responses.create, embeddings.create; pass a client made with new OpenAI()`);
  }
  return client;
}

function traceClient(client: object, options: IntegrationOptions): boolean {
  let traced = 0;
  for (const { resource, key, adapter } of OPENAI_METHODS) {
    const target = resourceOf(client, resource);
    if (target !== undefined && patchMethod(target, key, adapter, options) !== undefined) traced++;
  }
  const withOptions = (client as { withOptions?: unknown }).withOptions;
  if (typeof withOptions === "function") {
    Object.defineProperty(client, "withOptions", {
      value: function (this: unknown, ...args: unknown[]) {
        const copy = Reflect.apply(withOptions, this, args);
        if (typeof copy === "object" && copy !== null) traceClient(copy, options);
        return copy;
      },
      writable: true,
      configurable: true,
    });
  }
  return traced !== 0;
}

const patches = new AutologPatches("openai");

/** Traces every OpenAI client of the installed SDK, including those made before this call. */
export function autolog(options?: OpenAIAutologOptions): void {
  const validated = validateIntegrationOptions<OpenAIAutologOptions>(options, "autolog (traced/openai)", ["disable"]);
  if (validated.disable !== undefined && typeof validated.disable !== "boolean") {
    throw new TracedUsageError(`autolog (traced/openai): "disable" must be a boolean, got ${describeValue(validated.disable)}`);
  }
  if (validated.disable === true) {
    patches.undo();
    return;
  }
  const { disable: _, ...integration } = validated;
  // The resources' prototypes, found through a client (no request is made): what every
  // client's `chat.completions` and so on inherit, whatever the SDK's export layout.
  const probe = new OpenAI({ apiKey: "traced-autolog-probe", baseURL: "http://127.0.0.1:9" });
  patches.apply(
    OPENAI_METHODS.map(({ resource, key, adapter }) => ({
      target: prototypeOf(resourceOf(probe, resource)),
      key,
      method: [...resource, key].join("."),
      adapter,
    })),
    integration,
  );
}

function prototypeOf(value: object | undefined): object | undefined {
  const proto = value === undefined ? undefined : Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype ? undefined : proto;
}

