/**
 * The HTTP headers every response from proxy.ts carries (OWASP ASVS V3.4). Pure, so the unit tests
 * and the proxy share one definition.
 */

export interface SecurityHeaderOptions {
  /** Fresh for every request: Next.js reads it back from the request's CSP header and puts it on its scripts. */
  nonce: string;
  /** Set only when the request came over HTTPS: HSTS on a plain-HTTP answer would be ignored, or wrong. */
  https: boolean;
  /** `next dev` needs `'unsafe-eval'` for React's debugging; a production build never gets it. */
  dev: boolean;
}

/** 16 random bytes, base64: unguessable, and in the form CSP's `'nonce-…'` source accepts. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts only with this request's nonce (`'strict-dynamic'` lets those load Next's chunks).
 * Styles allow `'unsafe-inline'` because React renders `style` attributes (the charts on /stats);
 * a style cannot run code, and no nonce is given for styles since a nonce would disable it.
 */
export function contentSecurityPolicy({ nonce, https, dev }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** Two years, the HSTS preload list's minimum. */
const HSTS = "max-age=63072000; includeSubDomains";

/**
 * The response headers. `Cache-Control: no-store` goes on everything the proxy answers: pages and
 * API responses may carry case data, and nothing Passage serves dynamically is worth caching.
 */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
    ...(options.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** HTTPS as the client saw it: the URL itself, or the TLS-terminating proxy's `X-Forwarded-Proto`. */
export function arrivedOverHttps(url: URL, forwardedProto: string | null): boolean {
  if (url.protocol === "https:") return true;
  return (forwardedProto ?? "").split(",")[0]!.trim().toLowerCase() === "https";
}
