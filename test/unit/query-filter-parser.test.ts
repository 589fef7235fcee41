import { describe, expect, it } from "vitest";
import { FilterError, parseFilter, tokenize } from "../../src/query/index.js";

function errorOf(filter: string): FilterError {
  try {
    parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(filter)} to be rejected`);
}

describe("filter tokenizer", () => {
  it("splits keys, operators, strings, numbers and keywords with their positions", () => {
    const tokens = tokenize("trace.status = 'OK' AND trace.execution_time_ms >= 1.5e3");
    expect(tokens.map((t) => [t.kind, t.value, t.position])).toEqual([
      ["identifier", "trace.status", 0],
      ["operator", "=", 13],
      ["string", "OK", 15],
      ["keyword", "AND", 20],
      ["identifier", "trace.execution_time_ms", 24],
      ["operator", ">=", 48],
      ["number", "1.5e3", 51],
    ]);
  });

  it("keeps dots inside backtick-quoted key segments", () => {
    const [key] = tokenize("metadata.`mlflow.trace.user` = 'u'");
    expect(key!.segments).toEqual(["metadata", "mlflow.trace.user"]);
  });

  it("unescapes doubled and backslashed quotes inside strings", () => {
    expect(tokenize(`tag.a = 'it''s' AND tag.b = "say \\"hi\\""`).filter((t) => t.kind === "string").map((t) => t.value)).toEqual([
      "it's",
      'say "hi"',
    ]);
  });

  it("reads negative numbers and the <> and == spellings", () => {
    expect(tokenize("trace.timestamp_ms <> -5").map((t) => t.value)).toEqual(["trace.timestamp_ms", "!=", "-5"]);
    expect(tokenize("trace.timestamp_ms == 5").map((t) => t.value)).toEqual(["trace.timestamp_ms", "=", "5"]);
  });
});

describe("filter parser", () => {
  it("parses comparisons joined by AND, case-insensitive keywords", () => {
    const parsed = parseFilter("span.name like 'ask%' and tag.env != 'dev' AND span.type NOT IN ('LLM', 'TOOL') AND trace.status in ('OK')");
    expect(parsed.map((c) => [c.key.value, c.comparator, c.value])).toEqual([
      ["span.name", "LIKE", { kind: "string", value: "ask%" }],
      ["tag.env", "!=", { kind: "string", value: "dev" }],
      ["span.type", "NOT IN", { kind: "list", values: ["LLM", "TOOL"] }],
      ["trace.status", "IN", { kind: "list", values: ["OK"] }],
    ]);
  });

  it("accepts an empty or blank filter as no condition", () => {
    expect(parseFilter("")).toEqual([]);
    expect(parseFilter("   ")).toEqual([]);
  });

  it.each([
    ["trace.status = 'OK' OR trace.status = 'ERROR'", 20, "OR", /OR is not supported/],
    ["trace.status 'OK'", 13, "'OK'", /Expected a comparison operator/],
    ["trace.status = ", 15, "", /Expected a value/],
    ["trace.status = OK", 15, "OK", /quote strings/],
    ["trace.status = 'OK", 15, "'OK", /Unterminated string/],
    ["trace.status = 'OK' trace.name = 'x'", 20, "trace.name", /Expected AND/],
    ["= 'OK'", 0, "=", /Expected a key/],
    ["span.type IN 'LLM'", 13, "'LLM'", /Expected '\(' after IN/],
    ["span.type IN ('LLM' 'TOOL')", 20, "'TOOL'", /Expected ',' or '\)'/],
    ["span.type IN (1)", 14, "1", /Expected a quoted string/],
    ["span.type NOT LIKE 'x'", 14, "LIKE", /Expected IN after NOT/],
    ["tag.`open = 'x'", 4, "`open = 'x'", /Unterminated backtick/],
    ["trace.status = 'OK' AND", 23, "", /Expected a key/],
    ["trace.status ; 'OK'", 13, ";", /Unexpected character/],
    ["tag. = 'x'", 4, " ", /Expected a key name after '.'/],
    ["trace.timestamp_ms > 12abc", 21, "12a", /Malformed number/],
  ])("rejects %j at position %i naming the token", (filter, position, token, message) => {
    const error = errorOf(filter);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`position ${position}`);
    expect(error.name).toBe("FilterError");
  });

  it("shows the filter with a caret under the faulty token", () => {
    const lines = errorOf("trace.status = 'OK' OR x = 'y'").message.split("\n");
    expect(lines[1]).toBe("  trace.status = 'OK' OR x = 'y'");
    expect(lines[2]).toBe("  " + " ".repeat(20) + "^");
  });
});
