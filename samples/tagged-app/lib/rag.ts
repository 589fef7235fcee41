/** A toy retrieval-augmented pipeline, traced only through JSDoc tags. */

const DOCUMENTS = [
  "traced records spans in MLflow's trace format",
  "a JSDoc tag marks a function for tracing at build time",
  "tspc runs TypeScript with transformer plugins",
];

/** @traced spanType=RETRIEVER */
export async function retrieve(query: string, { topK = 2 }: { topK?: number } = {}): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 1));
  const words = query.toLowerCase().split(/\W+/);
  return DOCUMENTS.filter((doc) => words.some((w) => w.length > 3 && doc.includes(w))).slice(0, topK);
}

/** @traced spanType=RERANKER attributes.strategy=length */
export const rerank = (docs: string[]): string[] => [...docs].sort((a, b) => a.length - b.length);

/** @traced name=generate spanType=LLM attributes.model=fake-llm */
export async function* generate(prompt: string): AsyncGenerator<string> {
  for (const token of `Answer based on: ${prompt}`.split(" ")) {
    await null;
    yield `${token} `;
  }
}
