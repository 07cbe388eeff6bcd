// The one UcaasClient of a page, created after the wasm module is initialised.
import init, { UcaasClient, UcaasError } from "ucaas-client";
import { config } from "./config.js";

let clientPromise;

/** Resolves to the page's UcaasClient (initialising the wasm module on first use). */
export function getClient() {
  clientPromise ??= (async () => {
    await init();
    const client = new UcaasClient({
      baseUrl: config.baseUrl,
      apiId: config.apiId,
      appType: "vc",
      storage: "session", // survives a reload of this tab, gone when the tab closes
      storageKey: "ucaas.demo.session",
      timeoutMs: 15000,
    });
    if (typeof client.ready === "function") await client.ready();
    return client;
  })();
  return clientPromise;
}

export { UcaasError };
