/**
 * Runs `work` while holding a lock between vitest's parallel workers: a directory that only
 * one process can create. A lock older than `staleMs` is left over from a crash and is broken.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function withDirectoryLock<T>(lockDir: string, staleMs: number, pollMs: number, work: () => T): T {
  mkdirSync(dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() - started > staleMs) rmSync(lockDir, { recursive: true, force: true });
      sleep(pollMs);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
