// What a promise rejected with; the test fails if it fulfilled instead.
import assert from "node:assert/strict";

export async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail("expected a rejection");
}
