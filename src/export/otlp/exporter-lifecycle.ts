/** What the network exporters share about dropping data and shutting down. */
import { type Diagnostics } from "../../config/diagnostics.js";
import { unref } from "../../config/unref.js";
import { type DeliveryJob, type DeliveryQueue, type DropReason } from "./delivery-queue.js";
import { type PartialSuccess } from "./otlp-response.js";
import { type RetryingHttpClient } from "./retrying-client.js";

const REASONS: Record<DropReason, string> = {
  "buffer-full": "its export buffer was full (the endpoint is slower than the app)",
  "delivery-failed": "delivery failed",
  "shut-down": "it was shut down",
};

/** Reported once per exporter and reason; every drop is counted in the exporter's stats. */
export function reportDrop(diagnostics: Diagnostics, name: string, reason: DropReason, job: DeliveryJob, error: unknown): void {
  diagnostics.reportOnce(
    `${name}-dropped:${reason}`,
    `The ${name} exporter dropped ${job.spans} span(s) of ${job.traces} trace(s) because ${REASONS[reason]}; further drops are counted in its stats`,
    error,
  );
}

export function reportPartialSuccess(diagnostics: Diagnostics, name: string, url: URL, partial: PartialSuccess, spanCount: number): void {
  diagnostics.reportOnce(
    `${name}-partial-success`,
    `${url.href} accepted the export only in part: ${partial.rejectedSpans} of ${spanCount} span(s) rejected${partial.errorMessage ? ` (${partial.errorMessage})` : ""}`,
  );
}

/** Lets queued requests finish for up to `graceMs`, then abandons the rest and closes connections. */
export async function shutDownGracefully(queue: DeliveryQueue, client: RetryingHttpClient, graceMs: number): Promise<void> {
  queue.close();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = unref(setTimeout(resolve, graceMs));
  });
  await Promise.race([queue.idle(), deadline]);
  clearTimeout(timer);
  client.close();
  await queue.idle();
}
