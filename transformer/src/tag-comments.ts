/**
 * Finds `@traced` tags by reading a node's leading comment ranges from the source text.
 * TypeScript >= 5.3 under tsc skips JSDoc parsing in .ts files (jsDocParsingMode), so
 * `ts.getJSDocTags` would often see nothing; the raw comments are always there.
 */
import type ts from "typescript";
import { isWhiteSpace } from "./tag-options.js";
import type { TS } from "./typescript.js";

export interface FoundTag {
  /** Absolute position of the comment that holds the tag (identifies it). */
  commentPos: number;
  /** Absolute position and length of `@traced`. */
  tagStart: number;
  tagLength: number;
  /** The options text after the tag, with comment decoration blanked; offsets map 1:1 to the file. */
  optionsText: string;
  optionsStart: number;
}

const TAG = "@traced";

/**
 * All `@traced` tags in JSDoc comments in the trivia that starts at `pos` (a node's full
 * start). TypeScript splits that trivia into the previous token's trailing comments (same
 * line, as in `x = /** @traced *\/ () => …`) and leading ones (later lines); both count.
 */
export function tagsBefore(tsi: TS, text: string, pos: number): FoundTag[] {
  const found: FoundTag[] = [];
  collectFrom(tsi, text, tsi.getTrailingCommentRanges(text, pos), found);
  collectFrom(tsi, text, tsi.getLeadingCommentRanges(text, pos), found);
  return found;
}

function collectFrom(tsi: TS, text: string, ranges: ts.CommentRange[] | undefined, found: FoundTag[]): void {
  if (ranges === undefined) return;
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.kind !== tsi.SyntaxKind.MultiLineCommentTrivia) continue;
    if (!text.startsWith("/**", range.pos) || text.startsWith("/**/", range.pos)) continue;
    collectTags(text, range, found);
  }
}

function collectTags(text: string, range: ts.CommentRange, found: FoundTag[]): void {
  const bodyEnd = range.end - 2; // before the closing */
  let at = text.indexOf(TAG, range.pos + 3);
  while (at !== -1 && at < bodyEnd) {
    const after = at + TAG.length;
    // A block tag starts its line (as TypeScript's JSDoc parser reads it): only whitespace
    // and the decoration `*` may precede it, so prose that mentions `@traced` is not a tag.
    const lineStart = Math.max(text.lastIndexOf("\n", at) + 1, range.pos + 3);
    const boundaryAfter = after >= bodyEnd || isWhiteSpace(text.charCodeAt(after));
    if (boundaryAfter && onlyDecorationBetween(text, lineStart, at)) {
      const end = sectionEnd(text, after, bodyEnd);
      found.push({
        commentPos: range.pos,
        tagStart: at,
        tagLength: TAG.length,
        optionsText: blankDecoration(text.slice(after, end)),
        optionsStart: after,
      });
      at = text.indexOf(TAG, end);
    } else {
      at = text.indexOf(TAG, after);
    }
  }
}

/** Whether text[from, to) is only whitespace and `*` (what `/^[\s*]*$/` matches). */
function onlyDecorationBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x2a /* * */ && !isWhiteSpace(code)) return false;
  }
  return true;
}

/** The tag's text runs to the next line that starts with a tag (`@…`) or to the comment's end. */
function sectionEnd(text: string, from: number, bodyEnd: number): number {
  // The first match of /\n[ \t]*\*?[ \t]*@/ in text[from, bodyEnd).
  for (let nl = text.indexOf("\n", from); nl !== -1 && nl < bodyEnd; nl = text.indexOf("\n", nl + 1)) {
    let i = nl + 1;
    while (i < bodyEnd && (text[i] === " " || text[i] === "\t")) i++;
    if (i < bodyEnd && text[i] === "*") i++;
    while (i < bodyEnd && (text[i] === " " || text[i] === "\t")) i++;
    if (i < bodyEnd && text[i] === "@") return nl;
  }
  return bodyEnd;
}

/** Replaces each continuation line's leading `*` with a space, keeping every offset. */
function blankDecoration(section: string): string {
  if (!section.includes("\n")) return section;
  return section.replace(/(\n[ \t]*)\*/g, (_m, lead: string) => `${lead} `);
}
