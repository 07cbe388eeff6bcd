// Starts and stops the processes the edge tests need: the emulator and workerd, on free loopback
// ports. Every process started here is registered and killed by stopAll() (and on exit).

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { writeModulesCapnp } from "../tools/modules.mjs";

export const EDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = resolve(EDGE_DIR, "..");
export const EMULATOR_BIN =
  process.env.UCAAS_EMULATOR_BIN ?? join(REPO_DIR, "target", "debug", "ucaas-emulator");
export const WORKERD_BIN = process.env.WORKERD_BIN ?? join(EDGE_DIR, "node_modules", ".bin", "workerd");

/** @type {Set<import("node:child_process").ChildProcess>} */
const children = new Set();
/** @type {string[]} */
const tempDirs = [];

process.on("exit", () => {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {}
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function track(child) {
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

/** Kills every process started through this module and waits for them to exit. */
export async function stopAll() {
  const waits = [...children].map(
    (child) =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill("SIGKILL"), 3000);
        child.once("exit", () => {
          clearTimeout(force);
          done();
        });
        child.kill("SIGTERM");
      }),
  );
  await Promise.all(waits);
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not ready after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Starts the emulator with `--port 0` and reads its one stdout line.
 * @returns {Promise<{ baseUrl: string, origin: string, process: import("node:child_process").ChildProcess, stderr: string[] }>}
 */
export async function startEmulator(extraArgs = []) {
  const child = track(
    spawn(EMULATOR_BIN, ["--port", "0", ...extraArgs], { stdio: ["ignore", "pipe", "pipe"] }),
  );
  const stderr = [];
  createInterface({ input: child.stderr }).on("line", (l) => stderr.push(l));
  const line = await withTimeout(
    new Promise((ok, fail) => {
      child.once("error", fail);
      child.once("exit", (code) => fail(new Error(`emulator exited (${code}): ${stderr.join("\n")}`)));
      createInterface({ input: child.stdout }).on("line", (l) => {
        if (/listening on http:\/\//.test(l)) ok(l);
      });
    }),
    20000,
    `emulator ${EMULATOR_BIN}`,
  );
  const baseUrl = line.match(/(http:\/\/\S+)/)[1].replace(/\/$/, "");
  return { baseUrl, origin: new URL(baseUrl).origin, process: child, stderr };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** The package directory the tests load: UCAAS_PKG_DIR, or ../pkg beside edge/. */
const pkgDir = () => (process.env.UCAAS_PKG_DIR ? resolve(process.env.UCAAS_PKG_DIR) : undefined);

/**
 * Starts workerd on the checked-in edge/config.capnp, listening on a free loopback port (read
 * from workerd's control fd), with a fresh Durable Object directory, or `stateDir` (to restart
 * an edge on the state of an earlier one).
 * @param {Record<string, string>} env  the worker's settings (config.capnp reads them from the environment)
 * @param {{ stateDir?: string }} [options]
 */
export async function startEdge(env, { stateDir } = {}) {
  writeModulesCapnp(pkgDir());
  if (!stateDir) {
    stateDir = mkdtempSync(join(tmpdir(), "ucaas-edge-"));
    tempDirs.push(stateDir);
  }
  const edge = await startWorkerd(join(EDGE_DIR, "config.capnp"), ["--directory-path", `pin-guard-storage=${stateDir}`], env);
  return { ...edge, stateDir };
}

/** Stops one process started here (SIGTERM, then SIGKILL after 3 s) and waits for its exit. */
export async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts workerd on test/server.capnp: test/server-worker.js on the package's server build
 * ("ucaas-client/server"), its modules listed into .gen/server-modules.capnp first.
 * @param {Record<string, string>} env  the worker's bindings (server.capnp reads them from the environment)
 */
export async function startServerWorker(env) {
  writeModulesCapnp(pkgDir(), {
    subpath: "./server",
    main: ["test/server-worker.js"],
    out: ".gen/server-modules.capnp",
  });
  return startWorkerd(join(EDGE_DIR, "test", "server.capnp"), [], env);
}

/** workerd serving `config` with its socket `http` on a free loopback port. */
async function startWorkerd(config, extraArgs, env) {
  const child = track(
    spawn(
      WORKERD_BIN,
      ["serve", config, "--socket-addr", "http=127.0.0.1:0", ...extraArgs, "--control-fd", "3"],
      {
        stdio: ["ignore", "pipe", "pipe", "pipe"],
        env: { ...process.env, ...env },
      },
    ),
  );
  const output = [];
  createInterface({ input: child.stdout }).on("line", (l) => output.push(l));
  createInterface({ input: child.stderr }).on("line", (l) => output.push(l));
  const port = await withTimeout(
    new Promise((ok, fail) => {
      child.once("error", fail);
      child.once("exit", (code) => fail(new Error(`workerd exited (${code}):\n${output.join("\n")}`)));
      createInterface({ input: child.stdio[3] }).on("line", (l) => {
        try {
          const msg = JSON.parse(l);
          if (msg.event === "listen" && msg.socket === "http") ok(msg.port);
        } catch {}
      });
    }),
    30000,
    "workerd",
  );
  return { url: `http://127.0.0.1:${port}`, process: child, output };
}
