// LangSmith `traceable` with tracing on and a client whose HTTP is a local stub: the runs
// are built and queued exactly as in production, but no request leaves the process.
import { Client } from "langsmith";
import { traceable } from "langsmith/traceable";

export function createLangSmithAdapter({ hangUploads = false } = {}) {
  let requests = 0;
  const offlineFetch = async () => {
    requests++;
    // For the retained-memory run: uploads never finish, so the runs stay in memory.
    if (hangUploads) return new Promise(() => {});
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  const client = new Client({ apiUrl: "http://127.0.0.1:9", apiKey: "offline-bench", fetchImplementation: offlineFetch, autoBatchTracing: true });
  const options = (name) => ({ name, client, tracingEnabled: true });
  return {
    name: "LangSmith traceable",
    // Between samples: forget queued runs (what a successful no-op upload would do).
    drain() {
      const queue = client.autoBatchQueue;
      if (queue && Array.isArray(queue.items)) {
        queue.items.length = 0;
        queue.sizeBytes = 0;
      }
    },
    wrap: (fn, name) => traceable(fn, options(name)),
    wrapCapturing: (fn, name) => traceable(fn, options(name)),
    wrapStream: (fn, name, reducer) => traceable(fn, { ...options(name), aggregator: reducer }),
    requests: () => requests,
    client,
    // traceable returns a promise even for a sync function.
    alwaysAsync: true,
  };
}
