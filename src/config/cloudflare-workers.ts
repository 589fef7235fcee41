/** True in Cloudflare Workers (workerd), which says so in `navigator.userAgent`. */
export function onCloudflareWorkers(): boolean {
  return (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === "Cloudflare-Workers";
}
