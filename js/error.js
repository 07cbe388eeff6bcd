// UcaasError, the one error class of every build of ucaas-client (core, full, and the builds to
// come). The package ships this file once, at its root (pkg/error.js), and every build imports
// that one copy, so `instanceof UcaasError` holds whichever build threw. `isUcaasError` also
// knows an error from another copy of the package (two versions in one bundle), by a brand.

const BRAND = Symbol.for("ucaas-client.UcaasError");

/** The one error type every method of every build throws (or rejects with). */
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
Object.defineProperty(UcaasError.prototype, BRAND, { value: true });

/** Whether `e` is a UcaasError of any build or copy of the package. */
export function isUcaasError(e) {
  return e instanceof UcaasError || (e !== null && typeof e === "object" && e[BRAND] === true);
}

// For the wasm side (src/wasm/js.rs): a UcaasError from Rust's `Error` fields.
export function makeError(kind, message, code, status, desc, field) {
  return new UcaasError(kind, message, code, status, desc, field);
}
