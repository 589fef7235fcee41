/**
 * A one-line progress counter for long operations, redrawn in place on a terminal and
 * silent otherwise (pipes and files get only the final summary).
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `total` undefined: the count is not known ahead (a tracking server does not say), so only `done` is shown. */
  update(done: number, total: number | undefined): void;
  finish(): void;
}

const REDRAW_MS = 100;

export function createProgress(stream: ProgressStream, label: string, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      const time = now();
      // Redraw at most ten times a second, and always for the last item.
      if ((total === undefined || done < total) && time - last < REDRAW_MS) return;
      last = time;
      if (total === undefined) {
        stream.write(`\r\x1b[2K${label} ${done}`);
      } else {
        const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
        stream.write(`\r\x1b[2K${label} ${done}/${total} (${percent}%)`);
      }
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\r\x1b[2K");
    },
  };
}
