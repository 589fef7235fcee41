/**
 * Finds a model's price: the user's `configure({ pricing })` entries first, then the
 * package's table. The rule, and nothing fuzzier: lower-case the id and drop a routing
 * prefix (`models/`, `openai/`, `anthropic/`, `google/`); an exact entry wins; otherwise drop
 * ONE trailing version suffix — a date (`-2024-08-06`, `-20250929`, `@20240620`), `-latest`,
 * or a three-digit version (`-001`) — and look up the family. No prefix matching: a
 * fine-tuned `ft:gpt-4o-mini:…` or a new `gpt-4o-mini-x` has no price until one is configured.
 */
import { checkKnownKeys, describeValue, TracedUsageError } from "../../config/errors.js";
import { shared } from "../../config/registry.js";
import { PRICE_TABLE, type ModelPrice } from "./price-table.js";

export type PricingOverrides = Readonly<Record<string, ModelPrice>>;

const userPrices: Map<string, ModelPrice> = shared("pricing.userPrices", () => new Map());
const ROUTING_PREFIX = /^(?:models|openai|anthropic|google|gemini)\//;
const VERSION_SUFFIX = /(?:-\d{4}-\d{2}-\d{2}|-\d{8}|@\d{8}|-latest|-\d{3})$/;

function normalize(model: string): string {
  return model.trim().toLowerCase().replace(ROUTING_PREFIX, "");
}

function lookup(id: string): ModelPrice | undefined {
  return userPrices.get(id) ?? (Object.hasOwn(PRICE_TABLE, id) ? PRICE_TABLE[id] : undefined);
}

/** The price of `model`, or undefined when neither the user nor the table knows it. */
export function priceOf(model: string): ModelPrice | undefined {
  const id = normalize(model);
  const exact = lookup(id);
  if (exact !== undefined) return exact;
  const family = id.replace(VERSION_SUFFIX, "");
  return family === id ? undefined : lookup(family);
}

const PRICE_FIELDS = ["provider", "input", "output", "cacheRead", "cacheWrite", "reasoning"];

/** Checks `configure({ pricing })`, naming the bad entry; returns the entries to install. */
export function validatePricing(pricing: unknown, where: string): Map<string, ModelPrice> {
  if (typeof pricing !== "object" || pricing === null || Array.isArray(pricing)) {
    throw new TracedUsageError(`${where}: "pricing" must be an object of model → { input, output, … } (USD per million tokens), got ${describeValue(pricing)}`);
  }
  const entries = new Map<string, ModelPrice>();
  for (const [model, price] of Object.entries(pricing)) {
    const at = `${where}: pricing["${model}"]`;
    if (normalize(model) === "") throw new TracedUsageError(`${where}: pricing has an empty model name`);
    if (typeof price !== "object" || price === null || Array.isArray(price)) {
      throw new TracedUsageError(`${at} must be an object { input, output, … } (USD per million tokens), got ${describeValue(price)}`);
    }
    checkKnownKeys(price, PRICE_FIELDS, at);
    const p = price as Record<string, unknown>;
    for (const field of ["input", "output", "cacheRead", "cacheWrite", "reasoning"]) {
      const value = p[field];
      const required = field === "input" || field === "output";
      if (value === undefined && !required) continue;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new TracedUsageError(`${at}.${field} must be a non-negative number (USD per million tokens), got ${describeValue(value)}`);
      }
    }
    if (p.provider !== undefined && typeof p.provider !== "string") throw new TracedUsageError(`${at}.provider must be a string, got ${describeValue(p.provider)}`);
    entries.set(normalize(model), price as ModelPrice);
  }
  return entries;
}

/** Adds or replaces the user's prices (later calls extend earlier ones). */
export function setUserPrices(entries: ReadonlyMap<string, ModelPrice>): void {
  for (const [model, price] of entries) userPrices.set(model, price);
}

export function clearUserPrices(): void {
  userPrices.clear();
}
