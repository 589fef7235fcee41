/** A plain-text table: columns padded to their widest cell, one column allowed to shrink to fit the terminal. */
export interface Column {
  readonly header: string;
  /** This column absorbs the width the terminal lacks (the preview). */
  readonly flexible?: boolean;
  readonly alignRight?: boolean;
}

const MIN_FLEXIBLE = 10;

/** Control characters from stored data must not move the cursor or recolour the terminal. */
export function cleanCell(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ");
}

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + "…";
}

export function renderTable(columns: readonly Column[], rows: readonly string[][], maxWidth = Infinity, gap = "  "): string {
  const cells = rows.map((row) => row.map(cleanCell));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => row[i]!.length)));
  const total = widths.reduce((sum, w) => sum + w, 0) + gap.length * (columns.length - 1);
  const flexible = columns.findIndex((column) => column.flexible);
  if (total > maxWidth && flexible >= 0) {
    widths[flexible] = Math.max(MIN_FLEXIBLE, widths[flexible]! - (total - maxWidth));
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        const text = truncate(cell, widths[i]!);
        return columns[i]!.alignRight ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      })
      .join(gap)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join("\n");
}
