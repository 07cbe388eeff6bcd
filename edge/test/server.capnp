# workerd configuration of test/server-worker.js, the server build ("ucaas-client/server") in
# workerd; test/server.test.mjs runs it:
#
#   node edge/tools/modules.mjs [PKG_DIR] --subpath ./server --main test/server-worker.js \
#     --out .gen/server-modules.capnp
#   UCAAS_BASE_URL=... UCAAS_API_ID=demo-app UCAAS_API_KEY=demo-key ACME_API_ID=acme-app \
#   ACME_API_KEY=acme-key WRONG_API_KEY=... CPAAS_BASE_URL=<emulator origin>/cpaas \
#   CPAAS_APP_ID=acme-app CPAAS_APP_KEY=acme-key IOTUM_BASE_URL=<emulator origin> \
#   IOTUM_API_TOKEN=iotum-company-token \
#     npx workerd serve edge/test/server.capnp --socket-addr http=127.0.0.1:8789

using Workerd = import "/workerd/workerd.capnp";
using Modules = import "../.gen/server-modules.capnp";

const config :Workerd.Config = (
  services = [
    (name = "server", worker = .serverWorker),
    # The global fetch(); loopback allowed so the upstream can be the local emulator.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8789", http = (), service = "server"),
  ],
);

const serverWorker :Workerd.Worker = (
  compatibilityDate = "2025-06-01",
  modules = Modules.modules,
  bindings = [
    (name = "UCAAS_BASE_URL", fromEnvironment = "UCAAS_BASE_URL"),
    (name = "UCAAS_API_ID", fromEnvironment = "UCAAS_API_ID"),
    (name = "UCAAS_API_KEY", fromEnvironment = "UCAAS_API_KEY"),
    (name = "ACME_API_ID", fromEnvironment = "ACME_API_ID"),
    (name = "ACME_API_KEY", fromEnvironment = "ACME_API_KEY"),
    (name = "WRONG_API_KEY", fromEnvironment = "WRONG_API_KEY"),
    (name = "CPAAS_BASE_URL", fromEnvironment = "CPAAS_BASE_URL"),
    (name = "CPAAS_APP_ID", fromEnvironment = "CPAAS_APP_ID"),
    (name = "CPAAS_APP_KEY", fromEnvironment = "CPAAS_APP_KEY"),
    (name = "IOTUM_BASE_URL", fromEnvironment = "IOTUM_BASE_URL"),
    (name = "IOTUM_API_TOKEN", fromEnvironment = "IOTUM_API_TOKEN"),
  ],
);
