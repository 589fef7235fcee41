export { createUiServer, DEFAULT_UI_HOST, DEFAULT_UI_PORT, type UiServer, type UiServerOptions } from "./ui-server.js";
export { CONTENT_SECURITY_POLICY } from "./security-headers.js";
export { UI_FEEDBACK_NAME } from "./api-routes.js";
export { type TraceSummary } from "./trace-summary.js";
