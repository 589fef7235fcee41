/**
 * Parses MLflow's search_traces filter: comparisons joined by AND.
 *   comparison := key op value | key (LIKE|ILIKE|RLIKE) 'text' | key [NOT] IN ('a', 'b', …)
 * The result names keys and values only; which keys exist and which operators they accept is
 * checked by filter-fields.ts.
 */
import { FilterError } from "./filter-error.js";
import { tokenize, type Token } from "./filter-tokenizer.js";

export type Comparator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "LIKE" | "ILIKE" | "RLIKE" | "IN" | "NOT IN";

export type FilterValue =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "list"; readonly values: readonly string[] };

export interface Comparison {
  readonly key: Token & { readonly segments: readonly string[] };
  readonly comparator: Comparator;
  readonly comparatorToken: Token;
  readonly value: FilterValue;
  readonly valueToken: Token;
}

export function parseFilter(filter: string): Comparison[] {
  const tokens = tokenize(filter);
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const fail = (message: string, token: Token | undefined): never => {
    throw new FilterError(message, filter, token?.position ?? filter.length, token?.text ?? "");
  };
  const next = (expected: string): Token => {
    const token = tokens[index++];
    if (token === undefined) fail(`Expected ${expected}`, undefined);
    return token!;
  };

  const comparisons: Comparison[] = [];
  if (tokens.length === 0) return comparisons;
  for (;;) {
    const key = next("a key such as trace.status or tag.name");
    if (key.kind !== "identifier") fail("Expected a key such as trace.status or tag.name", key);
    comparisons.push(parseComparison(key as Comparison["key"]));
    const joiner = peek();
    if (joiner === undefined) return comparisons;
    if (joiner.kind === "keyword" && joiner.value === "AND") {
      index++;
      continue;
    }
    if (joiner.kind === "keyword" && joiner.value === "OR") fail("OR is not supported: search_traces joins comparisons with AND only", joiner);
    fail("Expected AND between comparisons", joiner);
  }

  function parseComparison(key: Comparison["key"]): Comparison {
    let opToken = next("a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, RLIKE, IN, NOT IN)");
    let comparator: Comparator;
    if (opToken.kind === "operator") {
      comparator = opToken.value as Comparator;
    } else if (opToken.kind === "keyword" && ["LIKE", "ILIKE", "RLIKE", "IN"].includes(opToken.value)) {
      comparator = opToken.value as Comparator;
    } else if (opToken.kind === "keyword" && opToken.value === "NOT") {
      const inToken = next("IN after NOT");
      if (inToken.kind !== "keyword" || inToken.value !== "IN") fail("Expected IN after NOT (NOT IN is the only negated form)", inToken);
      comparator = "NOT IN";
      opToken = { ...opToken, text: filter.slice(opToken.position, inToken.position + inToken.text.length) };
    } else {
      return fail("Expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, RLIKE, IN, NOT IN)", opToken);
    }

    if (comparator === "IN" || comparator === "NOT IN") {
      const open = next("'(' and a list of quoted values");
      if (open.kind !== "(") fail(`Expected '(' after ${comparator}`, open);
      const values: string[] = [];
      for (;;) {
        const item = next("a quoted value");
        if (item.kind !== "string") fail(`Expected a quoted string in the ${comparator} list`, item);
        values.push(item.value);
        const sep = next("',' or ')'");
        if (sep.kind === ")") break;
        if (sep.kind !== ",") fail("Expected ',' or ')' in the list", sep);
      }
      return { key, comparator, comparatorToken: opToken, value: { kind: "list", values }, valueToken: open };
    }

    const valueToken = next("a value (a quoted string or a number)");
    if (valueToken.kind === "string") return { key, comparator, comparatorToken: opToken, value: { kind: "string", value: valueToken.value }, valueToken };
    if (valueToken.kind === "number") {
      return { key, comparator, comparatorToken: opToken, value: { kind: "number", value: Number(valueToken.value) }, valueToken };
    }
    if (valueToken.kind === "identifier") fail("Expected a value; quote strings ('text')", valueToken);
    return fail("Expected a value (a quoted string or a number)", valueToken);
  }
}
