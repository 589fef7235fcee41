import { type Trace } from "../model/trace.js";
import { renderTraceTree, type TreeOptions } from "../view/trace-tree.js";
import { type TraceExporter } from "./exporter.js";

/** Prints each finished trace as a tree (for development and the samples). */
export class ConsoleExporter implements TraceExporter {
  readonly name = "console";

  constructor(
    private readonly options: TreeOptions & { write?: (text: string) => void } = {},
  ) {}

  export(traces: readonly Trace[]): void {
    const write = this.options.write ?? ((text: string) => process.stdout.write(text + "\n"));
    for (const trace of traces) write(renderTraceTree(trace, { color: process.stdout.isTTY, ...this.options }));
  }

  exportSync(traces: readonly Trace[]): void {
    this.export(traces);
  }
}
