/** What a summary's numbers mean, in words, shown with them (API, CLI, UI). */
export const PERCENTILE_NOTE =
  "Latency percentiles are nearest-rank over latency bins: exact below 20 ms, within 2.5% above (bins are at most 5% wide).";
