// Untagged: emitted byte for byte as plain tsc emits it.
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export const greeting = "no tags here";
