// Mentions @traced only in a string and a line comment: // @traced
export const note = "add /** @traced */ to a function";
export function plain(a) {
    return a + 1;
}
