// Unit tests of the page-independent helpers (no browser): URL and colour checks, UTC ↔ local.
import { test } from "node:test";
import assert from "node:assert/strict";
import { safeUrl, safeColour } from "../src/dom.js";
import { parseUtc, toUtcWire, fromLocalInput, truthy } from "../src/format.js";
import { errorField, plainMessage, technical } from "../src/errors.js";

const PAGE = "http://127.0.0.1:8787/join.html";

test("safeUrl keeps https and loopback http, drops everything else", () => {
  assert.equal(safeUrl("https://meet.example.test/terms", PAGE), "https://meet.example.test/terms");
  assert.equal(safeUrl("http://127.0.0.1:9/x", PAGE), "http://127.0.0.1:9/x");
  assert.equal(safeUrl("http://localhost/x", PAGE), "http://localhost/x");
  assert.equal(safeUrl("http://[::1]:8080/", PAGE), "http://[::1]:8080/");
  assert.equal(safeUrl("/logo.svg", PAGE), "http://127.0.0.1:8787/logo.svg", "relative resolves against a loopback page");
  assert.equal(safeUrl("/logo.svg", "http://demo.example/"), null, "relative on a non-loopback http page");
  for (const bad of [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
    "\u0001javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "file:///etc/passwd", "http://evil.example/x", "http://127.0.0.1.evil.example/", "https://user:pw@host/",
    "ftp://host/x", "", "   ", null, undefined, 42, {},
  ]) {
    assert.equal(safeUrl(bad, PAGE), null, JSON.stringify(bad));
  }
});

test("safeColour accepts hex and numeric rgb only", () => {
  for (const ok of ["#fff", "#FFFA", "#1f5fbf", "#1f5fbf80", "rgb(1, 2, 3)", "rgba(10,20,30,0.5)"]) {
    assert.equal(safeColour(ok), ok);
  }
  for (const bad of ["red; background: url(javascript:alert(1))", "red", "#ggg", "url(x)", "expression(alert(1))", "", null]) {
    assert.equal(safeColour(bad), null, String(bad));
  }
});

test("UTC wire format round-trips and local input converts to UTC", () => {
  const d = parseUtc("2030-01-15 04:30:00");
  assert.equal(d.toISOString(), "2030-01-15T04:30:00.000Z");
  assert.equal(toUtcWire(d), "2030-01-15 04:30:00");
  assert.equal(parseUtc("2030-01-15 04:30:00 ").toISOString(), "2030-01-15T04:30:00.000Z");
  assert.equal(parseUtc("garbage"), null);
  const local = fromLocalInput("2030-01-15T10:00");
  assert.equal(local.getHours(), 10);
  assert.equal(toUtcWire(local), toUtcWire(new Date(2030, 0, 15, 10, 0)));
  assert.equal(fromLocalInput("2030-01-15"), null);
  assert.ok(truthy("true") && truthy(1) && truthy(true) && !truthy("false") && !truthy(undefined));
});

test("errors: plain words, code on hover, field from the error or its code", () => {
  const e = { kind: "validation", code: 1612, status: undefined, message: "Meeting Title accepts a minimum of 3 characters.", field: "room_name" };
  assert.equal(plainMessage(e), e.message);
  assert.equal(technical(e), "Code 1612 · kind: validation");
  assert.equal(errorField(e), "room_name");
  assert.equal(errorField({ kind: "validation", code: 1633, status: 406 }), "duration");
  assert.equal(errorField({ kind: "api", code: 1 }), null);
  assert.match(plainMessage({ kind: "unauthenticated", code: 0, status: 401 }, "login"), /wrong email or password/i);
  assert.match(plainMessage({ kind: "network" }), /couldn't reach the server/i);
  assert.equal(technical({ kind: "http", status: 502 }), "HTTP 502 · kind: http");
});
