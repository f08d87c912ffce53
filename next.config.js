// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Same value as lib/security/headers.ts (this CommonJS file cannot import TypeScript).
const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No HTTP compression. A compressed page that holds names and also reflects what the visitor
  // typed (the search box) leaks those names through its size to anyone who can both prompt
  // requests and watch their length (BREACH). Compressing also cost a third of the server's CPU
  // for a 50-row /cases page. A reverse proxy may compress the static files under /_next/static.
  compress: false,
  // Native modules stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  typedRoutes: false,
  experimental: {
    // Server actions take small forms only (1 MiB); CSV imports (up to 20 MiB, plus the multipart
    // envelope) arrive at the route handler POST /api/v1/import. The per-route limits are enforced
    // with a 413 by proxy.ts (lib/security/body-limit.ts). Next buffers a body for the proxy up to proxyClientMaxBodySize
    // and silently truncates beyond it: it stays above the largest limit, so an oversized chunked
    // body still counts as oversized there.
    serverActions: { bodySizeLimit: "1mb" },
    proxyClientMaxBodySize: "22mb",
  },
  // proxy.ts sets these (with the CSP, HSTS and Cache-Control) on everything it answers; this
  // covers what it does not see, the static files under /_next/static.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
