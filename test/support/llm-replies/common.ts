/** Small helpers the provider reply builders share. */
import { randomBytes } from "node:crypto";
import { type ScriptedReply } from "../llm-wire-server.js";

export type JsonReply = Extract<ScriptedReply, { kind: "json" }>;
export type SseReply = Extract<ScriptedReply, { kind: "sse" }>;
export type ErrorReply = Extract<ScriptedReply, { kind: "error" }>;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random id in the provider's style: `prefix` then `length` base62 characters. */
export function fakeId(prefix: string, length: number): string {
  return prefix + Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

export function hexId(prefix: string, length: number): string {
  return prefix + randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

export const unixSeconds = (): number => Math.floor(Date.now() / 1000);

/** Splits text into `parts` pieces of near-equal length (fewer when the text is shorter), as streams deliver it. */
export function splitText(text: string, parts = 3): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces.length > 0 ? pieces : [""];
}

export const asJson = (value: string | object): string => (typeof value === "string" ? value : JSON.stringify(value));
