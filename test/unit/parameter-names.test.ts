import { describe, expect, it } from "vitest";
import { parseParameterList, PARAMETER_NAMES } from "../../src/index.js";
import { parameterInfo } from "../../src/capture/parameter-names.js";

const names = (source: string) => parseParameterList(source)?.map((p) => (p.rest ? `...${p.name}` : p.name));

describe("parameter names from source", () => {
  it.each([
    ["function f(a, b) {}", ["a", "b"]],
    ["function f() {}", []],
    ["async function* gen(query, topK = 5) {}", ["query", "topK"]],
    ["function (a = (1, 2), b = [3, 4], c = {d: 5}) {}", ["a", "b", "c"]],
    ["(x, y) => x + y", ["x", "y"]],
    ["x => x", ["x"]],
    ["async x => x", ["x"]],
    ["async (a, ...rest) => a", ["a", "...rest"]],
    ["({ topK = 5, filter: { kind } } = {}, [first, , third] = []) => 0", ["{ topK = 5, filter: { kind } }", "[first, , third]"]],
    ["method(a, /* b, */ c // d,\n) {}", ["a", "c"]],
    ["async *stream(prompt, opts = { sep: ',', re: /[,)]/g }) {}", ["prompt", "opts"]],
    ["#privateMethod(secret) {}", ["secret"]],
    ["[Symbol.iterator](a = `x${(1, 2)}y`) {}", ["a"]],
    ["'quoted name'(a) {}", ["a"]],
    ["function f(a = \"),(\", b = ')(') {}", ["a", "b"]],
    ["function ünïcödé(λ, $ok, _x) {}", ["λ", "$ok", "_x"]],
  ])("%s", (source, expected) => {
    expect(names(source)).toEqual(expected);
  });

  it("reads real functions and prefers names recorded by the transformer", () => {
    expect(parameterInfo(function real(one: number, { two }: { two: number }) {
      return one + two;
    })?.map((p) => p.name)).toEqual(["one", "{ two }"]);
    const recorded = Object.assign(function (_a: number) {}, { [PARAMETER_NAMES]: ["query", "...rest"] });
    expect(parameterInfo(recorded)).toEqual([
      { name: "query", rest: false },
      { name: "rest", rest: true },
    ]);
    expect(parameterInfo(Math.max)).toBeUndefined();
    expect(parameterInfo(function () {}.bind(null))).toBeUndefined();
  });
});
