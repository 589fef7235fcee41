/**
 * `autolog()` for `@google/genai`. Its `Models` assigns `generateContent`,
 * `generateContentStream` and `embedContent` in its constructor as per-instance arrow
 * functions (`this.generateContent = async (params) => …`), so there is no prototype method
 * to patch. Instead:
 * - clients made after autolog(): `Models.prototype` gets an accessor per method name; the
 *   constructor's assignment goes through its setter, which stores a traced wrapper of the
 *   SDK's function as the instance's own property, so every call is traced;
 * - clients made before: their methods already exist. The prototype methods those call
 *   first (`processParamsMaybeAddMcpUsage`, `maybeMoveToResponseJsonSchema`, and the
 *   `*Internal` request methods) are hooked to upgrade the instance the first time it is
 *   used. The call that triggers the upgrade is already running and is not traced: such a
 *   client is traced from its second call on (`tracedGemini(ai)` traces every call).
 * Wrappers read the current options and pass through when autolog is off, so instances
 * upgraded before `autolog({ disable: true })` keep working, untraced, and are traced
 * again by a later autolog().
 */
import { Models } from "@google/genai";
import { diagnostics } from "../../config/registry.js";
import { type IntegrationOptions } from "../llm/integration-options.js";
import { isTracedMethod, tracedMethod } from "../llm/traced-method.js";
import { geminiAdapter, GEMINI_METHODS, type GeminiMethod } from "./methods.js";

/** Methods of `Models.prototype` that the traced methods call first; any one present suffices. */
const UPGRADE_HOOKS = ["processParamsMaybeAddMcpUsage", "maybeMoveToResponseJsonSchema", "generateContentInternal", "generateContentStreamInternal", "embedContentInternal"] as const;

/** autolog()'s options; undefined while autolog is off. */
let current: IntegrationOptions | undefined;
const active = () => current !== undefined;

/** What every autolog wrapper is given: the options of the latest autolog() call. */
const liveOptions: IntegrationOptions = {
  get captureInputs() {
    return current?.captureInputs;
  },
  get captureOutputs() {
    return current?.captureOutputs;
  },
  get spanName() {
    return current?.spanName;
  },
  get spanType() {
    return current?.spanType;
  },
  get streamChunkEvents() {
    return current?.streamChunkEvents;
  },
};

function autologged(models: object, method: GeminiMethod, fn: Function): Function {
  return tracedMethod(fn, geminiAdapter(method, models, active), liveOptions);
}

const upgraded = new WeakSet<object>();

/** Traces the methods of a `Models` made before autolog(), unless already traced (by tracedGemini or an earlier autolog). */
function upgrade(models: unknown): void {
  if (current === undefined || typeof models !== "object" || models === null || upgraded.has(models)) return;
  upgraded.add(models);
  try {
    for (const method of GEMINI_METHODS) {
      const fn = (models as Record<string, unknown>)[method];
      if (typeof fn !== "function" || isTracedMethod(fn)) continue;
      const own = Object.getOwnPropertyDescriptor(models, method);
      Object.defineProperty(models, method, { value: autologged(models, method, fn), writable: true, configurable: true, enumerable: own?.enumerable ?? true });
    }
  } catch (error) {
    diagnostics.reportOnce("gemini-autolog-upgrade-failed", "autolog (traced/gemini): a client made before autolog() could not be traced; pass it to tracedGemini()", error);
  }
}

interface Installed {
  readonly key: string;
  readonly descriptor: PropertyDescriptor;
  readonly previous: PropertyDescriptor | undefined;
}

let installed: Installed[] = [];

function define(proto: object, key: string, descriptor: PropertyDescriptor): void {
  installed.push({ key, descriptor, previous: Object.getOwnPropertyDescriptor(proto, key) });
  Object.defineProperty(proto, key, descriptor);
}

function installAccessors(proto: object): void {
  for (const method of GEMINI_METHODS) {
    // A prototype method of that name (another SDK shape): the upgrade hooks cover it.
    if (Object.getOwnPropertyDescriptor(proto, method) !== undefined) continue;
    define(proto, method, {
      get: () => undefined,
      set(this: object, value: unknown) {
        const fn = typeof value === "function" && current !== undefined && !isTracedMethod(value) ? autologged(this, method, value) : value;
        Object.defineProperty(this, method, { value: fn, writable: true, configurable: true, enumerable: true });
      },
      configurable: true,
      enumerable: false,
    });
  }
}

function installHooks(proto: object): number {
  let hooked = 0;
  for (const key of UPGRADE_HOOKS) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    const original: unknown = descriptor?.value;
    if (descriptor === undefined || typeof original !== "function") continue;
    const hook = function (this: unknown, ...args: unknown[]): unknown {
      upgrade(this);
      return Reflect.apply(original, this, args);
    };
    Object.defineProperty(hook, "name", { value: original.name, configurable: true });
    Object.defineProperty(hook, "length", { value: original.length, configurable: true });
    define(proto, key, { ...descriptor, value: hook });
    hooked++;
  }
  return hooked;
}

/** Whether a `Models` constructed now gets traced methods (the SDK assigns rather than defines them). */
function constructionIsTraced(): boolean | undefined {
  try {
    const probe = new (Models as unknown as new (apiClient: unknown) => object)({});
    return GEMINI_METHODS.every((method) => isTracedMethod(Object.getOwnPropertyDescriptor(probe, method)?.value));
  } catch {
    return undefined; // a constructor that needs a real client: nothing learnt
  }
}

export function enableAutolog(options: IntegrationOptions): void {
  current = { ...options };
  if (installed.length !== 0) return;
  const proto = Models.prototype as object;
  installAccessors(proto);
  if (installHooks(proto) === 0) {
    diagnostics.reportOnce("gemini-autolog-no-hooks", "autolog (traced/gemini): the installed @google/genai has none of the methods traced uses to find clients made before autolog(); pass those to tracedGemini()");
  }
  if (constructionIsTraced() === false) {
    diagnostics.reportOnce("gemini-autolog-construction", "autolog (traced/gemini): the installed @google/genai defines its methods in a way traced cannot see at construction; new clients are traced from their second call (tracedGemini() traces every call)");
  }
}

export function disableAutolog(): void {
  current = undefined;
  const proto = Models.prototype as object;
  for (const { key, descriptor, previous } of installed.reverse()) {
    // Only what is still ours: something patched over it later stays.
    const now = Object.getOwnPropertyDescriptor(proto, key);
    if (now?.value !== descriptor.value || now?.set !== descriptor.set) continue;
    if (previous === undefined) delete (proto as Record<string, unknown>)[key];
    else Object.defineProperty(proto, key, previous);
  }
  installed = [];
}
