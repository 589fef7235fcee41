/** Captured data made safe and short for a terminal line. */

/** One terminal-safe line: control and bidi characters from captured data cannot move the cursor or recolour the terminal. */
export function plainLine(text: string, max = Infinity): string {
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ");
  return safe.length > max ? safe.slice(0, Math.max(0, max - 1)) + "…" : safe;
}

/** A captured value as one line of JSON. */
export function oneLine(value: unknown, max = Infinity): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return plainLine(text, max);
}

/** A value as people read it in a list: strings as they are, anything else as JSON (as `traced ui` does). */
export function plainValue(value: unknown, max = Infinity): string {
  return typeof value === "string" ? plainLine(value, max) : oneLine(value, max);
}
