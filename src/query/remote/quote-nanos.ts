/**
 * MLflow writes int64 fields as bare JSON integers; nanosecond times exceed 2^53, so they are
 * quoted before JSON.parse to stay exact. Only a key named exactly so (after `{` or `,`) is
 * touched: inside a JSON string every quote is escaped, so user text cannot match. A scan with
 * indexOf rather than one regular expression over the reply: a search page's replies run to
 * half a megabyte, and this is about half the cost of the regex replace.
 */
// One pass for both spellings: each key ends in `nano"` or `Nano"`.
const NEEDLE = 'ano"';
const NAMES = new Set(["start_time_unix_nano", "end_time_unix_nano", "time_unix_nano", "startTimeUnixNano", "endTimeUnixNano", "timeUnixNano"]);

export function quoteNanos(text: string): string {
  return quoteKeys(text, NEEDLE, NAMES);
}

function quoteKeys(text: string, needle: string, names: ReadonlySet<string>): string {
  let out = "";
  let copied = 0;
  let at = 0;
  while ((at = text.indexOf(needle, at)) >= 0) {
    const keyEnd = at + needle.length - 1; // the closing quote
    const open = text.lastIndexOf('"', keyEnd - 1);
    at = keyEnd + 1;
    if (open < 0 || !names.has(text.slice(open + 1, keyEnd))) continue;
    const before = text.charCodeAt(skipSpaceBack(text, open - 1));
    if (before !== 123 /* { */ && before !== 44 /* , */) continue;
    let i = skipSpace(text, keyEnd + 1);
    if (text.charCodeAt(i) !== 58 /* : */) continue;
    i = skipSpace(text, i + 1);
    let j = text.charCodeAt(i) === 45 /* - */ ? i + 1 : i;
    const digits = j;
    while (isDigit(text.charCodeAt(j))) j++;
    if (j === digits) continue; // already a string, or null
    out += text.slice(copied, i) + '"' + text.slice(i, j) + '"';
    copied = at = j;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

function skipSpaceBack(text: string, i: number): number {
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--;
  return i;
}
