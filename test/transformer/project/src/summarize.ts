/** A default-exported tagged function. */
import { format } from "./format.js";

/** @traced spanType=CHAIN */
export default async function summarize(values: number[], { label = "total" }: { label?: string } = {}): Promise<string> {
  await null;
  const total = values.reduce((a, b) => a + b, 0);
  return `${label}: ${format(total)}`;
}
