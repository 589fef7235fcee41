/**
 * The main entry's `getTraceStore(uri?)`: the arguments are checked at once (a bad URI throws
 * here, as before), and the store itself — the SQLite file or the tracking server's client —
 * is opened when a method is first called. Stores of the same location are one object.
 */
import { describeValue, TracedUsageError } from "../config/errors.js";
import type { TraceStore as AsyncTraceStore } from "./remote/trace-store-api.js";
import { loadQuery, queryLoaded } from "./load-query.js";
import { locateStore, locationKey, locationUri, type GetTraceStoreOptions, type Located } from "./store-location.js";

const handedOut = new Map<string, LazyTraceStore>();

export function getTraceStore(uri?: string, options: GetTraceStoreOptions = {}, env: NodeJS.ProcessEnv = process.env): AsyncTraceStore {
  const location = locateStore(uri, options, env);
  const key = locationKey(location);
  let store = handedOut.get(key);
  if (store === undefined || store.closed) {
    store = new LazyTraceStore(location, env);
    handedOut.set(key, store);
  }
  return store;
}

/** Closes every store opened through getTraceStore and the module functions. */
export async function closeTraceStores(): Promise<void> {
  const stores = [...handedOut.values()];
  handedOut.clear();
  const impl = queryLoaded();
  await Promise.all(stores.map((store) => store.close()));
  if (impl !== undefined) await (await impl).closeTraceStores();
}

class LazyTraceStore implements AsyncTraceStore {
  #opened: Promise<AsyncTraceStore> | undefined;
  #store: AsyncTraceStore | undefined;
  #closed = false;

  constructor(
    private readonly location: Located,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get uri(): string {
    return this.#store?.uri ?? locationUri(this.location);
  }

  get closed(): boolean {
    return this.#closed || (this.#store?.closed ?? false);
  }

  async close(): Promise<void> {
    this.#closed = true;
    // A store that failed to open has nothing to close (its error went to the call that opened it).
    const store = await this.#opened?.catch(() => undefined);
    await store?.close();
  }

  /** The real store, opened once (its own checks of the location, e.g. a malformed server URL, throw here on first use). */
  #open(method: string): Promise<AsyncTraceStore> {
    if (this.#closed && this.#opened === undefined) {
      return Promise.reject(new TracedUsageError(`${method}: the store ${describeValue(this.uri)} was closed; call getTraceStore again for an open one`));
    }
    this.#opened ??= loadQuery().then((impl) => (this.#store = impl.storeAt(this.location, this.env)));
    return this.#opened;
  }

  async getTrace(...args: Parameters<AsyncTraceStore["getTrace"]>): ReturnType<AsyncTraceStore["getTrace"]> {
    return (await this.#open("getTrace")).getTrace(...args);
  }

  async searchTraces(...args: Parameters<AsyncTraceStore["searchTraces"]>): ReturnType<AsyncTraceStore["searchTraces"]> {
    return (await this.#open("searchTraces")).searchTraces(...args);
  }

  async searchSessions(...args: Parameters<AsyncTraceStore["searchSessions"]>): ReturnType<AsyncTraceStore["searchSessions"]> {
    return (await this.#open("searchSessions")).searchSessions(...args);
  }

  async getSession(...args: Parameters<AsyncTraceStore["getSession"]>): ReturnType<AsyncTraceStore["getSession"]> {
    return (await this.#open("getSession")).getSession(...args);
  }

  async summarizeTraces(...args: Parameters<AsyncTraceStore["summarizeTraces"]>): ReturnType<AsyncTraceStore["summarizeTraces"]> {
    return (await this.#open("summarizeTraces")).summarizeTraces(...args);
  }

  async setTraceTag(...args: Parameters<AsyncTraceStore["setTraceTag"]>): ReturnType<AsyncTraceStore["setTraceTag"]> {
    return (await this.#open("setTraceTag")).setTraceTag(...args);
  }

  async deleteTraceTag(...args: Parameters<AsyncTraceStore["deleteTraceTag"]>): ReturnType<AsyncTraceStore["deleteTraceTag"]> {
    return (await this.#open("deleteTraceTag")).deleteTraceTag(...args);
  }

  async deleteTraces(...args: Parameters<AsyncTraceStore["deleteTraces"]>): ReturnType<AsyncTraceStore["deleteTraces"]> {
    return (await this.#open("deleteTraces")).deleteTraces(...args);
  }

  async logFeedback(...args: Parameters<AsyncTraceStore["logFeedback"]>): ReturnType<AsyncTraceStore["logFeedback"]> {
    return (await this.#open("logFeedback")).logFeedback(...args);
  }

  async logExpectation(...args: Parameters<AsyncTraceStore["logExpectation"]>): ReturnType<AsyncTraceStore["logExpectation"]> {
    return (await this.#open("logExpectation")).logExpectation(...args);
  }

  async getAssessment(...args: Parameters<AsyncTraceStore["getAssessment"]>): ReturnType<AsyncTraceStore["getAssessment"]> {
    return (await this.#open("getAssessment")).getAssessment(...args);
  }

  async updateAssessment(...args: Parameters<AsyncTraceStore["updateAssessment"]>): ReturnType<AsyncTraceStore["updateAssessment"]> {
    return (await this.#open("updateAssessment")).updateAssessment(...args);
  }

  async deleteAssessment(...args: Parameters<AsyncTraceStore["deleteAssessment"]>): ReturnType<AsyncTraceStore["deleteAssessment"]> {
    return (await this.#open("deleteAssessment")).deleteAssessment(...args);
  }
}
