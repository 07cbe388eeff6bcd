// The host of the server build (`ucaas-client/server`, Node and workerd only): the browser
// host's transport, answer rules and retries, with HTTP Basic (the API id and key) on every
// request instead of a login token, and no session, storage or auth events.
//
// The credentials are kept in a WeakMap, never on the object: `console.log(host)`,
// `util.inspect`, `JSON.stringify` and structured clones of a client or its host cannot show
// them, and no message, URL or log line is made from them.
import { Host as BrowserHost, decodeShape } from "./runtime.js";
import { makeError } from "./error.js";

export { decodeShape };

const credentials = new WeakMap();

const invalid = (field, message) => makeError("validation", message, undefined, undefined, undefined, field);

// base64 of the UTF-8 bytes (btoa takes Latin-1 only; keys are ASCII in practice).
function base64(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// `secretName` is the option holding the secret ("apiKey", or "appKey" for CPaaS), `idName` the
// one naming whose it is: HTTP Basic's user name may not contain a colon.
export function basicCredentials(id, secret, idName, secretName) {
  if (typeof id !== "string" || id.trim() === "" || id.includes(":")) {
    throw invalid(idName, `${idName} is required, without a colon.`);
  }
  if (typeof secret !== "string" || secret === "" || /[\0-\x1f\x7f]/.test(secret)) {
    // The message never repeats the value.
    throw invalid(secretName, `${secretName} is required: a string without control characters.`);
  }
  return `Basic ${base64(`${id.trim()}:${secret}`)}`;
}

// Made by `new UcaasServer(options)` (`baseUrl`, `apiId`, `apiKey`, `appType`, `timeoutMs`), or
// with `door: "cpaas"` by `new CpaasClient(options)` (`baseUrl`, `appId`, `appKey`, `timeoutMs`:
// the CPaaS API takes a project's app id and key, and no X-Api-Id), both in
// src/wasm/client/.
export class Host extends BrowserHost {
  constructor(o, platform) {
    const cpaas = o.door === "cpaas";
    const [idName, secretName] = cpaas ? ["appId", "appKey"] : ["apiId", "apiKey"];
    // The credentials first: a bad one is named as the caller named it.
    const basic = basicCredentials(o[idName], o[secretName], idName, secretName);
    // Memory storage and no token life to read: the browser host's session part stays empty.
    super({ baseUrl: o.baseUrl, apiId: o[idName], appType: o.appType, timeoutMs: o.timeoutMs, storage: "memory", userShape: o.userShape }, platform);
    credentials.set(this, basic);
    this.sendsApiId = !cpaas;
  }

  // No session: a call never waits for or ends one.
  token() {
    return undefined;
  }

  headers(flags, extra, body, token) {
    const headers = super.headers(flags, extra, body, token);
    if (!this.sendsApiId) delete headers["X-Api-Id"];
    headers.Authorization = credentials.get(this);
    return headers;
  }
}

// The Iotum enterprise API's host and the time zone helpers its inputs use (js/iotum.js).
export { IotumHost, wallTime } from "./iotum.js";
