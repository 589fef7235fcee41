import { SpanType, trace } from "traced";

const NOTES = [
  "Spans form a tree: each has a name, a type, inputs and outputs.",
  "Traces are stored locally in SQLite and can be sent to MLflow.",
  "Generators are traced over the whole stream, chunk by chunk.",
  "Errors are recorded on the span and re-thrown unchanged.",
];

export class Retriever {
  @trace({ spanType: SpanType.RETRIEVER })
  async retrieve(query: string, topK = 2): Promise<string[]> {
    const words = query.toLowerCase().split(/\W+/).filter(Boolean);
    const scored = NOTES.map((note) => ({ note, score: words.filter((w) => note.toLowerCase().includes(w)).length }));
    return scored.sort((a, b) => b.score - a.score).slice(0, topK).map((s) => s.note);
  }
}
