/** Trace and span identifiers: MLflow shows trace ids as `tr-` + 32 hex and span ids as 16 hex. */
import { randomFillSync } from "node:crypto";

export const TRACE_ID_PREFIX = "tr-";

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex32(word: number): string {
  return HEX[(word >>> 24) & 0xff]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
}

/** A random, non-zero 32-bit word. Ids need uniqueness, not secrecy (the OpenTelemetry SDK uses Math.random too). */
export function randomWord(): number {
  return ((Math.random() * 0x100000000) >>> 0) || 1;
}

/** Formats a 64-bit span id held as two 32-bit words. */
export function formatSpanId(high: number, low: number): string {
  return hex32(high) + hex32(low);
}

export function newSpanId(): string {
  return formatSpanId(randomWord(), randomWord());
}

const POOL_BYTES = 16 * 512;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * Random bytes for trace ids, handed out 16 at a time from a pool filled by the OS RNG. A
 * trace keeps (pool, offset) and formats its id only when read: creating a trace costs an
 * offset bump, and 16 bytes of a shared buffer weigh less than the id's string.
 */
export function traceIdPool(): Buffer {
  if (poolOffset + 16 > pool.length) {
    // A fresh buffer, never a refill: traces still waiting for export point into the old one.
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    poolOffset = 0;
  }
  return pool;
}

/** The offset of the next 16 bytes of `traceIdPool()`; call right after it. */
export function takeTraceIdOffset(): number {
  const offset = poolOffset;
  poolOffset += 16;
  return offset;
}

/** 32 lowercase hex digits: the OpenTelemetry trace id behind an MLflow trace id. */
export function newOtelTraceId(): string {
  const bytes = traceIdPool();
  const offset = takeTraceIdOffset();
  return bytes.toString("hex", offset, offset + 16);
}


const SPAN_ID = /^[0-9a-f]{16}$/;


export function isSpanId(value: unknown): value is string {
  return typeof value === "string" && SPAN_ID.test(value);
}

/** `tr-<32 hex>` → the 32 hex digits (the OpenTelemetry trace id). */
export function otelTraceIdOf(traceId: string): string {
  return traceId.startsWith(TRACE_ID_PREFIX) ? traceId.slice(TRACE_ID_PREFIX.length) : traceId;
}

/** MLflow's span JSON carries ids as base64 of their big-endian bytes. */
export function hexToBase64(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}

export function base64ToHex(value: string): string {
  return Buffer.from(value, "base64").toString("hex");
}
