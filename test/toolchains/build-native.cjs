// postinstall of test/toolchains: builds better-sqlite3 (a copy of the root package's, so the
// same version) for the Node 22 and 24 binaries installed here, with node-gyp against the
// headers each of them ships (include/node): offline, nothing downloaded. The builds go to
// node_modules/.native/<node22|node24>/better-sqlite3; the root node_modules keeps its own
// Node 20 build. Both builds run at once (one compiler each: 2 cores), about a minute.
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const source = path.join(__dirname, "../../node_modules/better-sqlite3");
if (!fs.existsSync(path.join(source, "binding.gyp"))) {
  console.error(`test/toolchains: ${source} is missing: run \`npm ci\` in the repository root first.`);
  process.exit(1);
}
// npm gives lifecycle scripts its own node-gyp; else the one bundled with the npm running us.
const nodeGyp = process.env.npm_config_node_gyp || path.join(path.dirname(process.env.npm_execpath || ""), "../node_modules/node-gyp/bin/node-gyp.js");
const buildDir = path.join(source, "build");

function build(name) {
  const nodedir = path.join(__dirname, "node_modules", name);
  const dest = path.join(__dirname, "node_modules/.native", name, "better-sqlite3");
  fs.rmSync(dest, { recursive: true, force: true });
  fs.cpSync(source, dest, { recursive: true, filter: (file) => file !== buildDir && !file.startsWith(buildDir + path.sep) });
  const log = path.join(dest, "..", "build.log");
  const out = fs.openSync(log, "w");
  const args = [nodeGyp, "rebuild", "--release", `--nodedir=${nodedir}`, "--jobs=1"];
  const child = spawn(process.execPath, args, { cwd: dest, stdio: ["ignore", out, out], env: { ...process.env, npm_config_nodedir: nodedir } });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      fs.closeSync(out);
      if (code !== 0) return reject(new Error(`node-gyp for ${name} exited ${code}; the end of ${log}:\n${fs.readFileSync(log, "utf8").split("\n").slice(-25).join("\n")}`));
      // The build must load in the Node it was made for.
      const check = spawnSync(path.join(nodedir, "bin/node"), ["-e", `new (require(${JSON.stringify(dest)}))(":memory:").prepare("select 1").get()`], { encoding: "utf8" });
      if (check.status !== 0) return reject(new Error(`better-sqlite3 built for ${name} does not load there:\n${check.stderr}`));
      resolve();
    });
  });
}

Promise.all(["node22", "node24"].map(build)).then(
  () => console.log("test/toolchains: better-sqlite3 built for Node 22 and 24"),
  (error) => {
    console.error(`test/toolchains: ${error.message}`);
    process.exit(1);
  },
);
