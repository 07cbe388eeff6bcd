// The hand-written join worker the edge proxy is measured against (bench/edge.sh): what a site
// would write without the package. It forwards the body to the upstream's /sessions/join with the
// X-Api-Id header and returns the answer as it is: no wasm, no Durable Object, no validation.
export default {
  async fetch(request, env) {
    return fetch(`${env.UCAAS_BASE_URL}/sessions/join`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Api-Id": env.UCAAS_API_ID },
      body: request.body,
    });
  },
};
