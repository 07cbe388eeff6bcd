# workerd configuration of bench/passthrough-worker.js, the hand-written side of bench/edge.sh:
#
#   UCAAS_BASE_URL=... UCAAS_API_ID=demo-app \
#     edge/node_modules/.bin/workerd serve bench/passthrough.capnp --socket-addr http=127.0.0.1:0

using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "passthrough", worker = .passthroughWorker),
    # The global fetch(); loopback allowed so the upstream can be the local emulator.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8790", http = (), service = "passthrough"),
  ],
);

const passthroughWorker :Workerd.Worker = (
  # The same date as the edge proxy (edge/config.capnp), so both run with the same behaviour.
  compatibilityDate = "2025-06-01",
  modules = [
    (name = "passthrough-worker.js", esModule = embed "passthrough-worker.js"),
  ],
  bindings = [
    (name = "UCAAS_BASE_URL", fromEnvironment = "UCAAS_BASE_URL"),
    (name = "UCAAS_API_ID", fromEnvironment = "UCAAS_API_ID"),
  ],
);
