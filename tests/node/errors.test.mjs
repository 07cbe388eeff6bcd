// One UcaasError class for every build: an error thrown by `ucaas-client/full` is an
// `instanceof` the core's UcaasError and the other way round, and `isUcaasError` also knows an
// error of another copy of the package (by its brand).
//
//   node --test tests/node/errors.test.mjs     (after bash scripts/build-pkg.sh)
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { importPackage } from "./lib/package.mjs";

const core = await importPackage();
const full = await importPackage("/full");
after(() => { core.cleanup(); full.cleanup(); });

const refusal = (pkg) => {
  try {
    new pkg.UcaasClient({ baseUrl: "ftp://nowhere", apiId: "app" });
  } catch (e) {
    return e;
  }
  assert.fail("the constructor should throw");
};

test("the core and the full build throw the one UcaasError class", async () => {
  assert.equal(core.module.UcaasError, full.module.UcaasError, "one class object");
  for (const thrower of [core.module, full.module]) {
    const e = refusal(thrower);
    assert.ok(e instanceof core.module.UcaasError && e instanceof full.module.UcaasError && e instanceof Error);
    assert.equal(e.kind, "validation");
    assert.ok(core.module.isUcaasError(e) && full.module.isUcaasError(e));
  }
  // From a rejected call too, not only the constructor.
  const client = new full.module.UcaasClient({ baseUrl: "http://127.0.0.1:9/ucaas/v1", apiId: "app", storage: "memory" });
  await assert.rejects(client.getContact(".."), (e) => e instanceof core.module.UcaasError && e.field === "contact_id");
});

test("isUcaasError: errors of another copy of the package yes, look-alikes no", () => {
  const brand = Symbol.for("ucaas-client.UcaasError");
  class OtherCopy extends Error {}
  Object.defineProperty(OtherCopy.prototype, brand, { value: true });
  assert.ok(core.module.isUcaasError(new OtherCopy("x")));
  for (const no of [new Error("x"), { kind: "validation" }, null, undefined, "UcaasError", 42]) {
    assert.equal(core.module.isUcaasError(no), false, String(no));
  }
});
