// Medians and spreads over rounds, shared by the bench reports.
export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** (max − min) ÷ median of the finite values; NaN with fewer than two. */
export const spread = (values) => {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length < 2 ? NaN : (Math.max(...finite) - Math.min(...finite)) / median(finite);
};
