/** The CLI's choice of store (flags, then environment), its secret blanking and its progress line without a total. */
import { describe, expect, it } from "vitest";
import { CliError } from "../../src/cli/cli-error.js";
import { describeLocation, resolveLocation } from "../../src/cli/open-store.js";
import { createProgress } from "../../src/cli/progress.js";
import { redactSecrets } from "../../src/cli/redact-secrets.js";
import { TracedUsageError } from "../../src/config/errors.js";

describe("resolveLocation", () => {
  const env = { TRACED_DB: "", MLFLOW_TRACKING_URI: "" };

  it("takes --tracking-uri (file, sqlite:/// or server) or --db first, then TRACED_DB, then MLFLOW_TRACKING_URI, then ./traced.db", () => {
    expect(resolveLocation({ trackingUri: "http://mlflow:5000" }, { ...env, TRACED_DB: "x.db" })).toEqual({ kind: "server", trackingUri: "http://mlflow:5000" });
    expect(resolveLocation({ trackingUri: "sqlite:////tmp/a.db" }, env)).toEqual({ kind: "file", path: "/tmp/a.db" });
    expect(resolveLocation({ trackingUri: "./a.db" }, env)).toEqual({ kind: "file", path: "./a.db" });
    expect(resolveLocation({ db: "sqlite:///b.db" }, { ...env, MLFLOW_TRACKING_URI: "http://mlflow:5000" })).toEqual({ kind: "file", path: "b.db" });
    expect(resolveLocation({}, { ...env, TRACED_DB: "c.db", MLFLOW_TRACKING_URI: "http://mlflow:5000" })).toEqual({ kind: "file", path: "c.db" });
    expect(resolveLocation({}, { ...env, MLFLOW_TRACKING_URI: "https://mlflow.example.com" })).toEqual({ kind: "server", trackingUri: "https://mlflow.example.com" });
    expect(resolveLocation({}, { ...env, MLFLOW_TRACKING_URI: "sqlite:///d.db" })).toEqual({ kind: "file", path: "d.db" });
    expect(resolveLocation({}, env)).toEqual({ kind: "file", path: "traced.db" });
  });

  it("refuses both flags, and a URI that is neither a file nor a server, naming where it came from", () => {
    expect(() => resolveLocation({ db: "a.db", trackingUri: "http://x" }, env)).toThrow(CliError);
    expect(() => resolveLocation({ trackingUri: "databricks" }, env)).toThrow(/^--tracking-uri: cannot open "databricks"/);
    expect(() => resolveLocation({ trackingUri: "databricks://profile" }, env)).toThrow(/^--tracking-uri: cannot open "databricks:\/\/profile"/);
    expect(() => resolveLocation({}, { ...env, MLFLOW_TRACKING_URI: "postgresql://db/mlflow" })).toThrow(TracedUsageError);
    expect(() => resolveLocation({}, { ...env, MLFLOW_TRACKING_URI: "postgresql://db/mlflow" })).toThrow(/^MLFLOW_TRACKING_URI: /);
  });

  it("describes a server without a user:password part", () => {
    expect(describeLocation({ kind: "server", trackingUri: "https://alice:pw@mlflow.example.com/" })).toBe("https://mlflow.example.com/");
    expect(describeLocation({ kind: "file", path: "/tmp/t.db" })).toBe("/tmp/t.db");
  });
});

describe("redactSecrets", () => {
  it("blanks the token, the password, their basic-auth form and URL credentials", () => {
    const basic = Buffer.from("alice:hunter22").toString("base64");
    const text = `Bearer tok-123456 failed; Basic ${basic}; http://alice:hunter22@host:5000/api; hunter22`;
    expect(redactSecrets(text, { MLFLOW_TRACKING_TOKEN: "tok-123456" })).toBe(`Bearer *** failed; Basic ${basic}; http://host:5000/api; hunter22`);
    expect(redactSecrets(text, { MLFLOW_TRACKING_USERNAME: "alice", MLFLOW_TRACKING_PASSWORD: "hunter22" })).toBe("Bearer tok-123456 failed; Basic ***; http://host:5000/api; ***");
  });

  it("leaves text alone when no credentials are set", () => {
    expect(redactSecrets("Trace tr-1 not found", {})).toBe("Trace tr-1 not found");
  });
});

describe("createProgress without a total", () => {
  it("shows the count alone, redrawn at most ten times a second", () => {
    const written: string[] = [];
    let now = 0;
    const progress = createProgress({ isTTY: true, write: (text: string) => written.push(text) }, "Copying traces", () => now);
    progress.update(100, undefined);
    now = 50;
    progress.update(200, undefined);
    now = 150;
    progress.update(300, undefined);
    progress.finish();
    expect(written).toEqual(["\r\x1b[2KCopying traces 100", "\r\x1b[2KCopying traces 300", "\r\x1b[2K"]);
  });
});
