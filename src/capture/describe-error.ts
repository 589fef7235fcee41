/** Type, message and stack of anything thrown, read defensively (errors can be hostile too). */
export interface ErrorDescription {
  readonly type: string;
  readonly message: string;
  readonly stack: string;
}

function read<T>(get: () => T, fallback: T): T {
  try {
    return get() ?? fallback;
  } catch {
    return fallback;
  }
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error) {
    // Many SDK errors keep the inherited name "Error": their class name says more (as Python's type name does).
    const type = read(() => {
      const name = error.name;
      return String((name === "Error" || !name ? error.constructor?.name : name) || name || "Error");
    }, "Error");
    const message = read(() => String(error.message), "");
    return { type, message, stack: read(() => String(error.stack ?? `${type}: ${message}`), `${type}: ${message}`) };
  }
  const message = read(() => (typeof error === "object" && error !== null ? JSON.stringify(error) : String(error)), "[unprintable]");
  return { type: typeof error === "object" && error !== null ? "Object" : typeof error, message, stack: "" };
}
