/** What every SDK integration's tests share: one wire server per test file and a fresh in-memory destination per test. */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startLlmWireServer, type LlmWireServer } from "./llm-wire-server.js";
import { setupTracing, type TestTracing } from "./tracing.js";

export interface LlmTestContext {
  server: LlmWireServer;
  tracing: TestTracing;
}

/** `afterEachTest` undoes what a test may have left on (an integration's autolog) and checks what it must. */
export function useLlmTestContext<C extends LlmTestContext>(afterEachTest: (context: C) => void): C {
  const context = {} as C;
  beforeAll(async () => {
    context.server = await startLlmWireServer();
  });
  afterAll(() => context.server.close());
  beforeEach(() => {
    context.server.reset();
    context.tracing = setupTracing();
  });
  afterEach(() => afterEachTest(context));
  return context;
}
