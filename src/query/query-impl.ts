/** What the main entry's query API loads on first use (one import() for the facades in lazy-query.ts). */
export { storeAt, closeTraceStores } from "./get-trace-store.js";
export {
  getTrace,
  searchTraces,
  setTraceTag,
  deleteTraceTag,
  deleteTraces,
  logFeedback,
  logExpectation,
  getAssessment,
  updateAssessment,
  deleteAssessment,
  searchSessions,
  getSession,
  summarizeTraces,
} from "./default-store.js";
