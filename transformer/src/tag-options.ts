/**
 * The `@traced` tag grammar: options are `key=value` words after the tag, on its line or on
 * continuation lines up to the next `@tag`. Values are bare words or quoted strings.
 *
 *   @traced name=rank spanType=RERANKER attributes.model="gpt 4o" inputs=false outputs=false
 */

export interface TagOptions {
  name?: string;
  spanType?: string;
  attributes?: Record<string, string | number | boolean | null>;
  captureInputs?: boolean;
  captureOutputs?: boolean;
}

export interface OptionProblem {
  /** Offset of the offending word inside the parsed text, and its length. */
  offset: number;
  length: number;
  message: string;
}

const BLANK = /^\s*$/;

/** Whether a UTF-16 code unit is one that `/\s/` matches (ECMAScript WhiteSpace and LineTerminator). */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

export const KNOWN_OPTIONS = ["name", "spanType", "inputs", "outputs", "attributes.<key>"] as const;

interface Word {
  offset: number;
  raw: string;
  key: string;
  /** undefined when the word has no `=`. */
  value: string | undefined;
  quoted: boolean;
}

export function parseTagOptions(text: string): { options: TagOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const options: TagOptions = {};
  if (BLANK.test(text)) return { options, problems }; // a bare `@traced`, the usual case
  const seen = new Set<string>();
  for (const word of splitWords(text, problems)) {
    const fail = (message: string): void => void problems.push({ offset: word.offset, length: word.raw.length, message });
    if (word.value === undefined) {
      fail(`expected key=value, got '${word.raw}' (options: ${KNOWN_OPTIONS.join(", ")})`);
      continue;
    }
    if (seen.has(word.key)) {
      fail(`option '${word.key}' is given twice`);
      continue;
    }
    seen.add(word.key);
    if (word.key === "name" || word.key === "spanType") {
      if (word.value.trim() === "") fail(`option '${word.key}' needs a non-empty value`);
      else options[word.key] = word.value;
    } else if (word.key === "inputs" || word.key === "outputs") {
      const flag = parseBoolean(word.value);
      if (flag === undefined || word.quoted) fail(`option '${word.key}' must be true or false, got '${word.value}'`);
      else options[word.key === "inputs" ? "captureInputs" : "captureOutputs"] = flag;
    } else if (word.key.startsWith("attributes.")) {
      const key = word.key.slice("attributes.".length);
      if (key === "") fail(`'attributes.' needs a key, as in attributes.model=gpt-4o`);
      else (options.attributes ??= {})[key] = word.quoted ? word.value : attributeValue(word.value);
    } else {
      fail(`unknown option '${word.key}' (options: ${KNOWN_OPTIONS.join(", ")})`);
    }
  }
  return { options, problems };
}

function parseBoolean(value: string): boolean | undefined {
  return value === "true" ? true : value === "false" ? false : undefined;
}

/** Bare attribute values that read as JSON numbers, booleans or null keep that type. */
function attributeValue(value: string): string | number | boolean | null {
  if (value === "true" || value === "false") return value === "true";
  if (value === "null") return null;
  if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(value)) return Number(value);
  return value;
}

/** Splits on whitespace; `key="a b"` and `key='a b'` keep their spaces (backslash escapes the quote). */
function splitWords(text: string, problems: OptionProblem[]): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (isWhiteSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && text.charCodeAt(i) !== 0x3d /* = */ && !isWhiteSpace(text.charCodeAt(i))) i++;
    const key = text.slice(start, i);
    if (text[i] !== "=") {
      words.push({ offset: start, raw: key, key, value: undefined, quoted: false });
      continue;
    }
    i++; // '='
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      let value = "";
      let closed = false;
      for (i++; i < text.length; i++) {
        if (text[i] === "\\" && i + 1 < text.length) value += text[++i];
        else if (text[i] === quote) {
          closed = true;
          i++;
          break;
        } else value += text[i];
      }
      if (!closed) problems.push({ offset: start, length: text.slice(start, i).trimEnd().length, message: `unterminated ${quote} in option '${key}'` });
      else words.push({ offset: start, raw: text.slice(start, i), key, value, quoted: true });
      continue;
    }
    const valueStart = i;
    while (i < text.length && !isWhiteSpace(text.charCodeAt(i))) i++;
    words.push({ offset: start, raw: text.slice(start, i), key, value: text.slice(valueStart, i), quoted: false });
  }
  return words;
}
