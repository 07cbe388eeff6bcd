# workerd configuration for running the edge join proxy locally (edge/README.md, "Run locally").
#
#   node edge/tools/modules.mjs            # lists pkg/'s files for workerd (.gen/modules.capnp)
#   npx workerd serve edge/config.capnp \
#     --socket-addr http=127.0.0.1:8788 \
#     --directory-path pin-guard-storage=/tmp/ucaas-edge/pin-guard
#
# Settings come from the process environment (fromEnvironment), so the same checked-in file
# serves `run.sh`, the tests and the benchmark; an unset variable leaves the binding undefined
# and the worker uses its default. Deploying to Cloudflare uses wrangler.toml instead.

using Workerd = import "/workerd/workerd.capnp";
using Modules = import ".gen/modules.capnp";

const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edgeWorker),
    # The global fetch() (the package's transport). Loopback and private ranges are allowed so
    # the upstream can be the local emulator.
    (name = "internet", network = (allow = ["public", "private", "local"])),
    # Local stand-in for Cloudflare's edge cache behind caches.default.
    (name = "edge-cache", worker = .cacheWorker),
    # Durable Object storage for the PIN guard (SQLite files, one per client IP and one per PIN class).
    (name = "pin-guard-storage", disk = (path = "/tmp/ucaas-edge/pin-guard", writable = true)),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8788", http = (), service = "edge"),
  ],
);

const edgeWorker :Workerd.Worker = (
  compatibilityDate = "2025-06-01",
  # The worker's modules and the npm package's files (its `workerd` entry named "ucaas-client",
  # the wasm-bindgen glue and snippets, and the .wasm as a compiled module), listed by
  # tools/modules.mjs from pkg/ into .gen/modules.capnp (the snippet folder's name carries a hash
  # that changes between checkouts). run.sh, the tests and the benchmark write it first.
  modules = Modules.modules,
  bindings = [
    (name = "UCAAS_BASE_URL", fromEnvironment = "UCAAS_BASE_URL"),
    # The X-Api-Id sent upstream. A secret on Cloudflare (`wrangler secret put UCAAS_API_ID`);
    # never taken from the client.
    (name = "UCAAS_API_ID", fromEnvironment = "UCAAS_API_ID"),
    (name = "ALLOWED_ORIGINS", fromEnvironment = "ALLOWED_ORIGINS"),
    (name = "CORS_ALLOW_CREDENTIALS", fromEnvironment = "CORS_ALLOW_CREDENTIALS"),
    (name = "UPSTREAM_TIMEOUT_MS", fromEnvironment = "UPSTREAM_TIMEOUT_MS"),
    (name = "BRANDING_TTL_SECONDS", fromEnvironment = "BRANDING_TTL_SECONDS"),
    (name = "PIN_MAX_FAILURES", fromEnvironment = "PIN_MAX_FAILURES"),
    (name = "PIN_WINDOW_SECONDS", fromEnvironment = "PIN_WINDOW_SECONDS"),
    (name = "PIN_GLOBAL_MAX_FAILURES", fromEnvironment = "PIN_GLOBAL_MAX_FAILURES"),
    (name = "PIN_GLOBAL_WINDOW_SECONDS", fromEnvironment = "PIN_GLOBAL_WINDOW_SECONDS"),
    (name = "PIN_GUARD_SYNC_MS", fromEnvironment = "PIN_GUARD_SYNC_MS"),
    # workerd does not pass the TCP peer to the worker; the socket above is loopback-only, so the
    # peer of a request without CF-Connecting-IP is this address.
    (name = "LOCAL_PEER_IP", text = "127.0.0.1"),
    (name = "PIN_GUARD", durableObjectNamespace = "PinGuard"),
    (name = "FAILURE_TALLY", durableObjectNamespace = "FailureTally"),
  ],
  durableObjectNamespaces = [
    (className = "PinGuard", uniqueKey = "ucaas-edge-pin-guard"),
    (className = "FailureTally", uniqueKey = "ucaas-edge-failure-tally"),
  ],
  durableObjectStorage = (localDisk = "pin-guard-storage"),
  cacheApiOutbound = "edge-cache",
);

const cacheWorker :Workerd.Worker = (
  compatibilityDate = "2025-06-01",
  modules = [
    (name = "cache-service.js", esModule = embed "local/cache-service.js"),
  ],
);
