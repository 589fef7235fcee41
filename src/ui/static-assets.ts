/**
 * The built front end (dist/ui), read into memory at start. Only files that exist there
 * are served, so no request path can reach anything else on disk. Any other page path
 * gets index.html, so that deep links (/traces/…) load the app.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, sep } from "node:path";
import { type Context } from "hono";

interface Asset {
  body: Uint8Array;
  type: string;
  /** Vite names files under assets/ by content hash, so they can be cached for good. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export class StaticAssets {
  private readonly files = new Map<string, Asset>();

  constructor(readonly dir: string) {
    if (!existsSync(join(dir, "index.html"))) {
      throw new Error(`The UI's built files are missing (no ${join(dir, "index.html")}); run npm run build`);
    }
    this.load(dir);
  }

  private load(dir: string): void {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        this.load(path);
        continue;
      }
      const url = "/" + relative(this.dir, path).split(sep).join("/");
      this.files.set(url, {
        body: readFileSync(path),
        type: TYPES[extname(path)] ?? "application/octet-stream",
        immutable: url.startsWith("/assets/"),
      });
    }
  }

  respond(c: Context): Response {
    const path = c.req.path;
    const asset = this.files.get(path) ?? (looksLikeFile(path) ? undefined : this.files.get("/index.html"));
    if (asset === undefined) return c.text("Not found", 404);
    c.header("Content-Type", asset.type);
    c.header("Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  }
}

function looksLikeFile(path: string): boolean {
  return extname(path) !== "" && !path.startsWith("/traces/");
}

/**
 * Where the built UI lives: `dist/ui` of this package. This module is at dist/esm/ui or
 * dist/cjs/ui once built, and at src/ui when run from source (tests), so walk up from it.
 */
export function defaultAssetsDir(moduleFile: string = ownModuleFile()): string {
  let dir = dirname(moduleFile);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "dist", "ui");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    if (dir.endsWith(sep + "dist") && existsSync(join(dir, "ui", "index.html"))) return join(dir, "ui");
    dir = dirname(dir);
  }
  return join(dirname(moduleFile), "..", "..", "ui");
}

/**
 * This file's own path, in both the ESM and the CommonJS build: import.meta cannot be
 * written in code compiled to CommonJS, but every stack trace names the file.
 */
function ownModuleFile(): string {
  const line = new Error().stack?.split("\n").find((l) => /static-assets\.[cm]?[jt]s/.test(l)) ?? "";
  const match = /(?:file:\/\/)?((?:\/|[A-Za-z]:\\)[^:]+static-assets\.[cm]?[jt]s)/.exec(line);
  return match ? decodeURIComponent(match[1]!) : join(process.cwd(), "src", "ui", "static-assets.ts");
}
