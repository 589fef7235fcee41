/**
 * Names a function's parameters from its source text, so inputs are recorded as
 * `{ query: "…", topK: 5 }` instead of positions. The rule, shared with the transformer:
 * a plain or defaulted parameter is named by its identifier, a rest parameter `...xs` by
 * `xs` (its value is the array of remaining arguments), and a destructured parameter by its
 * pattern text without the default, whitespace collapsed (`{ topK = 5 }`).
 */

export interface ParameterInfo {
  readonly name: string;
  readonly rest: boolean;
}

/** Names written on a function by the transformer (or `parameterNames(...)`), read first. */
export const PARAMETER_NAMES: unique symbol = Symbol.for("traced.parameterNames") as never;

export function recordedParameterNames(fn: Function): readonly string[] | undefined {
  const names = (fn as { [PARAMETER_NAMES]?: unknown })[PARAMETER_NAMES];
  return Array.isArray(names) && names.every((n) => typeof n === "string") ? names : undefined;
}

/** Parameters of `fn`, or undefined when its source cannot be read (native, bound, proxies). */
export function parameterInfo(fn: Function): ParameterInfo[] | undefined {
  const recorded = recordedParameterNames(fn);
  if (recorded) return recorded.map((name) => ({ name: name.replace(/^\.\.\./, ""), rest: name.startsWith("...") }));
  let source: string;
  try {
    source = Function.prototype.toString.call(fn);
  } catch {
    return undefined;
  }
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) return undefined;
  try {
    return parseParameterList(source);
  } catch {
    return undefined;
  }
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;

/** Parses the parameter list of a function's source text (a declaration, expression, arrow or method). */
export function parseParameterList(source: string): ParameterInfo[] | undefined {
  const scanner = new Scanner(source);
  const open = scanner.findParameterListStart();
  if (open === -1) {
    // An arrow with one bare parameter: `x => …` or `async x => …`.
    const match = /^\s*(?:async\s+)?([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*=>/u.exec(stripComments(source));
    return match ? [{ name: match[1]!, rest: false }] : undefined;
  }
  const parts = scanner.splitTopLevel(open);
  const params: ParameterInfo[] = [];
  for (const raw of parts) {
    const text = stripComments(raw).trim();
    if (text === "") continue;
    const rest = text.startsWith("...");
    const body = rest ? text.slice(3).trim() : text;
    if (body.startsWith("{") || body.startsWith("[")) {
      const end = new Scanner(body).matchingBracket(0);
      params.push({ name: collapse(body.slice(0, end + 1)), rest });
      continue;
    }
    const match = IDENTIFIER.exec(body);
    if (!match) return undefined;
    params.push({ name: match[0], rest });
  }
  return params;
}

function collapse(text: string): string {
  return stripComments(text).replace(/\s+/g, " ").trim();
}

function stripComments(text: string): string {
  const scanner = new Scanner(text);
  let out = "";
  let i = 0;
  while (i < text.length) {
    const next = scanner.skipTrivia(i);
    if (next !== i) {
      out += " ";
      i = next;
      continue;
    }
    const end = scanner.skipLiteral(i);
    out += text.slice(i, end);
    i = end;
  }
  return out;
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** A small JavaScript scanner: enough to skip strings, templates, regexes and comments. */
class Scanner {
  constructor(private readonly text: string) {}

  /** Index of the `(` that opens the parameter list, or -1 for a paren-less arrow. */
  findParameterListStart(): number {
    const { text } = this;
    let i = this.skipTrivia(0);
    // A paren-less arrow starts with an identifier followed by `=>` before any `(`.
    if (/^(?:async\s+)?[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*\s*=>/u.test(stripLeadingTrivia(text.slice(i)))) return -1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === "(") return i;
      if (ch === "[") {
        i = this.matchingBracket(i) + 1; // a computed method name: `[key](a) {}`
      } else if (ch === '"' || ch === "'" || ch === "`") {
        i = this.skipLiteral(i);
      } else if (ch === "{" || ch === "=") {
        return -1;
      } else {
        i = this.skipTrivia(i + 1);
      }
    }
    return -1;
  }

  /** Splits the bracketed list opening at `open` at its top-level commas. */
  splitTopLevel(open: number): string[] {
    const close = this.matchingBracket(open);
    const parts: string[] = [];
    let start = open + 1;
    let i = open + 1;
    while (i < close) {
      const ch = this.text[i]!;
      const skipped = this.skipTrivia(i);
      if (skipped !== i) {
        i = skipped;
      } else if (ch in OPENERS) {
        i = this.matchingBracket(i) + 1;
      } else if (ch === ",") {
        parts.push(this.text.slice(start, i));
        start = ++i;
      } else {
        i = this.skipLiteral(i);
      }
    }
    parts.push(this.text.slice(start, close));
    return parts;
  }

  matchingBracket(open: number): number {
    const stack: string[] = [OPENERS[this.text[open]!]!];
    let i = open + 1;
    while (i < this.text.length) {
      const skipped = this.skipTrivia(i);
      if (skipped !== i) {
        i = skipped;
        continue;
      }
      const ch = this.text[i]!;
      if (ch in OPENERS) {
        stack.push(OPENERS[ch]!);
        i++;
      } else if (ch === stack[stack.length - 1]) {
        stack.pop();
        if (stack.length === 0) return i;
        i++;
      } else {
        i = this.skipLiteral(i);
      }
    }
    throw new SyntaxError("unbalanced brackets");
  }

  skipTrivia(i: number): number {
    const { text } = this;
    for (;;) {
      if (text[i] === "/" && text[i + 1] === "/") {
        const end = text.indexOf("\n", i);
        i = end === -1 ? text.length : end + 1;
      } else if (text[i] === "/" && text[i + 1] === "*") {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? text.length : end + 2;
      } else {
        return i;
      }
    }
  }

  /** Skips one token starting at `i`: a string, template, regex, or a single character. */
  skipLiteral(i: number): number {
    const { text } = this;
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      for (let j = i + 1; j < text.length; j++) {
        if (text[j] === "\\") j++;
        else if (text[j] === ch) return j + 1;
      }
      return text.length;
    }
    if (ch === "`") return this.skipTemplate(i);
    if (ch === "/" && this.regexAllowedBefore(i)) {
      let inClass = false;
      for (let j = i + 1; j < text.length; j++) {
        const c = text[j];
        if (c === "\\") j++;
        else if (c === "[") inClass = true;
        else if (c === "]") inClass = false;
        else if (c === "/" && !inClass) return j + 1;
        else if (c === "\n") break;
      }
    }
    return i + 1;
  }

  private skipTemplate(i: number): number {
    const { text } = this;
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === "\\") j++;
      else if (text[j] === "`") return j + 1;
      else if (text[j] === "$" && text[j + 1] === "{") {
        j = this.matchingBracket(j + 1);
      }
    }
    return text.length;
  }

  private regexAllowedBefore(i: number): boolean {
    let j = i - 1;
    while (j >= 0 && /\s/.test(this.text[j]!)) j--;
    return j < 0 || "(,=:[!&|?{};+-*%<>~^".includes(this.text[j]!);
  }
}

function stripLeadingTrivia(text: string): string {
  return text.slice(new Scanner(text).skipTrivia(0));
}
