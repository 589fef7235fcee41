/**
 * Splits a search_traces filter into tokens, each with its position, so every later error
 * can point at the exact place. Strings use single or double quotes (a doubled quote or a
 * backslash escapes one); keys may be backtick-quoted to hold dots or spaces.
 */
import { FilterError } from "./filter-error.js";

export type TokenKind = "identifier" | "string" | "number" | "operator" | "keyword" | "(" | ")" | ",";

export interface Token {
  readonly kind: TokenKind;
  /** Identifier: its dot-separated segments, backticks removed. Others: the value. */
  readonly value: string;
  readonly segments?: readonly string[];
  /** The token as written. */
  readonly text: string;
  readonly position: number;
}

const KEYWORDS = new Set(["AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "RLIKE", "IS", "NULL"]);
const OPERATORS = ["<=", ">=", "!=", "<>", "==", "=", "<", ">"];
const WORD_START = /[A-Za-z_]/;
const WORD_CHAR = /[A-Za-z0-9_\-]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

export function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at: number, length = 1): never => {
    throw new FilterError(message, filter, at, filter.slice(at, at + length));
  };
  while (i < filter.length) {
    const ch = filter[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= filter.length) fail("Unterminated string", start, filter.length - start);
        const c = filter[i]!;
        if (c === "\\" && i + 1 < filter.length) {
          value += filter[i + 1];
          i += 2;
        } else if (c === ch) {
          if (filter[i + 1] === ch) {
            value += ch;
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: "string", value, text: filter.slice(start, i), position: start });
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch, value: ch, text: ch, position: start });
      i++;
      continue;
    }
    const operator = OPERATORS.find((op) => filter.startsWith(op, i));
    if (operator) {
      tokens.push({ kind: "operator", value: operator === "<>" ? "!=" : operator === "==" ? "=" : operator, text: operator, position: start });
      i += operator.length;
      continue;
    }
    const number = NUMBER.exec(filter.slice(i));
    if (number && (ch !== "-" || /[\d.]/.test(filter[i + 1] ?? ""))) {
      i += number[0].length;
      if (i < filter.length && WORD_CHAR.test(filter[i]!)) fail("Malformed number", start, i - start + 1);
      tokens.push({ kind: "number", value: number[0], text: number[0], position: start });
      continue;
    }
    if (WORD_START.test(ch) || ch === "`") {
      const segments: string[] = [];
      for (;;) {
        if (filter[i] === "`") {
          const close = filter.indexOf("`", i + 1);
          if (close < 0) fail("Unterminated backtick-quoted key", i, filter.length - i);
          segments.push(filter.slice(i + 1, close));
          i = close + 1;
        } else if (i < filter.length && WORD_START.test(filter[i]!)) {
          const wordStart = i;
          while (i < filter.length && WORD_CHAR.test(filter[i]!)) i++;
          segments.push(filter.slice(wordStart, i));
        } else {
          fail("Expected a key name after '.'", i, 1);
        }
        if (filter[i] !== ".") break;
        i++;
      }
      const text = filter.slice(start, i);
      const upper = text.toUpperCase();
      if (segments.length === 1 && !text.startsWith("`") && KEYWORDS.has(upper)) {
        tokens.push({ kind: "keyword", value: upper, text, position: start });
      } else {
        tokens.push({ kind: "identifier", value: segments.join("."), segments, text, position: start });
      }
      continue;
    }
    fail(`Unexpected character ${JSON.stringify(ch)}`, start);
  }
  return tokens;
}
