/**
 * Makes the local trace store the destination used when the app chooses none. Both entries
 * import this (`traced` and `traced/runtime`, which tag-only apps load alone), so an app
 * that never imports `traced` still writes its traces; the store file opens on first export.
 */
import { setDefaultDestination } from "./export/destination.js";
import { createStoreExporter } from "./store/store-exporter.js";

setDefaultDestination(() => createStoreExporter());
