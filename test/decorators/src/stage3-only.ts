// Stage-3 only: decorators on #private methods, and `using` with spans.
import { enterSpan, getCurrentActiveSpan, startSpan, trace, withSpan } from "traced";

export class Vault {
  @trace
  #unlock(code: string): boolean {
    return code === "1234";
  }

  open(code: string): boolean {
    return this.#unlock(code);
  }
}

export function usingBlocks(): string[] {
  const seen: string[] = [];
  withSpan("outer", () => {
    {
      using span = enterSpan({ name: "block", spanType: "TASK" });
      span.setInputs({ step: 1 });
      seen.push(getCurrentActiveSpan()!.name);
      using manual = startSpan({ name: "manual" });
      manual.setOutputs("ok");
    }
    seen.push(getCurrentActiveSpan()!.name);
  });
  return seen;
}
