export { type TraceStore } from "./trace-store-api.js";
export { MlflowServerStore, MAX_SEARCH_RESULTS, type MlflowServerStoreOptions } from "./mlflow-server-store.js";
export { MlflowServerError } from "./mlflow-rest-client.js";
