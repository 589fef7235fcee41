/**
 * The tagged sample: no decorators and no wrappers in the code, only `/** @traced *\/` tags;
 * built with `tspc` (ts-patch), it prints each trace tree as it finishes.
 */
import { ConsoleExporter, flushTraces, setDestination } from "traced";
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

setDestination(new ConsoleExporter());
const reply = await new Assistant().answer("How does tracing work at build time?");
console.log(reply);
await flushTraces();
