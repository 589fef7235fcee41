/** An exporter's delivery counters; kept apart from the queue so an exporter can report them before its delivery code loads. */
export interface DeliveryStats {
  /** Spans and traces delivered. */
  exportedSpans: number;
  exportedTraces: number;
  /** Spans and traces lost: the buffer was full, or delivery failed for good. */
  droppedSpans: number;
  droppedTraces: number;
  /** Retries made (not counting first attempts). */
  retries: number;
  bufferedBytes: number;
  peakBufferedBytes: number;
}

/** The counters before anything was sent, dropped or buffered. */
export function emptyDeliveryStats(): DeliveryStats {
  return { exportedSpans: 0, exportedTraces: 0, droppedSpans: 0, droppedTraces: 0, retries: 0, bufferedBytes: 0, peakBufferedBytes: 0 };
}
