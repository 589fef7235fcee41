/**
 * A list that renders only the rows in view (plus a few either side), so a 10,000-span
 * tree scrolls as smoothly as a 10-span one. Rows have one fixed height.
 */
import { type ComponentChildren, type Ref } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

const OVERSCAN = 8;

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  renderRow: (index: number) => ComponentChildren;
  /** Scrolled into view whenever it changes. */
  activeIndex?: number;
  class?: string;
  listRef?: Ref<HTMLDivElement>;
  role?: "tree" | "list" | "listbox";
  ariaLabel?: string;
  ariaActiveDescendant?: string;
  onKeyDown?: (event: KeyboardEvent) => void;
}

export function VirtualList(props: VirtualListProps) {
  const { count, rowHeight, renderRow, activeIndex } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);

  useLayoutEffect(() => {
    const element = ref.current!;
    setViewHeight(element.clientHeight || 600);
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element || activeIndex === undefined || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
  }, [activeIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i));

  return (
    <div
      ref={(element) => {
        ref.current = element;
        if (typeof props.listRef === "function") props.listRef(element);
        else if (props.listRef) props.listRef.current = element;
      }}
      class={`virtual-list ${props.class ?? ""}`}
      role={props.role}
      aria-label={props.ariaLabel}
      aria-activedescendant={props.ariaActiveDescendant}
      tabIndex={0}
      onKeyDown={props.onKeyDown}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div class="virtual-spacer" style={{ height: `${count * rowHeight}px` }}>
        <div class="virtual-window" style={{ transform: `translateY(${first * rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
