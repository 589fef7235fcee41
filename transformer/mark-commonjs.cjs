// The package is "type": "module"; the compiled transformer is CommonJS (ts-patch require()s
// it), so its output folder gets its own package.json saying so.
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
writeFileSync(join(__dirname, "dist", "package.json"), '{ "type": "commonjs" }\n');
