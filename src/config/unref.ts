/**
 * Lets the process end while `timer` is pending, where timers can say so: Node, Bun and Deno
 * return an object with `unref()`; Cloudflare Workers before nodejs_compat's Node-style
 * timers (and browsers) return a number, which has nothing to keep alive.
 */
export function unref<T>(timer: T): T {
  (timer as { unref?: () => unknown } | undefined)?.unref?.();
  return timer;
}
