// Mentions @traced only in a string and a line comment: // @traced
export const note = "add /** @traced */ to a function";
/** Prose that mentions @traced mid-line is not a tag (a block tag starts its line). */
export function plain(a) {
    return a + 1;
}
