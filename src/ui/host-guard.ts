/**
 * Defences for a server on the user's own machine. A page on another site must not be able
 * to read or change traces: requests must name this server in Host (which stops DNS
 * rebinding), and a change must come from this server's own origin as JSON (which stops
 * cross-site form posts, since a form cannot send application/json).
 */
import { type MiddlewareHandler } from "hono";

export interface HostGuardOptions {
  /** Host header values accepted (host:port); undefined accepts any (bound to a non-loopback address on purpose). */
  allowedHosts: () => ReadonlySet<string> | undefined;
}

const CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const allowed = options.allowedHosts();
    const host = c.req.header("host") ?? "";
    if (allowed && !allowed.has(host.toLowerCase())) {
      return c.json({ error: { message: `Unexpected Host header ${JSON.stringify(host)}` } }, 421);
    }
    if (CHANGING_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (origin !== undefined && new URL(c.req.url).origin !== origin) {
        return c.json({ error: { message: "Cross-origin request refused" } }, 403);
      }
      const type = c.req.header("content-type") ?? "";
      // DELETE carries no body; a browser never sends it cross-site without a CORS preflight.
      if (c.req.method !== "DELETE" && !/^application\/json\b/i.test(type)) {
        return c.json({ error: { message: "Send the request body as application/json" } }, 415);
      }
    }
    await next();
  };
}

/** The Host values a browser sends for a server bound to a loopback address and port. */
export function loopbackHosts(port: number): Set<string> {
  return new Set(["127.0.0.1", "localhost", "[::1]"].map((name) => `${name}:${port}`));
}

export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || /^127\./.test(host);
}
