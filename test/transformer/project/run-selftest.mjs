// Runs a build's self test; prints { failures, spans } as JSON. Usage: node run-selftest.mjs out/traced
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { configure, flushTraces, InMemoryExporter, setDestination } from "traced";

const exporter = new InMemoryExporter();
setDestination(exporter);
configure({ dedupeSpanNames: false });
const { selfTest } = await import(pathToFileURL(resolve(process.argv[2], "selftest.js")).href);
const failures = await selfTest();
await flushTraces();
const spans = exporter.take().map((trace) => {
  const tree = (span) => [span.name, span.spanType, trace.children(span.spanId).map(tree)];
  return tree(trace.rootSpan);
});
process.stdout.write(JSON.stringify({ failures, spans }));
