/**
 * Makes the local trace store the destination used when the app chooses none. Both entries
 * import this (`traced` and `traced/runtime`, which tag-only apps load alone), so an app
 * that never imports `traced` still writes its traces; the store file opens on first export.
 */
import { onCloudflareWorkers } from "./config/cloudflare-workers.js";
import { TracedUsageError } from "./config/errors.js";
import { setDefaultDestination } from "./export/destination.js";
import { createStoreExporter } from "./store/store-exporter.js";

setDefaultDestination(() => {
  // Reported once as default-destination-failed, when the first trace finishes.
  if (onCloudflareWorkers()) {
    throw new TracedUsageError(
      "Cloudflare Workers have no SQLite for traced's local store, the default destination: choose one with " +
        "configure({ destination: { otlp: { endpoint } } }) or { mlflow: { trackingUri } }, and hand flushTraces() to ctx.waitUntil",
    );
  }
  return createStoreExporter();
});
