/**
 * The tagged sample: no decorators, no wrappers and no import of traced, only `/** @traced *\/`
 * tags. Built with `tspc` (ts-patch), the emitted code imports `traced/runtime`, which writes
 * the traces to the local store (./traced.db, or TRACED_DB) when the process ends; see them
 * with `npx traced traces list` or `npx traced ui`.
 */
import { generate, rerank, retrieve } from "./lib/rag.js";

class Assistant {
  /** @traced spanType=AGENT */
  async answer(question: string): Promise<string> {
    const docs = rerank(await retrieve(question, { topK: 2 }));
    let text = "";
    for await (const token of generate(docs[0] ?? question)) text += token;
    return text.trim();
  }
}

const reply = await new Assistant().answer("How does tracing work at build time?");
console.log(reply);
