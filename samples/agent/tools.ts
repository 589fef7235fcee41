import { SpanType, trace } from "traced";

/** A tool the agent may call; fails on bad input like a real one would. */
export const calculator = trace(
  function calculator(expression: string): number {
    if (!/^[\d\s+*/().-]+$/.test(expression)) throw new Error(`cannot evaluate ${JSON.stringify(expression)}`);
    return Function(`"use strict"; return (${expression});`)() as number;
  },
  { spanType: SpanType.TOOL },
);
