// The OpenAI wire server, run as a child process of the benchmark (`startWireServer()`), so
// its parsing and writing happen on the other core instead of queueing on the measured
// event loop. POST /v1/chat/completions answers with the plain completion, or with the SSE
// stream when the request says `"stream": true`. Nothing is delayed; the bodies are built once.
// BENCH_LLM_SSE_WRITES=each writes every event separately (default: the whole stream in one write).
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { completionEvents, completionJson } from "./replies.js";

export async function startWireServer() {
  // No inherited flags (--cpu-prof, --expose-gc): only the benchmark process is measured.
  const child = fork(import.meta.filename, ["serve"], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`the wire server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => child.kill(),
  };
}

function serve() {
  const plain = Buffer.from(completionJson());
  const events = completionEvents().map((e) => Buffer.from(e));
  const stream = Buffer.concat(events);
  const eachWrite = process.env.BENCH_LLM_SSE_WRITES === "each";
  const server = createServer((req, res) => {
    if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    const parts = [];
    req.on("data", (part) => parts.push(part));
    req.on("end", () => {
      const streamed = JSON.parse(Buffer.concat(parts).toString("utf8")).stream === true;
      const headers = { "x-request-id": "req_bench", "openai-processing-ms": "1" };
      if (!streamed) {
        res.writeHead(200, { ...headers, "content-type": "application/json", "content-length": plain.length });
        res.end(plain);
        return;
      }
      res.writeHead(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
      if (!eachWrite) {
        res.end(stream);
        return;
      }
      for (const event of events) res.write(event);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send(server.address().port));
  process.on("disconnect", () => process.exit(0));
}

if (process.argv[2] === "serve") serve();
