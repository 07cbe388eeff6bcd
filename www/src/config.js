// Demo configuration. Values come from <meta> tags that vite.config.js fills in at build time
// (env UCAAS_API_BASE, UCAAS_API_ID, UCAAS_BRANDING_DOMAIN); the defaults suit the emulator serving
// this folder same-origin.
function meta(name, fallback) {
  const value = document.querySelector(`meta[name="${name}"]`)?.getAttribute("content")?.trim();
  return value && !value.startsWith("%") ? value : fallback;
}

const base = meta("ucaas-api-base", "/ucaas/v1");

export const config = Object.freeze({
  /** Absolute API base URL; a relative value is resolved against this page (same origin). */
  baseUrl: new URL(base, document.baseURI).href.replace(/\/+$/, ""),
  /** The public application id sent as X-Api-Id (never an API key: those must not ship to browsers). */
  apiId: meta("ucaas-api-id", "demo-app"),
  /** The domain whose branding the join page shows before a meeting is known. */
  brandingDomain: meta("ucaas-branding-domain", "meet.example.test"),
  /** Origins branding images and videos may come from (the page's, the API's, UCAAS_BRANDING_ORIGINS). */
  mediaOrigins: Object.freeze([location.origin, ...meta("ucaas-media-origins", "").split(/\s+/).filter(Boolean)]),
  /** Rows per page on the meetings list (overridable with #/meetings?per=N). */
  pageLength: 10,
});
