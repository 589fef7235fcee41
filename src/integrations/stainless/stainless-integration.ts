/**
 * What `tracedX(client)` and `autolog()` do for any Stainless SDK, given its traced methods:
 * the OpenAI and Anthropic entries differ only in names, the method table and the probe client.
 */
import { describeValue, TracedUsageError } from "../../config/errors.js";
import { validateAutologOptions, validateIntegrationOptions } from "../llm/integration-options.js";
import { AutologPatches } from "../llm/method-patches.js";
import { prototypeTargets, traceClientMethods, type ClientMethod } from "./client-methods.js";

export interface StainlessSdk {
  /** The package, for messages: `openai`, `@anthropic-ai/sdk`. */
  readonly packageName: string;
  /** The client's class as users write it (`new OpenAI()`), for messages. */
  readonly clientName: string;
  readonly methods: readonly ClientMethod[];
  /** A client that only leads to the resources' prototypes: it makes no request (its base URL points nowhere). */
  probe(): object;
}

export interface StainlessIntegration {
  traceClient<C extends object>(client: C, options: unknown): C;
  autolog(options: unknown): void;
}

export function stainlessIntegration(sdk: StainlessSdk, entry: string, tracedName: string): StainlessIntegration {
  const patches = new AutologPatches(sdk.packageName);
  const methodList = sdk.methods.map(({ resource, key }) => [...resource, key].join(".")).join(", ");
  return {
    traceClient(client, options) {
      const validated = validateIntegrationOptions(options, tracedName);
      if (typeof client !== "object" || client === null) throw new TracedUsageError(`${tracedName}: expected a client made with new ${sdk.clientName}(), got ${describeValue(client)}`);
      if (traceClientMethods(client, sdk.methods, validated) === 0) {
        throw new TracedUsageError(`${tracedName}: ${describeValue(client)} has none of ${methodList}; pass a client made with new ${sdk.clientName}()`);
      }
      return client;
    },
    autolog(options) {
      const { disable, options: integration } = validateAutologOptions(options, `autolog (${entry})`);
      if (disable) patches.undo();
      else patches.apply(prototypeTargets(sdk.probe(), sdk.methods), integration);
    },
  };
}
