/**
 * What a user can actually see of an element: text and boxes are measured against every
 * clipping ancestor and the viewport, so ellipses, line clamps and cut-off cells count as
 * hidden. (textContent says what is in the DOM, not what is on screen.)
 */
import { type Locator } from "playwright-core";

export interface VisibleText {
  /** The text from the first character drawn inside the clip to the last, spaces included. */
  visible: string;
  /** How many characters the element holds. */
  total: number;
}

/** The part of `locator`'s text that is drawn where the user can see it. */
export function visibleText(locator: Locator): Promise<VisibleText> {
  return locator.evaluate((root) => {
    const doc = root.ownerDocument;
    const win = doc.defaultView;
    const clipOf = (start: typeof root) => {
      let box = { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight };
      for (let node = start; node && node !== doc.documentElement; node = node.parentElement) {
        const style = win.getComputedStyle(node);
        if (style.overflowX === "visible" && style.overflowY === "visible") continue;
        const r = node.getBoundingClientRect();
        box = { left: Math.max(box.left, r.left), top: Math.max(box.top, r.top), right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom) };
      }
      return box;
    };
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    const range = doc.createRange();
    let all = "";
    let first = -1;
    let last = -1;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const clip = clipOf(text.parentElement);
      const value: string = text.data;
      const offset = all.length;
      all += value;
      for (let i = 0; i < value.length; i++) {
        // Spaces have no reliable box (one that ends a wrapped line has none): they count when between drawn characters.
        if (/\s/.test(value[i]!)) continue;
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const r = range.getClientRects()[0];
        if (!r || r.width === 0) continue;
        const inside = r.left >= clip.left - 0.5 && r.right <= clip.right + 0.5 && r.top >= clip.top - 0.5 && r.bottom <= clip.bottom + 0.5;
        if (!inside) continue;
        if (first < 0) first = offset + i;
        last = offset + i;
      }
    }
    return { visible: first < 0 ? "" : all.slice(first, last + 1), total: all.length };
  });
}

/** Whether every element `locator` matches is drawn whole, uncut by any clipping ancestor or the viewport. */
export function allFullyVisible(locator: Locator): Promise<boolean[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const doc = element.ownerDocument;
      const win = doc.defaultView;
      const r = element.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      if (r.left < -0.5 || r.top < -0.5 || r.right > win.innerWidth + 0.5 || r.bottom > win.innerHeight + 0.5) return false;
      for (let node = element.parentElement; node && node !== doc.documentElement; node = node.parentElement) {
        const style = win.getComputedStyle(node);
        if (style.overflowX === "visible" && style.overflowY === "visible") continue;
        const c = node.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5 || r.top < c.top - 0.5 || r.bottom > c.bottom + 0.5) return false;
      }
      return true;
    }),
  );
}

/** Elements whose content is wider or taller than their box (so part of it is cut off), by their text. */
export function clippedElements(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements
      .filter((element) => element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight + 1)
      .map((element) => `${(element.textContent ?? "").trim()} (${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight})`),
  );
}
