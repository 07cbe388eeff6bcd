// The emulator for a Node suite: started on a free loopback port, stopped at the end.
//   UCAAS_EMULATOR_BIN  the binary (default: target/debug/ucaas-emulator of this repository)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const bin = process.env.UCAAS_EMULATOR_BIN || join(repo, "target", "debug", "ucaas-emulator");

/** Starts an emulator with the flags `args` (e.g. `["--static", dir]`); resolves to
 * `{ origin, baseUrl, control(path, method?, body?), stop() }`. */
export function startEmulator(args = []) {
  return new Promise((done, fail) => {
    if (!existsSync(bin)) {
      fail(new Error(`emulator binary not found: ${bin} (cargo build -p ucaas-emulator, or set UCAAS_EMULATOR_BIN)`));
      return;
    }
    const child = spawn(bin, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); fail(new Error(`no emulator within 10 s: ${out}`)); }, 10_000);
    child.once("error", (e) => { clearTimeout(timer); fail(e); });
    child.once("exit", (code) => { clearTimeout(timer); fail(new Error(`emulator exited (${code}): ${out}`)); });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /^ucaas-emulator listening on (\S+)\s*$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      const baseUrl = m[1];
      const origin = new URL(baseUrl).origin;
      done({ origin, baseUrl, control: (path, method, body) => control(origin, path, method, body), stop: () => stop(child) });
    });
  });
}

async function control(origin, path, method = "GET", body) {
  const res = await fetch(`${origin}/__emulator${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (json.result !== 1) throw new Error(`control ${method} ${path}: ${JSON.stringify(json)}`);
  return json;
}

function stop(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => { clearTimeout(kill); done(); });
    child.kill("SIGTERM");
  });
}
