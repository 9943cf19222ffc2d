// Runs ruff (the npm WebAssembly build) with its async rules over every .py
// file under the given roots and prints files, findings and CPU seconds as
// one JSON line. Used by bench/stdlib.sh and compare.sh.
const fs = require("fs");
const path = require("path");
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (["site-packages", "__pycache__", ".git", "node_modules"].includes(e.name)) continue;
      walk(p, out);
    } else if (e.name.endsWith(".py")) out.push(p);
  }
  return out;
}

const roots = process.argv.slice(2);
const files = roots.flatMap((r) => (fs.statSync(r).isDirectory() ? walk(r, []) : [r]));
const ws = new Workspace({ lint: { select: ["ASYNC", "RUF006"], preview: true } }, PositionEncoding.Utf8);
const start = process.cpuUsage();
const t0 = Date.now();
let findings = 0;
const byCode = {};
const report = process.env.RUFF_REPORT === "1";
for (const f of files) {
  let src;
  try {
    src = fs.readFileSync(f, "utf8");
  } catch {
    continue;
  }
  for (const d of ws.check(src)) {
    findings++;
    byCode[d.code] = (byCode[d.code] || 0) + 1;
    if (report) console.log(`${f}:${d.start_location.row}:${d.start_location.column}: ${d.message} (${d.code})`);
  }
}
const cpu = process.cpuUsage(start);
console.log(JSON.stringify({ tool: "ruff-wasm", files: files.length, findings, byCode, wall: (Date.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 }));
