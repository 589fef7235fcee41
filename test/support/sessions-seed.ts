/**
 * Sessions of known length, tokens and prices, recorded through traced itself (withSpan,
 * updateCurrentTrace, token usage on a model span, the pricing table) and written to a real
 * SQLite store. Turn times are set one second apart so the order is known.
 */
import { configure, flushTraces, InMemoryExporter, reset, setDestination, updateCurrentTrace, withSpan } from "../../src/index.js";
import { Trace } from "../../src/model/trace.js";
import { TraceStore } from "../../src/query/trace-store.js";

/** Priced by configure({ pricing }) below: USD per million tokens. */
export const PRICED_MODEL = "session-test-model";
const PRICE = { input: 1, output: 2 };
export const UNPRICED_MODEL = "session-mystery-model";
export const BASE_MS = Date.UTC(2026, 0, 15, 9, 0, 0);

export const HOSTILE_SESSION = `<img src=x onerror="window.__tracedUiPwned=20;alert(20)">`;
export const HOSTILE_USER = `<script>window.__tracedUiPwned=21;alert(21)</script>`;

export interface SeedTurn {
  question: string;
  answer: string;
  model?: string;
  tokens?: [input: number, output: number];
  fails?: string;
}

export interface SeedSession {
  id: string;
  user?: string;
  turns: SeedTurn[];
}

/** The expected cost of one turn at PRICE, as the pricing code computes it. */
export const priceOf = ([input, output]: [number, number]) => (input * PRICE.input + output * PRICE.output) / 1e6;

export const SESSIONS: SeedSession[] = [
  {
    id: "s-alpha",
    user: "alice",
    turns: [
      { question: "What is 2+2?", answer: "4", model: PRICED_MODEL, tokens: [100, 10] },
      { question: "And times 3?", answer: "12", model: PRICED_MODEL, tokens: [200, 20], fails: "tool crashed: calculator offline" },
      { question: "Thanks!", answer: "You're welcome.", model: PRICED_MODEL, tokens: [300, 30] },
    ],
  },
  { id: "s-beta", user: "bob", turns: [{ question: "Hello?", answer: "Hi bob.", model: UNPRICED_MODEL, tokens: [5, 5] }] },
  {
    id: "s-gamma",
    user: "carol",
    turns: [
      { question: "Summarise this", answer: "A summary.", model: PRICED_MODEL, tokens: [1000, 100] },
      { question: "No model here", answer: "echo: No model here" },
    ],
  },
  { id: HOSTILE_SESSION, user: HOSTILE_USER, turns: [{ question: `<b onmouseover=alert(22)>hi</b>`, answer: `<img src=x onerror=alert(23)>`, model: PRICED_MODEL, tokens: [1, 1] }] },
];

/** One turn: an app root taking `{ question }`, a model call with chat messages, the reply as a string. */
function runTurn(session: SeedSession, turn: SeedTurn): void {
  try {
    withSpan({ name: "chat-app", spanType: "CHAIN" }, (root) => {
      root.setInputs({ question: turn.question });
      updateCurrentTrace({ session: session.id, ...(session.user ? { user: session.user } : {}) });
      if (turn.model) {
        withSpan({ name: "llm", spanType: "CHAT_MODEL" }, (llm) => {
          llm.setAttribute("mlflow.llm.model", turn.model);
          llm.setInputs({ model: turn.model, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: turn.question }] });
          llm.setOutputs({ choices: [{ message: { role: "assistant", content: turn.answer } }] });
          if (turn.tokens) llm.setTokenUsage({ input_tokens: turn.tokens[0], output_tokens: turn.tokens[1] });
        });
      }
      if (turn.fails) throw new Error(turn.fails);
      root.setOutputs(turn.answer);
    });
  } catch {
    // the failing turn ends in ERROR, on purpose
  }
}

/** Records the sessions (and one trace with no session) and writes them to a new store at `dbPath`. */
export async function seedSessions(dbPath: string, sessions: readonly SeedSession[] = SESSIONS): Promise<Trace[]> {
  reset();
  const exporter = new InMemoryExporter();
  setDestination(exporter);
  configure({ onDiagnostic: () => {}, pricing: { [PRICED_MODEL]: PRICE } });
  for (const session of sessions) for (const turn of session.turns) runTurn(session, turn);
  withSpan("no-session", () => "alone");
  await flushTraces();
  const traces = exporter.take().map((trace, i) => new Trace({ ...trace.info, requestTimeMs: BASE_MS + i * 1000 }, trace.spans));
  const store = TraceStore.open(dbPath);
  store.writeTraces(traces);
  store.close();
  reset();
  return traces;
}
