// Builds index.html and join.html into dist/, consuming the installed `ucaas-client` package.
// Configuration at build time (all optional):
//   UCAAS_API_BASE         API base URL; default "/ucaas/v1" (same origin as the page)
//   UCAAS_API_ID           X-Api-Id; default "demo-app"
//   UCAAS_BRANDING_DOMAIN  domain whose branding the join page shows first; default "meet.example.test"
//   UCAAS_BRANDING_ORIGINS space-separated https origins allowed for branding images/videos; default none
// The Content-Security-Policy meta tag is generated from UCAAS_API_BASE: 'self' plus that origin.
import { defineConfig } from "vite";
import { resolve } from "node:path";

const apiBase = process.env.UCAAS_API_BASE || "/ucaas/v1";
const apiId = process.env.UCAAS_API_ID || "demo-app";
const brandingDomain = process.env.UCAAS_BRANDING_DOMAIN ?? "meet.example.test";
// Opt-in: https origins that host branding logos, banners and videos (img-src / media-src only).
const brandingOrigins = (process.env.UCAAS_BRANDING_ORIGINS || "").split(/\s+/).filter(Boolean).map((o) => {
  const url = new URL(o);
  if (url.protocol !== "https:") throw new Error(`UCAAS_BRANDING_ORIGINS must be https origins: ${o}`);
  return url.origin;
});

function apiOrigin(base) {
  if (!/^https?:\/\//i.test(base)) return null; // relative: same origin, 'self' covers it
  const url = new URL(base);
  if (url.protocol !== "https:" && !/^(localhost|127(?:\.\d+){3}|\[::1\])$/.test(url.hostname)) {
    throw new Error(`UCAAS_API_BASE must be https (or http on loopback): ${base}`);
  }
  return url.origin;
}

export function csp(base = apiBase) {
  const api = apiOrigin(base);
  const self = api ? `'self' ${api}` : "'self'";
  const media = [self, ...brandingOrigins].join(" ");
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the page compile the package's .wasm; it allows no JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src ${self}`,
    `img-src ${media}`,
    `media-src ${media}`,
    "style-src 'self'",
    "font-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    // No HTML sinks at all, except one named policy for the sandboxed video_embed iframe.
    "require-trusted-types-for 'script'",
    "trusted-types ucaas-demo-embed",
  ].join("; ");
}

const escapeAttr = (s) => String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function demoConfig() {
  const values = {
    UCAAS_CSP: csp(),
    UCAAS_API_BASE: apiBase,
    UCAAS_API_ID: apiId,
    UCAAS_BRANDING_DOMAIN: brandingDomain,
    // Origins (besides the page's own) that img-src / media-src allow: the page only loads branding
    // images and videos from these, so a blocked URL is never even requested.
    UCAAS_MEDIA_ORIGINS: [apiOrigin(apiBase), ...brandingOrigins].filter(Boolean).join(" "),
  };
  return {
    name: "ucaas-demo-config",
    transformIndexHtml(html) {
      return html.replace(/%(UCAAS_[A-Z_]+)%/g, (m, key) => (key in values ? escapeAttr(values[key]) : m));
    },
  };
}

export default defineConfig({
  base: "/",
  plugins: [demoConfig()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No modulepreload polyfill: it would be the only inline-ish script and every target browser has modulepreload.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, "index.html"),
        join: resolve(import.meta.dirname, "join.html"),
      },
    },
  },
  server: { strictPort: false },
});
