/**
 * RLIKE patterns, matched by RE2JS (a JavaScript port of RE2): time linear in the input
 * whatever the pattern, so a pattern from a user or a URL cannot stall a query — a
 * backtracking engine takes exponential time on `(a+)+$` against "aaa…a!".
 *
 * MLflow matches RLIKE with Python's `re` (a search: the pattern may match anywhere).
 * Where the two syntaxes differ:
 * - refused, with a FilterError naming the construct: backreferences (`\1`, `(?P=name)`),
 *   lookahead and lookbehind (`(?=`, `(?!`, `(?<=`, `(?<!`), atomic groups `(?>`,
 *   conditionals `(?(1)…)` and comments `(?#…)` — none can run in linear time (or RE2 lacks
 *   them); other Python-only syntax (possessive `a++`, the `(?x)` flag) fails RE2's parse;
 * - translated: Python's `\Z` (end of text) is RE2's `\z`; `\uXXXX` and `\UXXXXXXXX` are `\x{…}`;
 * - read differently: `\d`, `\w`, `\s` and `\b` are ASCII only (Python's are Unicode);
 *   `$` matches only at the very end (Python's also before a final newline); a repeat count
 *   is at most 1000.
 */
import { RE2JS } from "re2js";

/** A pattern RE2 cannot run; `construct` names what is at fault when it is a known one. */
export class RlikePatternError extends Error {
  constructor(
    message: string,
    readonly construct?: string,
  ) {
    super(message);
  }
}

const UNSUPPORTED_GROUPS: ReadonlyArray<readonly [string, string]> = [
  ["(?<=", "lookbehind"],
  ["(?<!", "negative lookbehind"],
  ["(?=", "lookahead"],
  ["(?!", "negative lookahead"],
  ["(?P=", "named backreference"],
  ["(?>", "atomic group"],
  ["(?(", "conditional group"],
  ["(?#", "comment group"],
];

function unsupported(construct: string, text: string): never {
  throw new RlikePatternError(`RLIKE does not support ${construct} ${JSON.stringify(text)}: its regular expressions match in linear time (RE2 syntax), which rules out lookaround and backreferences`, construct);
}

/** Python `re` syntax → RE2 syntax; refuses the constructs RE2 cannot run. */
export function toRe2Syntax(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      const hex = next === "u" ? 4 : next === "U" ? 8 : 0;
      const digits = hex ? pattern.slice(i + 2, i + 2 + hex) : "";
      if (hex && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits)) {
        out += `\\x{${digits}}`;
        i += 1 + hex;
      } else if (!inClass && next >= "1" && next <= "9") {
        unsupported("backreference", `\\${next}`);
      } else if (!inClass && next === "Z") {
        out += "\\z";
        i += 1;
      } else {
        out += ch + next;
        i += 1;
      }
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal member, in both syntaxes.
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") out += pattern[++i];
      continue;
    }
    if (ch === "(" && pattern[i + 1] === "?") {
      for (const [opening, construct] of UNSUPPORTED_GROUPS) {
        if (pattern.startsWith(opening, i)) unsupported(construct, opening);
      }
    }
    out += ch;
  }
  return out;
}

// Compiled once per distinct pattern: parsing the filter compiles it, and the REGEXP call on
// every row of the query reuses it. Bounded, least recently used out, as patterns come from users.
const MAX_CACHED = 64;
const cache = new Map<string, RE2JS>();

/** The compiled matcher for an RLIKE pattern (Python syntax); throws RlikePatternError. */
export function compileRlike(pattern: string): RE2JS {
  const cached = cache.get(pattern);
  if (cached !== undefined) {
    cache.delete(pattern);
    cache.set(pattern, cached);
    return cached;
  }
  let compiled: RE2JS;
  const re2Pattern = toRe2Syntax(pattern);
  try {
    compiled = RE2JS.compile(re2Pattern);
  } catch (error) {
    // RE2's messages name the construct ("invalid or unsupported Perl syntax: `(?x`").
    const message = (error as Error).message.replace(/^error parsing regexp: /, "");
    throw new RlikePatternError(message);
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** Python `re.search` semantics: true when the pattern matches somewhere in the text. */
export function rlikeMatches(pattern: string, text: string): boolean {
  return compileRlike(pattern).test(text);
}
