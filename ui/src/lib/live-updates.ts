/** Server-sent events from /api/events: calls back when the store gets new or changed traces. */
import { useEffect, useRef } from "preact/hooks";

export interface StoreChange {
  latestTraceId: string | null;
  count: number;
}

export function useStoreChanges(onChange: (change: StoreChange) => void): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const source = new EventSource("/api/events");
    source.addEventListener("traces", (event) => {
      try {
        callback.current(JSON.parse((event as MessageEvent<string>).data) as StoreChange);
      } catch {
        // A malformed message is skipped; the next one carries the full state.
      }
    });
    return () => source.close();
  }, []);
}
