// The few pieces of ucaas-client that are JavaScript by nature. wasm-bindgen copies this file
// into the package (pkg/snippets/...); the package's entry files re-export UcaasError from it.

/** The one error type every method of UcaasClient throws (or rejects with). */
export class UcaasError extends Error {
  constructor(kind, message, code, status, desc, field) {
    super(message);
    this.name = "UcaasError";
    this.kind = kind;
    this.code = code;
    this.status = status;
    this.desc = desc;
    this.field = field;
  }
}

export function makeError(kind, message, code, status, desc, field) {
  return new UcaasError(kind, message, code, status, desc, field);
}

// A timer that never keeps Node's event loop alive on its own (a signed-in client would
// otherwise hold a process open for the token's 15 minutes).
export function setTimer(callback, ms) {
  const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2147483647));
  if (handle && typeof handle.unref === "function") handle.unref();
  return handle;
}

export function clearTimer(handle) {
  clearTimeout(handle);
}

// A plain (ref'd) timeout: a retry in progress must keep Node alive until the call settles.
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

// Every item (list[key]) of every page, fetching a page only when the consumer asks for more.
export async function* pages(fetchPage, firstPage, pageLength, key) {
  for (let page = firstPage; ; page++) {
    const list = await fetchPage(page);
    yield* list[key];
    if (list[key].length < pageLength) return;
  }
}

// Calls a listener without letting its exception break the client.
export function callListener(listener, event, session) {
  try {
    listener(event, session);
  } catch (e) {
    queueMicrotask(() => { throw e; });
  }
}
